"""The small shared vocabulary of Netzwerkradar: keys, terms, paths and periods.

Imported by etl/, analysis/, ui/ and pages/; imports none of them (and never streamlit), so both
the write side and the read side speak the same words without depending on each other.
"""
