"""Regelcheck: each Fachgruppe against the Grundprinzipien §6 (6.3, 6.4, 6.6) with clause and evidence."""

from datetime import date

import streamlit as st

from analysis import rules
from analysis.tables import plain_markdown as plain
from ui.data import data, has_data
from ui.explore import clickable_table
from ui.format import LIGHT_MARKS, coloured, hide, scope_stem
from ui.guard import page_start
from ui.widgets import download_buttons, empty_notice, report_downloads
from vocab.periods import DATE_FORMAT
from vocab.terms import LIFECYCLE_LABELS, LIGHT_LABELS

f = page_start()

st.title("Regelcheck")
if not has_data():
    empty_notice()
    st.stop()


as_of = date.fromisoformat(f.period.end)
group_id = data(rules.checked_group, f.group_id)
if f.group_id is not None and group_id is None:
    st.info(f"Die Grundprinzipien §6 gelten für Fachgruppen; „{plain(f.group_name)}“ ist keine. "
            "Gezeigt werden alle Fachgruppen.")
st.caption(f"Stichtag {as_of:{DATE_FORMAT}} (Ende des Zeitraums „{f.period.label}“); geprüft werden die zwölf Monate "
           f"davor. {LIGHT_MARKS['green']} erfüllt · {LIGHT_MARKS['yellow']} prüfen: knapp erfüllt, nicht belegt oder "
           f"noch nicht fällig · {LIGHT_MARKS['red']} nicht erfüllt")

results = hide(data(rules.check_rules, as_of, group_id), texts=["evidence"])
if results.empty:
    st.info("Zum Stichtag gibt es keine Fachgruppe, die zu prüfen wäre.")
else:
    st.subheader("Alle Fachgruppen" if group_id is None else "Übersicht")
    summary = rules.summary(results)
    group_ids = dict(zip(results["group"], results["group_id"], strict=False))
    clickable_table(coloured(summary, *[c for c in summary.columns if c.startswith("§")]),
                    [group_ids[g] for g in summary["Gruppe"]], key="rules_summary_table", kind="group",
                    hide_index=True)
    st.caption("Klick auf eine Zeile öffnet das Profil der Gruppe: Mitglieder mit Rollen und Anwesenheit.")
    download_buttons(scope_stem("regelcheck", f), key="rules_summary", sheet="Regelcheck",
                     df=results.assign(light=results["light"].map(LIGHT_LABELS),
                                       lifecycle=results["lifecycle"].map(LIFECYCLE_LABELS))
                     [["group", "lifecycle", "rule", "title", "light", "evidence", "clause"]]
                     .rename(columns={"group": "Gruppe", "lifecycle": "Status", "rule": "§", "title": "Regel",
                                      "light": "Ergebnis", "evidence": "Nachweis", "clause": "Wortlaut"}))

by_group: dict[tuple[str, str], list[dict]] = {}  # one pass over the rows: a frame per group is slow with hundreds
for row in results.to_dict("records"):
    by_group.setdefault((row["group"], row["lifecycle"]), []).append(row)
detailed = list(by_group.items())
if len(detailed) > rules.GROUPS_DETAILED:  # a large network: the table above has them all, the details on request
    if not st.toggle(f"Alle {len(detailed)} Fachgruppen im Einzelnen zeigen (sonst die {rules.GROUPS_DETAILED} mit den "
                     "meisten Verstößen)", key="rules_all_groups"):
        detailed = sorted(detailed, key=lambda item: -sum(c["light"] == "red" for c in item[1]))[:rules.GROUPS_DETAILED]
for (name, stage), checks in detailed:
    red = sum(check["light"] == "red" for check in checks)
    label = f"{plain(name)} – {LIFECYCLE_LABELS[str(stage)]}"
    if red:
        label += f" – {red} {'Verstoß' if red == 1 else 'Verstöße'}"
    with st.expander(label, expanded=group_id is not None or red > 0):
        for check in checks:
            light = check["light"]
            # Result and evidence in one element, the rule's wording under it: with 300 groups every element
            # counts (each is a message to the browser, also in a closed expander).
            st.markdown(f"{LIGHT_MARKS[light]} **§ {check['rule']} {plain(check['title'])}** "
                        f"({LIGHT_LABELS[light]})  \n{plain(check['evidence'])}")
            st.caption(plain(check["clause"]))
            if check["rule"] == "6.3" and group_id is not None:  # one group: its partners, each opening a profile
                months = next(r.months for r in rules.RULES if r.id == "6.3")
                partners = data(rules.partner_evidence, check["group_id"], as_of, months)
                if not partners.empty:
                    clickable_table(partners[["organisation", "meetings"]].rename(columns={
                        "organisation": "Organisation", "meetings": "Sitzungen anwesend"}),
                        partners["org_id"].tolist(), key=f"rules_partners_{check['group_id']}", hide_index=True)
                    st.caption("Klick auf eine Zeile öffnet das Profil der Organisation.")

st.subheader("Jahresbericht an die AG Transfer")
report_downloads("rules", f.group_id, as_of, f.hide_names)
