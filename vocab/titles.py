"""Titles and salutations as German offices write them around a person's name, defined once.

The parser (finding the person in 'Frau Prof. Dr.-Ing. Anna Berg M.A.'), the name keys (erasure,
exclusions, pseudonyms) and the accuracy benchmark (comparing names without titles) all strip the same
words, so a title one part knows no other part mistakes for a first name.
"""

from __future__ import annotations

# Salutations, longest first ('Herrn' before 'Herr').
SALUTATIONS = ("Herrn", "Herr", "Frau", "Hr.", "Fr.")
# The same as a regular-expression group (for patterns that embed it).
SALUTATION_PATTERN = r"(?:Herrn?|Frau|Hr\.|Fr\.)"

# Academic titles in front of a name, the frequent forms (longest first where one begins another).
TITLES = ("Prof. Dr.-Ing.", "Prof. Dr.", "Dr.-Ing.", "Dipl.-Ing.", "Dipl.-Kfm.", "Dipl.-Kffr.",
          "Dipl.-Psych.", "Dipl.-Päd.", "Prof.", "Dr.", "Mag.", "M.A.", "M.Sc.", "B.A.", "B.Sc.")

# Rarer titles in front of a name ('Dipl.-Betriebsw.', 'Dr. rer. nat.', 'apl. Prof.', 'Dipl.-Ing. (FH)'),
# one or more, each followed by optional space. '⁽FH⁾' is '(FH)' as the parser protects it from splitting.
TITLE_PREFIX_PATTERN = (
    r"^(?:(?:apl\.\s?Prof\.|Prof\.|Jun\.-Prof\.|Dr\.(?:-[A-Z][a-z]{0,5}\.)?(?:\s?(?:rer|phil|med|jur|oec|habil|h\.\s?c)"
    r"\.(?:\s?(?:nat|pol|soc|oec)\.)?)*|Dipl\.-[A-ZÄÖÜ][\wäöü]{0,14}\.?(?:\s?\((?:FH|TU|Univ\.)\))?"
    r"|PD|Priv\.-Doz\.|Ing\.|Mag\.|MBA|MdB|MdL|MdEP|M\.\s?A\.|B\.\s?A\.|M\.\s?Sc\.|B\.\s?Sc\.|M\.\s?Eng\."
    r"|B\.\s?Eng\.|LL\.\s?M\.|RA(?:in)?|StB|WP|Pfr\.|Dres\.|Prof\.\s?em\."
    # a civil servant's rank as the files of a ministry, a school or a town hall write it ('StR', 'MRin', 'LtdRD')
    r"|(?:O?St[RD]|O?RR|Ltd\.?\s?RD|RD|MinR|MR|MinDirig|O?AR|KR|VR)(?:in)?(?=\s)"
    # the parts of a degree written apart from 'Dr.' ('Prof. Dr. rer. nat.', 'Dr. Dr. h. c.', 'Dipl.-Ing. (FH)')
    r"|(?:rer|phil|med|jur|oec|habil|nat|pol|soc|dent|vet|theol|paed|agr|publ|math|techn|h\.\s?c)\.(?=\s)"
    r"|\((?:FH|TU|Univ\.|BA|DH)\)|⁽(?:FH|TU|Univ\.|BA|DH)⁾)\s*)+")

# Titles written after a name ('Barbara Heinemann MdB', 'Ewa Kamińska M.A.', 'Holzapfel, Rainer, Dipl.-Ing.').
TITLE_AFTER = (r"MdB|MdL|MdEP|M\.\s?A\.|B\.\s?A\.|M\.\s?Sc\.|B\.\s?Sc\.|M\.\s?Eng\.|B\.\s?Eng\.|MBA|LL\.\s?M\."
               r"|Ph\.\s?D\.|PhD|a\.\s?D\.|Dipl\.-[A-ZÄÖÜ][\wäöü]{0,14}\.")
TITLE_SUFFIX_PATTERN = rf"(?:,?\s+(?:{TITLE_AFTER}))+$"
# One title standing alone after a comma ('…, MdB', '…, Dipl.-Ing. (FH)', '…, Dr.').
TITLE_ALONE_PATTERN = rf"(?:{TITLE_AFTER})(?:\s?[(⁽](?:FH|TU)[)⁾])?|Dr\.(?:-Ing\.)?|Prof\.(?:\s?Dr\.)?"

# Salutation and title words as they remain once a name is lower-cased and its punctuation dropped
# ('Frau Dr.-Ing. M.A.' -> 'frau dr ing m a'): what a comparison of names leaves out.
TITLE_WORDS_PATTERN = r"\b(frau|herr|hr|fr|dr|prof|dipl|ing|med|rer|nat|phil|pd|mba|m\s?a|b\s?a)\b\.?"
