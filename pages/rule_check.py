"""Regelcheck: each Fachgruppe against the Grundprinzipien §6 (6.3, 6.4, 6.6) with clause and evidence."""

from datetime import date

import streamlit as st

from analysis import overview, rules
from analysis.export import plain_markdown as plain
from pages.shared import (
    data,
    download_buttons,
    empty_notice,
    filters,
    has_data,
    hide,
    report_downloads,
    scope_stem,
)

st.title("Regelcheck")
if not has_data():
    empty_notice()
    st.stop()


f = filters()
as_of = date.fromisoformat(f.period.end)
group_id = f.group_id
if group_id is not None:
    groups = data(overview.groups)
    if "fachgruppe" not in set(groups.loc[groups["id"] == group_id, "kind"]):
        st.info(f"Die Grundprinzipien §6 gelten für Fachgruppen; „{plain(f.group_name)}“ ist keine. "
                "Gezeigt werden alle Fachgruppen.")
        group_id = None
st.caption(f"Stichtag {as_of:%d.%m.%Y} (Ende des Zeitraums „{f.period.label}“); geprüft werden die zwölf Monate "
           "davor. 🟢 erfüllt · 🟡 prüfen: knapp erfüllt, nicht belegt oder noch nicht fällig · 🔴 nicht erfüllt")

results = hide(data(rules.check_rules, as_of, group_id), texts=["evidence"])
if results.empty:
    st.info("Zum Stichtag gibt es keine Fachgruppe, die zu prüfen wäre.")
else:
    st.subheader("Alle Fachgruppen" if group_id is None else "Übersicht")
    summary = rules.summary(results)
    st.dataframe(summary, hide_index=True)
    download_buttons(scope_stem("regelcheck", f), key="rules_summary", sheet="Regelcheck",
                     df=results.assign(light=results["light"].map(rules.LIGHT_LABELS),
                                       lifecycle=results["lifecycle"].map(rules.LIFECYCLE_LABELS))
                     [["group", "lifecycle", "rule", "title", "light", "evidence", "clause"]]
                     .rename(columns={"group": "Gruppe", "lifecycle": "Status", "rule": "§", "title": "Regel",
                                      "light": "Ergebnis", "evidence": "Nachweis", "clause": "Wortlaut"}))

for (name, stage), checks in (results.groupby(["group", "lifecycle"], sort=False) if not results.empty else ()):
    red = int((checks["light"] == "red").sum())
    label = f"{plain(name)} – {rules.LIFECYCLE_LABELS[stage]}"
    if red:
        label += f" – {red} {'Verstoß' if red == 1 else 'Verstöße'}"
    with st.expander(label, expanded=group_id is not None or red > 0):
        for check in checks.to_dict("records"):
            light = check["light"]
            st.markdown(f"{rules.LIGHTS[light]} **§ {check['rule']} {plain(check['title'])}** "
                        f"({rules.LIGHT_LABELS[light]})")
            st.caption(plain(check["clause"]))
            st.markdown(plain(check["evidence"]))

st.subheader("Jahresbericht an die AG Transfer")
report_downloads("rules", f.group_id, as_of, f.hide_names)
