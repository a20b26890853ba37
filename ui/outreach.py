"""Ansprache verfolgen, drawn on Inaktive Partner: last contact and Wiedervorlage per organisation, the record
form for editors and the „E-Mail-Entwurf“ (a mailto: link: the user's mail program opens, the app sends nothing).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from analysis import outreach
from analysis.contacts import Contact
from analysis.pseudonymise import Pseudonyms
from analysis.tables import plain_markdown
from etl.maintain import fieldwork
from ui.access import Access
from ui.data import data
from ui.editing import prepared_source, remember
from vocab.periods import german_date as de
from vocab.terms import OUTREACH_CHANNELS

LAST, FOLLOW_UP = "Letzte Ansprache", "Wiedervorlage"
DUE_STYLE = "background-color: #fde2e1; color: #8a1c12; font-weight: 600"


def with_outreach(listed: pd.DataFrame, org_ids: list[str], last: pd.DataFrame,
                  pseudo: Pseudonyms | None) -> pd.DataFrame:
    """The Ansprache-Liste plus the last recorded contact and its Wiedervorlage („fällig seit …“ when due)."""
    found = {r["org_id"]: r for r in last.to_dict("records")}
    out = listed.copy()
    texts, follow = [], []
    for org in org_ids:
        row = found.get(org)
        summary = outreach.contact_summary(row) if row else ""
        texts.append(str(pseudo.text(summary)) if pseudo and summary else summary)
        if row and isinstance(row["follow_up"], str) and row["follow_up"]:
            follow.append(f"fällig seit {de(row['follow_up'])}" if row["due"] else de(row["follow_up"]))
        else:
            follow.append("")
    at = list(out.columns).index("Status") + 1 + int("Ansprechpersonen" in out.columns)
    out.insert(at, LAST, texts)
    out.insert(at + 1, FOLLOW_UP, follow)
    return out


def highlight_due(styled: Styler) -> Styler:
    """Due follow-ups in red, so they stand out in the long list."""
    return styled.map(lambda v: DUE_STYLE if str(v).startswith("fällig") else "", subset=[FOLLOW_UP])


def due_notice(listed: pd.DataFrame) -> None:
    due = listed[listed[FOLLOW_UP].astype(str).str.startswith("fällig")]  # empty list: a float column
    if not due.empty:
        items = "; ".join(f"{o} ({w.removeprefix('fällig seit ')})" for o, w in zip(due["Organisation"],
                                                                                    due[FOLLOW_UP], strict=True))
        st.warning(plain_markdown(f"Wiedervorlage fällig: {items}"), icon=":material/notifications_active:")


def section(partners: pd.DataFrame, group_id: str, group_name: str, as_of: date, rights: Access, db: Path,
            pseudo: Pseudonyms | None) -> None:
    """Per organisation: its recorded contacts, the mail draft, and (editors) the form to record a contact."""
    st.subheader("Ansprache")
    names = dict(zip(partners["org_id"], partners["organisation"], strict=True))
    order = list(names)
    org_id = st.selectbox("Organisation", order, format_func=names.__getitem__, key=f"outreach_org_{group_id}")
    if org_id is None:
        return
    people: list[Contact] = next((c for o, c in zip(partners["org_id"], partners["contacts"], strict=True)
                                  if o == org_id), [])
    shown_names = [c.name for c in people]
    draft = data(outreach.mail_draft, group_id, org_id, as_of, shown_names if not pseudo else None)
    left, right = st.columns([1, 2], vertical_alignment="center")
    left.link_button("E-Mail-Entwurf", draft.link, icon=":material/mail:", width="stretch",
                     help="Öffnet Ihr E-Mail-Programm mit einem Entwurf an die Ansprechpersonen; "
                          "Netzwerkradar selbst verschickt nichts.")
    if pseudo:  # the addresses are left out on purpose (they name the person): not "unknown"
        right.caption("Namen ausgeblendet: Der Entwurf öffnet ohne Empfänger und Namen – zum Einsetzen „Namen "
                      "ausblenden“ in der Seitenleiste ausschalten.")
    else:
        right.caption(f"An: {', '.join(draft.to)}" if draft.to else "Keine E-Mail-Adresse bekannt (Spalte „email“ "
                      "in people.csv) – der Entwurf öffnet ohne Empfänger.")
    history(org_id, pseudo, f"outreach_history_{org_id}")
    if rights.can_edit:
        record_form(names[org_id], group_name, as_of, rights, db)


def history(org_id: str, pseudo: Pseudonyms | None, key: str, with_group: bool = False) -> bool:
    """The contacts recorded with one organisation, newest first; False when there are none."""
    found = data(outreach.organisation_outreach, org_id)
    if found.empty:
        return False
    frame = pd.DataFrame({"Datum": [de(d) for d in found["date"]],
                          **({"Gruppe": found["group"].fillna("–")} if with_group else {}),
                          "Wer": [str(pseudo.text(w)) if pseudo and isinstance(w, str) else (w or "–")
                                  for w in found["who"]],
                          "Kanal": found["channel"].fillna("–"), "Ergebnis": found["result"].fillna("–"),
                          "Wiedervorlage": [de(d) if isinstance(d, str) else "–" for d in found["follow_up"]],
                          "Notiz": [str(pseudo.text(n)) if pseudo and isinstance(n, str) else (n or "–")
                                    for n in found["note"]]})
    st.dataframe(frame, hide_index=True, key=key)
    return True


def record_form(organisation: str, group_name: str, as_of: date, rights: Access, db: Path) -> None:
    with st.form("outreach_form", clear_on_submit=True):
        st.markdown(f"**Kontakt erfassen: {plain_markdown(organisation)}**")
        c1, c2 = st.columns(2)
        day = c1.date_input("Datum", value=as_of, format="DD.MM.YYYY", key="outreach_date")
        who = c2.text_input("Wer hat Kontakt aufgenommen?", key="outreach_who")
        channel = st.segmented_control("Kanal", OUTREACH_CHANNELS, default=OUTREACH_CHANNELS[0],
                                       key="outreach_channel")
        result = st.text_input("Ergebnis", key="outreach_result", placeholder="z. B. kommt zur nächsten Sitzung")
        c1, c2 = st.columns(2)
        follow_up = c1.date_input("Wiedervorlage (optional)", value=None, format="DD.MM.YYYY",
                                  key="outreach_follow")
        note = c2.text_input("Notiz (optional)", key="outreach_note")
        submitted = st.form_submit_button("Kontakt speichern", type="primary", key="outreach_save")
    if not submitted:
        return
    row = {"date": day.isoformat() if isinstance(day, date) else as_of.isoformat(), "organisation": organisation,
           "group": group_name, "who": who, "channel": channel or "", "result": result,
           "follow_up": follow_up.isoformat() if isinstance(follow_up, date) else "", "note": note}
    try:
        with st.spinner("Der Kontakt wird gespeichert, die Datenbank wird neu gebaut …"):
            remember(fieldwork.add_outreach(prepared_source(), db, row, rights.who))
    except fieldwork.ErasedPerson as exc:
        st.error(str(exc))
        return
    st.rerun()
