"""Build the complete demo world from one seeded random generator.

Unit 0 is the hand-made network (the groups, partners and stories the dashboard exists to
reveal); every further scale unit adds generated partners, groups and projects of its own.
Order of random draws is fixed (lists, never sets), so a seed always yields the same world.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from demo import names as N
from demo.model import (
    AS_OF,
    NORMAL,
    Attendance,
    Group,
    Meeting,
    Org,
    Period,
    Person,
    Project,
    ProtocolSpec,
    Seat,
)
from vocab.keys import name_key

END = date(2100, 1, 1)
NameDraw = tuple[str, str, tuple[str, ...]]  # (name, short name, aliases)
_UMLAUT_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_SEED_PROTOCOL_DAY = date(2021, 6, 8)


def d(text: str) -> date:
    """ISO text to date; keeps the tables below readable."""
    return date.fromisoformat(text)


@dataclass
class World:
    """Everything the writers need; lists keep generation order, which is also output order."""

    orgs: list[Org] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    reports: list[tuple[Group, int, date]] = field(default_factory=list)
    by_name: dict[str, Org] = field(default_factory=dict)
    group_by_name: dict[str, Group] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)  # membership tests only, never iterated
    person_keys: set[str] = field(default_factory=set)
    stranger: Attendance | None = None

    def meetings_of(self, group: Group) -> list[Meeting]:
        return [m for m in self.meetings if m.group is group]


# --------------------------------------------------------------------------- organisations

# name, short, type, region, aliases, partner_since, extra spellings used in references
# fmt: off
BASE_ORGS: tuple[tuple[str, str, str, str, tuple[str, ...], str, tuple[str, ...]], ...] = (
    ("Bundesanstalt für Arbeitsschutz und Arbeitsmedizin", "BAuA", "Bundesbehörde", "Nordrhein-Westfalen",
     ("Bundesanstalt Arbeitsschutz",), "2012-01-25", ("BauA", "BAUA")),
    ("Institut für Technik der Betriebsführung", "itb", "Forschungsinstitut", "Baden-Württemberg",
     ("itb im DHI",), "2012-01-25", ("ITB",)),
    ("Projektgesellschaft Handwerk", "PSG", "Beratung", "Niedersachsen",
     ("Projektgesellschaft Handwerk mbH",), "2016-03-01", ("Psg",)),
    ("Stiftung Mittelstand – Gesellschaft – Verantwortung", "Stiftung MGV", "Stiftung",
     "Nordrhein-Westfalen", ("MGV-Stiftung",), "2012-01-25",
     ("Stiftung-Mittelstand-Gesellschaft-Verantwortung",)),
    ("Handwerkskammer Hannover-Leine", "HWK Hannover-Leine", "Handwerkskammer", "Niedersachsen",
     ("Kammer Hannover", "HWK H-L"), "2014-05-12", ("Handwerkskammer Hannover Leine",)),
    ("Handwerkskammer Mittelweser", "HWK Mittelweser", "Handwerkskammer", "Niedersachsen",
     ("Kammer Mittelweser",), "2015-09-01", ()),
    ("Handwerkskammer Südheide", "HWK Südheide", "Handwerkskammer", "Niedersachsen", ("Kammer Südheide",),
     "2018-11-20", ("HWK Suedheide",)),
    ("Handwerkskammer Rhein-Lahn", "HWK Rhein-Lahn", "Handwerkskammer", "Rheinland-Pfalz", (),
     "2017-04-03", ()),
    ("Handwerkskammer Oberlausitz-Spree", "HWK Oberlausitz", "Handwerkskammer", "Sachsen",
     ("Kammer Oberlausitz",), "2019-02-14", ()),
    ("Handwerkskammer Münsterland-Ems", "HWK Münsterland", "Handwerkskammer", "Nordrhein-Westfalen", (),
     "2018-10-01", ("Handwerkskammer Muensterland-Ems",)),
    ("Handwerkskammer Allgäu-Bodensee", "HWK Allgäu", "Handwerkskammer", "Bayern", (), "2014-09-30", ()),
    ("Innung Sanitär-Heizung-Klima Hannover", "SHK-Innung Hannover", "Innung", "Niedersachsen", (),
     "2018-06-01", ("SHK Innung Hannover",)),
    ("Tischler-Innung Weserbergland", "", "Innung", "Niedersachsen", ("Tischlerinnung Weserbergland",),
     "2016-12-01", ("Tischler Innung Weserbergland",)),
    ("Elektro-Innung Kassel-Nordhessen", "", "Innung", "Hessen", ("Elektroinnung Kassel",), "2021-11-15",
     ()),
    ("Bäcker-Innung Südniedersachsen", "", "Innung", "Niedersachsen", ("Bäckerinnung Südniedersachsen",),
     "2019-01-01", ("Baecker-Innung Suedniedersachsen",)),
    ("Maler- und Lackierer-Innung Dortmund-Ruhr", "Maler-Innung Dortmund", "Innung", "Nordrhein-Westfalen",
     (), "2019-03-01", ()),
    ("Dachdecker-Innung Rheinhessen", "", "Innung", "Rheinland-Pfalz", (), "", ()),
    ("Fachverband Elektro- und Informationstechnik Nord", "FEI Nord", "Fachverband", "Hamburg",
     ("Elektro-Fachverband Nord",), "2016-04-18", ("FEI-Nord",)),
    ("Fachverband Holz und Kunststoff Mitte", "FHK Mitte", "Fachverband", "Hessen", (), "2019-12-01", ()),
    ("Landesverband Metall Niedersachsen-Bremen", "LV Metall", "Fachverband", "Niedersachsen",
     ("Metall-Landesverband",), "2021-02-01", ()),
    ("Fachverband Sanitär Heizung Klima Westfalen", "FV SHK Westfalen", "Fachverband",
     "Nordrhein-Westfalen", (), "2020-10-12", ()),
    ("Bundesverband Gebäudetechnik-Handwerk", "BVGH", "Fachverband", "Berlin", (), "2013-07-01", ()),
    ("Fachverband Friseur und Kosmetik Sachsen", "FFK Sachsen", "Fachverband", "Sachsen", (), "2019-11-01",
     ()),
    ("Landesinnungsverband des Kfz-Gewerbes Niedersachsen", "LIV Kfz Niedersachsen", "Fachverband",
     "Niedersachsen", (), "2020-06-15", ()),
    ("Institut für Arbeitsgestaltung im Mittelstand", "IAGM", "Forschungsinstitut", "Nordrhein-Westfalen",
     (), "2013-03-01", ()),
    ("Forschungsinstitut Digitale Arbeitswelten", "FIDA", "Forschungsinstitut", "Berlin", (), "2017-11-01",
     ()),
    ("Zentrum für Gesundheit im Betrieb", "ZGB", "Forschungsinstitut", "Hamburg",
     ("Gesundheitszentrum Betrieb",), "2016-09-01", ()),
    ("Institut für Berufsbildung im Handwerk Nord", "IBH Nord", "Forschungsinstitut", "Schleswig-Holstein",
     (), "2019-08-01", ()),
    ("Hochschule für Technik und Wirtschaft Weserland", "HTW Weserland", "Forschungsinstitut", "Bremen",
     (), "2020-01-20", ()),
    ("Stiftung Zukunft Handwerk", "SZH", "Stiftung", "Bayern", (), "2013-10-01", ()),
    ("Stiftung Arbeit und Gesundheit Rhein-Main", "Stiftung AGRM", "Stiftung", "Hessen", (), "2016-05-01",
     ()),
    ("Bundesstelle für Fachkräfteentwicklung", "BSFE", "Bundesbehörde", "Nordrhein-Westfalen", (),
     "2018-01-01", ("Bundesstelle fuer Fachkraefteentwicklung",)),
    ("Bundesamt für Mittelstandsförderung", "BfMF", "Bundesbehörde", "Berlin", (), "2012-01-25", ()),
    ("Kessler & Partner Unternehmensberatung", "Kessler & Partner", "Beratung", "Bayern", (), "2015-06-01",
     ()),
    ("Betriebsberatung Nordlicht GmbH", "Nordlicht", "Beratung", "Niedersachsen",
     ("Nordlicht Betriebsberatung",), "2018-03-01", ()),
    ("Lindner Organisationsberatung", "", "Beratung", "Baden-Württemberg", (), "", ()),
    ("Arbeitsfähig! Beratung für Gesundheit und Arbeit", "Arbeitsfähig", "Beratung", "Hamburg", (),
     "2016-09-01", ("Arbeitsfaehig",)),
    ("Digitalwerk Mittelstand Beratung GmbH", "Digitalwerk", "Beratung", "Sachsen", (), "2018-02-01", ()),
    ("Unternehmerfrauen im Handwerk Hannover", "UFH Hannover", "Unternehmerfrauen", "Niedersachsen", (),
     "2018-05-01", ()),
    ("Unternehmerfrauen im Handwerk Landesverband Niedersachsen", "UFH Niedersachsen", "Unternehmerfrauen",
     "Niedersachsen", ("UFH LV Niedersachsen",), "2017-10-01", ()),
    ("Unternehmerfrauen im Handwerk Bayern", "UFH Bayern", "Unternehmerfrauen", "Bayern", (), "2019-07-01",
     ()),
    ("Kreishandwerkerschaft Leinebergland", "KH Leinebergland", "Kreishandwerkerschaft", "Niedersachsen",
     (), "2022-09-01", ()),
)
# fmt: on

_EXTRA_PEOPLE = {"itb": 1, "PSG": 1, "BAuA": 1, "ZGB": 1}

# The four organisations of the real seed protocol; README and tests refer to these labels.
SEED_ORGS = ("BAuA", "itb", "PSG", "Stiftung MGV")


def _free(world: World, *texts: str) -> bool:
    keys = [name_key(t) for t in texts if t]
    return len(set(keys)) == len(keys) and not any(k in world.keys for k in keys)


def _add_org(world: World, org: Org) -> Org:
    """Register an organisation; every name, short name and alias must be a new key."""
    texts = [org.name, org.short, *org.aliases]
    if not _free(world, *texts):
        raise ValueError(f"organisation name clash: {org.name}")
    for text in texts:
        if text:
            world.keys.add(name_key(text))
    world.orgs.append(org)
    world.by_name[org.label] = org
    world.by_name[org.name] = org
    return org


def _auto_spellings(name: str) -> tuple[str, ...]:
    """Spellings that fold to the same key: umlauts written out, as on keyboards without them."""
    folded = name.translate(_UMLAUT_FOLD)
    return (folded,) if folded != name else ()


# --------------------------------------------------------------------------- people


def _title(org_type: str, rng: random.Random) -> str:
    r = rng.random()
    if org_type == "Forschungsinstitut":
        return "Prof. Dr." if r < 0.15 else ("Dr." if r < 0.5 else ("Dipl.-Ing." if r < 0.6 else ""))
    if org_type == "Bundesbehörde":
        return "Dr." if r < 0.4 else ("Dipl.-Ing." if r < 0.5 else "")
    if org_type == "Beratung":
        return "Dipl.-Psych." if r < 0.08 else ("Dipl.-Kfm." if r < 0.2 else ("Dr." if r < 0.28 else ""))
    if org_type in ("Handwerkskammer", "Fachverband"):
        return "Dipl.-Ing." if r < 0.15 else ("Dr." if r < 0.25 else "")
    return "Dipl.-Ing." if r < 0.08 else ""


def _make_person(world: World, org: Org, rng: random.Random, lasts: list[str] | None) -> Person:
    """A person with a name no one else in the demo has (and no name from the seed protocol)."""
    female = org.type == "Unternehmerfrauen" or rng.random() < 0.5
    for _ in range(1000):
        first = rng.choice(N.FEMALE if female else N.MALE)
        last = lasts.pop() if lasts else rng.choice(N.LAST)
        key = name_key(f"{first} {last}")
        if first != last and key not in world.person_keys:
            break
    else:  # pragma: no cover - the pools hold far more combinations than any scale needs
        raise RuntimeError("no free person name left")
    title = _title(org.type, rng)
    if title == "Dipl.-Kfm." and female:
        title = "Dipl.-Kffr."
    role = rng.choice(N.ROLES[org.type])[1 if female else 0]
    person = Person(first, last, female, org, role, title)
    world.person_keys.add(key)
    world.people.append(person)
    org.people.append(person)
    return person


# --------------------------------------------------------------------------- base groups


def _fade(*steps: tuple[str, float, float, float]) -> tuple[Period, ...]:
    return tuple(Period(d(until), p, e, a) for until, p, e, a in steps)


ALWAYS = (Period(END, 0.95, 0.05, 0.0),)
GREMIUM = (Period(END, 0.85, 0.1, 0.0),)
# Story 1: regular until 2023/24, then rarely (Mittelweser) or never (Tischler); FEI excused, then gone.
FADE_MITTELWESER = _fade(
    ("2024-01-01", 0.92, 0.06, 0.02),
    ("2025-01-01", 0.6, 0.2, 0.15),
    ("2025-04-01", 1.0, 0.0, 0.0),
    ("2100-01-01", 0.0, 0.0, 0.0),
)
FADE_TISCHLER = _fade(
    ("2024-01-01", 0.92, 0.06, 0.02), ("2024-07-01", 0.8, 0.2, 0.0), ("2100-01-01", 0.0, 0.0, 0.0)
)
FADE_FEI = _fade(
    ("2023-01-01", 0.85, 0.1, 0.05),
    ("2025-01-01", 0.0, 0.9, 0.1),
    ("2025-05-01", 0.0, 1.0, 0.0),
    ("2100-01-01", 0.0, 0.0, 0.0),
)
SOMETIMES = (Period(END, 0.6, 0.25, 0.1),)

# group name -> (label, role, since, until, periods, listed)
SeatRow = tuple[str, str, str, str, tuple[Period, ...], bool]


def _base_groups() -> list[tuple[Group, list[SeatRow]]]:
    fg, gr, nw = "fachgruppe", "gremium", "netzwerk"
    handwerk = Group(
        "Fachgruppe Handwerk",
        fg,
        "Austausch und Transfer von Projekten für Handwerksorganisationen",
        d("2015-04-21"),
        parent="AG Transfer",
        months=(3, 6, 11),
        start_times=("12:30", "10:00", "13:00"),
        minutes=(90, 120, 150),
        pool="handwerk",
        report_years=(2015, 2025),
        fixed_dates=(_SEED_PROTOCOL_DAY,),
    )
    gesund = Group(
        "Fachgruppe Gesunde Arbeit",
        fg,
        "Gesundheit und psychische Belastung in kleinen Betrieben",
        d("2017-02-14"),
        parent="AG Transfer",
        months=(2, 6, 10),
        start_times=("09:30", "14:00"),
        minutes=(120, 150),
        pool="gesund",
        report_years=(2017, 2025),
        guests_until=d("2025-06-01"),
        profile="few",
    )
    digital = Group(
        "Fachgruppe Digitalisierung im Mittelstand",
        fg,
        "Digitale Werkzeuge und KI in KMU und Handwerk",
        d("2018-05-15"),
        parent="AG Transfer",
        months=(1, 5, 9),
        start_times=("10:00", "13:30"),
        minutes=(120, 180),
        pool="digital",
        report_years=(2018, 2024),
        profile="noreport",
    )
    fachkraefte = Group(
        "Fachgruppe Fachkräftesicherung",
        fg,
        "Gewinnung und Bindung von Fachkräften und Auszubildenden",
        d("2019-09-10"),
        parent="AG Transfer",
        months=(3, 6, 11),
        last_meeting=d("2025-06-30"),
        start_times=("10:00",),
        minutes=(120, 150),
        pool="fachkraefte",
        report_years=(2019, 2024),
        profile="stopped",
    )
    demografie = Group(
        "Fachgruppe Demografischer Wandel",
        fg,
        "Alternsgerechte Arbeit und Wissenstransfer zwischen Generationen",
        d("2015-02-03"),
        parent="AG Transfer",
        dissolved=d("2019-11-19"),
        months=(4, 10),
        last_meeting=d("2019-06-30"),
        start_times=("10:00", "13:00"),
        minutes=(120,),
        pool="demografie",
        report_years=(2015, 2017),
        profile="dissolved",
    )
    netz = Group(
        "Regionales Netzwerk Hannover",
        nw,
        "Regionale Vernetzung der Partner in der Region Hannover",
        d("2018-09-04"),
        parent="Koordinierungsteam",
        months=(4, 9),
        start_times=("16:00", "15:00"),
        minutes=(120,),
        pool="netzwerk",
    )
    ag = Group(
        "AG Transfer",
        gr,
        "Transfer der Ergebnisse aus Fachgruppen und Projekten",
        d("2014-06-03"),
        parent="Strategiekreis",
        months=(3, 10),
        start_times=("10:00",),
        minutes=(180, 240),
        pool="ag",
    )
    kt = Group(
        "Koordinierungsteam",
        gr,
        "Steuerung und Vorbereitung der Gremienarbeit",
        d("2013-01-15"),
        parent="Strategiekreis",
        months=(2, 9),
        start_times=("09:00", "14:00"),
        minutes=(120,),
        pool="kt",
    )
    sk = Group(
        "Strategiekreis",
        gr,
        "Strategische Ausrichtung des Netzwerks",
        d("2012-01-25"),
        months=(5, 11),
        start_times=("11:00",),
        minutes=(180,),
        pool="sk",
        fixed_dates=(d("2019-11-19"),),
    )
    for group in (handwerk, gesund, digital, fachkraefte, demografie, netz, ag, kt, sk):
        group.first_meeting = max(group.founded, d("2015-01-01"))
    return [
        (
            handwerk,
            [
                ("itb", "lead", "2015-04-21", "", ALWAYS, True),
                ("BAuA", "member", "2015-04-21", "", NORMAL, True),
                ("Stiftung MGV", "member", "2015-04-21", "", NORMAL, True),
                ("HWK Hannover-Leine", "member", "2016-03-01", "", NORMAL, True),
                ("HWK Mittelweser", "member", "2016-03-01", "", FADE_MITTELWESER, True),
                ("FEI Nord", "member", "2016-06-01", "", FADE_FEI, True),
                ("Tischler-Innung Weserbergland", "member", "2017-01-15", "", FADE_TISCHLER, True),
                ("UFH Niedersachsen", "member", "2018-02-01", "", NORMAL, True),
                ("HWK Südheide", "member", "2019-01-10", "", NORMAL, True),
                ("Bäcker-Innung Südniedersachsen", "member", "2019-06-01", "", SOMETIMES, True),
                ("IBH Nord", "member", "2020-03-01", "", NORMAL, True),
                ("LIV Kfz Niedersachsen", "member", "2020-09-01", "", SOMETIMES, True),
                ("FV SHK Westfalen", "member", "2021-01-01", "", SOMETIMES, True),
                ("PSG", "lead", "2021-06-08", "", ALWAYS, True),
                ("KH Leinebergland", "member", "2023-01-01", "", NORMAL, True),
            ],
        ),
        (
            gesund,
            [
                ("ZGB", "lead", "2017-02-14", "", ALWAYS, True),
                ("Arbeitsfähig", "member", "2017-02-14", "", (Period(END, 0.9, 0.1, 0.0),), True),
                ("BAuA", "member", "2017-02-14", "2025-06-30", NORMAL, True),
                ("Stiftung AGRM", "member", "2017-02-14", "2025-03-31", NORMAL, True),
                ("IAGM", "member", "2018-03-01", "2025-10-31", SOMETIMES, True),
                ("Maler-Innung Dortmund", "member", "2019-05-01", "2025-09-30", NORMAL, True),
                ("FFK Sachsen", "member", "2020-01-15", "2024-12-31", SOMETIMES, True),
            ],
        ),
        (
            digital,
            [
                ("FIDA", "lead", "2018-05-15", "", ALWAYS, True),
                ("Digitalwerk", "lead", "2018-05-15", "", ALWAYS, True),
                ("itb", "member", "2018-05-15", "", NORMAL, True),
                ("BfMF", "member", "2018-05-15", "", NORMAL, True),
                ("HWK Münsterland", "member", "2019-02-01", "", NORMAL, True),
                ("FHK Mitte", "member", "2020-01-01", "", SOMETIMES, True),
                ("Lindner Organisationsberatung", "member", "2021-04-01", "", NORMAL, True),
                ("Elektro-Innung Kassel-Nordhessen", "member", "2022-01-01", "", SOMETIMES, True),
            ],
        ),
        (
            fachkraefte,
            [
                ("BSFE", "lead", "2019-09-10", "", ALWAYS, True),
                ("HWK Oberlausitz", "lead", "2019-09-10", "", ALWAYS, True),
                ("HWK Rhein-Lahn", "member", "2019-09-10", "", NORMAL, True),
                ("Dachdecker-Innung Rheinhessen", "member", "2019-09-10", "", SOMETIMES, True),
                ("SZH", "member", "2020-01-01", "", NORMAL, True),
                ("UFH Bayern", "member", "2020-03-01", "", NORMAL, True),
                ("Kessler & Partner", "member", "2021-02-01", "", NORMAL, True),
            ],
        ),
        (
            demografie,
            [
                ("SZH", "lead", "2015-02-03", "2019-11-19", ALWAYS, True),
                ("IAGM", "member", "2015-02-03", "2019-11-19", NORMAL, True),
                ("HWK Allgäu", "member", "2015-02-03", "2019-11-19", SOMETIMES, True),
                ("BVGH", "member", "2016-01-01", "2019-11-19", SOMETIMES, True),
                ("Stiftung MGV", "member", "2015-02-03", "2019-11-19", SOMETIMES, True),
            ],
        ),
        (
            netz,
            [
                ("HWK Hannover-Leine", "lead", "2018-09-04", "", ALWAYS, True),
                ("PSG", "lead", "2018-09-04", "", ALWAYS, True),
                ("SHK-Innung Hannover", "member", "2018-09-04", "", NORMAL, True),
                ("UFH Hannover", "member", "2018-09-04", "", NORMAL, True),
                ("Nordlicht", "member", "2018-09-04", "", NORMAL, True),
                ("KH Leinebergland", "member", "2019-01-01", "", NORMAL, True),
                ("Bäcker-Innung Südniedersachsen", "member", "2019-01-01", "", SOMETIMES, True),
                ("HTW Weserland", "member", "2020-02-01", "", SOMETIMES, True),
            ],
        ),
        (
            ag,
            [
                ("Stiftung MGV", "lead", "2014-06-03", "", ALWAYS, False),
                ("BAuA", "member", "2014-06-03", "", GREMIUM, False),
                ("itb", "member", "2015-04-21", "", GREMIUM, False),
                ("SZH", "member", "2014-06-03", "", GREMIUM, False),
                ("HWK Hannover-Leine", "member", "2014-06-03", "", GREMIUM, False),
                ("Kessler & Partner", "member", "2016-01-01", "", SOMETIMES, False),
                ("ZGB", "member", "2017-02-14", "", GREMIUM, False),
                ("FIDA", "member", "2018-05-15", "", GREMIUM, False),
                ("Digitalwerk", "member", "2018-05-15", "", SOMETIMES, False),
                ("BSFE", "member", "2019-09-10", "", GREMIUM, False),
                ("PSG", "member", "2021-06-08", "", GREMIUM, False),
            ],
        ),
        (
            kt,
            [
                ("Stiftung MGV", "lead", "2013-01-15", "", ALWAYS, False),
                ("BAuA", "member", "2013-01-15", "", GREMIUM, False),
                ("BfMF", "member", "2013-01-15", "", GREMIUM, False),
                ("Kessler & Partner", "member", "2015-06-01", "", GREMIUM, False),
                ("PSG", "member", "2016-03-01", "", GREMIUM, False),
            ],
        ),
        (
            sk,
            [
                ("Stiftung MGV", "lead", "2012-01-25", "", ALWAYS, False),
                ("BAuA", "member", "2012-01-25", "", GREMIUM, False),
                ("BfMF", "member", "2012-01-25", "", GREMIUM, False),
                ("BVGH", "member", "2013-07-01", "", GREMIUM, False),
                ("SZH", "member", "2013-10-01", "", GREMIUM, False),
                ("HWK Hannover-Leine", "member", "2014-05-12", "", GREMIUM, False),
                ("BSFE", "member", "2018-01-01", "", GREMIUM, False),
            ],
        ),
    ]


def _add_group(world: World, group: Group) -> Group:
    if name_key(group.name) in {name_key(g.name) for g in world.groups}:
        raise ValueError(f"group name clash: {group.name}")
    group.folder = group.folder or name_key(group.name)
    world.groups.append(group)
    world.group_by_name[group.name] = group
    return group


def _pick_reps(seat: Seat, rng: random.Random) -> None:
    people = list(seat.org.people)
    rng.shuffle(people)
    seat.reps = people[:2]


def _build_base(world: World, rng: random.Random) -> None:
    lasts = list(N.LAST)
    rng.shuffle(lasts)
    for name, short, typ, region, aliases, since, spellings in BASE_ORGS:
        org = Org(
            name, short, typ, region, aliases, d(since) if since else None, spellings + _auto_spellings(name)
        )
        org.fading = short in ("HWK Mittelweser", "FEI Nord") or name == "Tischler-Innung Weserbergland"
        _add_org(world, org)
    for org in list(world.orgs):
        for _ in range(2 + _EXTRA_PEOPLE.get(org.short, 0)):
            _make_person(world, org, rng, lasts)
    for group, rows in _base_groups():
        _add_group(world, group)
        for label, role, since, until, periods, listed in rows:
            seat = Seat(world.by_name[label], role, d(since), d(until) if until else None, periods, listed)
            _pick_reps(seat, rng)
            group.seats.append(seat)
    # A guest whose organisation is not on the partner list; the build creates it as new.
    stranger_org = Org("Autohaus Tiedtke GmbH", type="Betrieb", region="Niedersachsen")
    stranger = Person("Ralf", "Tiedtke", False, stranger_org, "Inhaber")
    world.stranger = Attendance(stranger_org, "guest", stranger)


# --------------------------------------------------------------------------- generated units


def _unique(world: World, make: Callable[[], NameDraw], tries: int = 60) -> NameDraw:
    """Draw (name, short, aliases) candidates until all their keys are new; then force a suffix."""
    for attempt in range(tries + 20):
        name, short, aliases = make()
        if attempt >= tries:
            name = f"{name} {attempt - tries + 2}"
            short, aliases = "", ()
        if not _free(world, name):
            continue
        if short and not _free(world, name, short):
            short = ""
        aliases = tuple(a for a in aliases if _free(world, name, short, a))
        return name, short, aliases
    raise RuntimeError("could not find a unique organisation name")


def _initials(text: str) -> str:
    return "".join(
        w[0].upper() for w in text.replace("-", " ").split() if w[0].isalpha() and w not in ("und",)
    )


UNIT_TYPES = (
    ("Handwerkskammer", 5),
    ("Innung", 10),
    ("Fachverband", 6),
    ("Forschungsinstitut", 5),
    ("Stiftung", 3),
    ("Bundesbehörde", 1),
    ("Beratung", 7),
    ("Unternehmerfrauen", 2),
    ("Kreishandwerkerschaft", 3),
)


def _org_candidate(typ: str, rng: random.Random) -> tuple[str, str, tuple[str, ...], str]:
    town, land = rng.choice(N.TOWNS)
    if typ == "Handwerkskammer":
        return f"Handwerkskammer {town}", f"HWK {town}", (f"Kammer {town}",), land
    if typ == "Innung":
        gewerk = rng.choice(N.GEWERKE)
        alias = (f"{gewerk}innung {town}",) if " " not in gewerk and "-" not in gewerk else ()
        return f"{gewerk}-Innung {town}", "", alias, land
    if typ == "Fachverband":
        branche = rng.choice(N.BRANCHEN)
        if rng.random() < 0.5:
            land = rng.choice(N.LAENDER)
            return f"Landesverband {branche} {land}", "", (), land
        region = rng.choice(N.REGIONS)
        return f"Fachverband {branche} {region}", f"FV {_initials(branche)} {region}", (), land
    if typ == "Forschungsinstitut":
        fach = rng.choice(N.FAECHER)
        return f"Institut für {fach[0].upper() + fach[1:]} {town}", f"I{_initials(fach)} {town}", (), land
    if typ == "Stiftung":
        return f"Stiftung {rng.choice(N.STIFTUNGSTHEMEN)} {town}", "", (), land
    if typ == "Bundesbehörde":
        head = rng.choice(("Bundesstelle", "Bundesamt", "Bundesinstitut"))
        thema = rng.choice(N.BEHOERDENTHEMEN)
        short = {"Bundesstelle": "BS", "Bundesamt": "BA", "Bundesinstitut": "BI"}[head] + _initials(thema)
        return f"{head} für {thema}", short, (), rng.choice(N.LAENDER)
    if typ == "Beratung":
        last = rng.choice(N.LAST)
        form = rng.choice(N.BERATUNGSFORMEN)
        short = f"{last} & Partner" if "& Partner" in form else ""
        return form.format(last=last), short, (), land
    if typ == "Unternehmerfrauen":
        return f"Unternehmerfrauen im Handwerk {town}", f"UFH {town}", (), land
    return f"Kreishandwerkerschaft {town}", f"KH {town}", (), land


FG_MONTHS = ((2, 6, 10), (3, 9), (1, 5, 9), (3, 6, 11), (4, 11), (3, 6, 9, 11))
UNIT_PROFILES = ("healthy", "healthy", "fading", "stopped", "few", "noreport")


def _rand_date(rng: random.Random, lo: date, hi: date) -> date:
    return lo + timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


@dataclass(frozen=True)
class Shape:
    """What one generated unit adds. The defaults are the scale units (42 organisations, six Fachgruppen
    and two regional networks of 4-8 seats each, four protocols); presets change the proportions."""

    orgs_per_type: int = 1  # multiplies UNIT_TYPES: organisations per unit
    fachgruppen: tuple[str, ...] = UNIT_PROFILES  # one Fachgruppe per profile (shuffled)
    networks: tuple[str, ...] = ("healthy", "fading")
    seats: tuple[int, int] = (4, 8)  # organisations per group, drawn uniformly
    founded: str = "2015-01-10"  # earliest founding day of a generated group
    founded_until: str = "2099-12-31"  # latest (each profile has its own latest day before this)
    projects: tuple[int, int] = (9, 13)
    protocol_share: float = 0.0  # share of the further meetings that get a protocol file
    formats: tuple[str, ...] = ("md", "txt", "docx", "pdf")  # their formats, in rotation


UNITS = Shape()


def _build_unit(world: World, rng: random.Random, shape: Shape = UNITS) -> list[Group]:
    orgs: list[Org] = []
    for typ, count in UNIT_TYPES:
        for _ in range(count * shape.orgs_per_type):
            region: list[str] = []

            def make(typ: str = typ, region: list[str] = region) -> tuple[str, str, tuple[str, ...]]:
                name, short, aliases, land = _org_candidate(typ, rng)
                region[:] = [land]
                return name, short, aliases

            name, short, aliases = _unique(world, make)
            since = None if rng.random() < 0.1 else _rand_date(rng, d("2012-01-01"), d("2024-06-30"))
            org = _add_org(world, Org(name, short, typ, region[0], aliases, since, _auto_spellings(name)))
            orgs.append(org)
    for org in orgs:
        for _ in range(2 + (rng.random() < 0.15)):
            _make_person(world, org, rng, None)

    profiles = list(shape.fachgruppen)
    rng.shuffle(profiles)
    if rng.random() < 0.4:
        profiles[profiles.index("healthy")] = "dissolved"
    groups = []
    for profile in profiles:
        groups.append(_unit_fachgruppe(world, profile, orgs, rng, shape))
    for profile in shape.networks:
        groups.append(_unit_network(world, profile, orgs, rng, shape))
    return groups


def _unique_group_name(world: World, candidates: list[str]) -> str:
    used = {name_key(g.name) for g in world.groups}
    for name in candidates:
        if name_key(name) not in used:
            return name
    base = candidates[0]
    for n in range(2, 10_000):
        if name_key(f"{base} {n}") not in used:
            return f"{base} {n}"
    raise RuntimeError("no unique group name")  # pragma: no cover


def _unit_fachgruppe(world: World, profile: str, orgs: list[Org], rng: random.Random, shape: Shape) -> Group:
    topic = rng.choice(N.FG_TOPICS)
    regions = list(N.REGIONS) + list(N.LAENDER)
    rng.shuffle(regions)
    name = _unique_group_name(world, [f"Fachgruppe {topic}"] + [f"Fachgruppe {topic} {r}" for r in regions])
    latest = {"few": "2020-12-31", "dissolved": "2018-12-31"}.get(profile, "2021-12-31")
    founded = _rand_date(rng, d(shape.founded), min(d(latest), d(shape.founded_until)))
    group = Group(
        name,
        "fachgruppe",
        topic,
        founded,
        parent="AG Transfer",
        months=rng.choice(FG_MONTHS),
        start_times=(rng.choice(("09:30", "10:00", "13:00", "14:00")),),
        minutes=(90, 120, 150),
        pool="generic",
        profile=profile,
    )
    group.first_meeting = founded
    _add_group(world, group)
    _seat_unit_group(group, orgs, rng, shape)
    group.report_years = (founded.year, 2025)
    if profile == "fading":
        for seat in [s for s in group.seats if s.role == "member"][:2]:
            year = rng.choice((2023, 2024))
            seat.since = min(seat.since, date(year - 2, 1, 1))
            seat.periods = (
                Period(date(year, 1, 1), 0.85, 0.1, 0.05),
                Period(date(year + 1, 1, 1), 0.3, 0.4, 0.1),
                Period(END, 0.0),
            )
    elif profile == "stopped":
        group.last_meeting = _rand_date(rng, d("2024-05-01"), d("2025-10-01"))
        group.report_years = (founded.year, group.last_meeting.year - 1)
    elif profile == "few":
        for seat in group.seats[2:]:
            seat.until = _rand_date(rng, d("2024-09-01"), d("2025-10-31"))
        group.guests_until = d("2025-06-01")
    elif profile == "noreport":
        group.report_years = (founded.year, 2024)
    elif profile == "dissolved":
        group.dissolved = _rand_date(rng, d("2020-06-01"), d("2023-12-31"))
        group.last_meeting = group.dissolved - timedelta(days=rng.randint(60, 200))
        for seat in group.seats:
            seat.until = group.dissolved
        group.report_years = (
            (founded.year, group.dissolved.year - 2) if group.dissolved.year - 2 >= founded.year else None
        )
    return group


def _unit_network(world: World, profile: str, orgs: list[Org], rng: random.Random, shape: Shape) -> Group:
    towns = [t for t, _ in N.TOWNS]
    rng.shuffle(towns)
    name = _unique_group_name(
        world, [f"Regionales Netzwerk {t}" for t in towns] + [f"Netzwerk Handwerk {t}" for t in towns]
    )
    town = name.rsplit(" ", 1)[-1]
    earliest = max(d("2015-06-01"), d(shape.founded))
    founded = _rand_date(rng, earliest, min(d("2021-06-30"), d(shape.founded_until)))
    group = Group(
        name,
        "netzwerk",
        f"Regionale Vernetzung der Partner rund um {town}",
        founded,
        parent="Koordinierungsteam",
        months=rng.choice(FG_MONTHS[:2]),
        start_times=("16:00",),
        minutes=(120,),
        pool="netzwerk",
        profile=profile,
    )
    group.first_meeting = founded
    _add_group(world, group)
    _seat_unit_group(group, orgs, rng, shape)
    if profile == "fading":
        seat = group.seats[-1]
        seat.periods = (Period(d("2024-01-01"), 0.85, 0.1, 0.05), Period(END, 0.0))
    return group


def _seat_unit_group(group: Group, orgs: list[Org], rng: random.Random, shape: Shape) -> None:
    chosen = rng.sample(orgs, min(len(orgs), rng.randint(*shape.seats)))
    for i, org in enumerate(chosen):
        lead = i == 0 or (i == 1 and rng.random() < 0.4)
        since = (
            group.founded
            if i < 3
            else _rand_date(rng, group.founded, min(group.founded + timedelta(days=900), d("2024-06-30")))
        )
        seat = Seat(org, "lead" if lead else "member", since, None, ALWAYS if lead else NORMAL)
        _pick_reps(seat, rng)
        group.seats.append(seat)


# --------------------------------------------------------------------------- meetings


def _meeting_day(year: int, month: int, rng: random.Random) -> date:
    days = [date(year, month, n) for n in range(3, 26) if date(year, month, n).weekday() in (1, 2, 3)]
    return rng.choice(days)


def _add_minutes(hhmm: str, minutes: int) -> str:
    h, m = (int(x) for x in hhmm.split(":"))
    total = h * 60 + m + minutes
    return f"{total // 60:02d}:{total % 60:02d}"


def _schedule(world: World, group: Group, rng: random.Random) -> None:
    start = group.first_meeting or group.founded
    number = 0
    for year in range(start.year, AS_OF.year + 1):
        for month in group.months:
            fixed = [f for f in group.fixed_dates if (f.year, f.month) == (year, month)]
            day = fixed[0] if fixed else _meeting_day(year, month, rng)
            if not fixed and year == 2020 and month in (3, 4, 5):
                continue  # spring 2020: meetings cancelled in the first lockdown
            if day <= start or day > group.last_meeting or day >= AS_OF:
                continue
            if group.dissolved and day >= group.dissolved:
                continue
            number += 1
            world.meetings.append(_meeting(group, day, number, rng))


def _meeting(group: Group, day: date, number: int, rng: random.Random) -> Meeting:
    begin = rng.choice(group.start_times)
    end = _add_minutes(begin, rng.choice(group.minutes))
    # Only organisations that still come to the group host it.
    hosts = [s.org for s in group.seats if s.active(day) and s.behaviour(day).present >= 0.5] or [
        s.org for s in group.seats
    ]
    host = rng.choice(hosts)
    r = rng.random()
    if day.year < 2020:
        fmt = "in_person" if r < 0.85 else "online"
    elif day.year < 2022:
        fmt = "online"
    else:
        fmt = "online" if r < 0.45 else ("hybrid" if r < 0.75 else "in_person")
    room = rng.choice(N.ROOMS)
    if fmt == "online":
        location = rng.choice(N.ONLINE)
    elif fmt == "hybrid":
        location = f"hybrid: {host.label}, {room} und Zoom"
    else:
        location = f"{host.name if rng.random() < 0.6 else host.label}, {room}"
    titles = (f"{number}. Sitzung der {group.name}", f"Sitzung {group.name}", f"Austausch {group.name}", "")
    title = rng.choice(titles)
    if day == _SEED_PROTOCOL_DAY and group.name == "Fachgruppe Handwerk":
        begin, end, location, fmt, title = (
            "12:30",
            "14:00",
            "Videokonferenz via Zoom",
            "online",
            "Austausch Fachgruppe Handwerk",
        )
    return Meeting(group, day, begin, end, location, fmt, number, title)


# --------------------------------------------------------------------------- protocols


def V(
    title: str,
    date_: str,
    time: str,
    label: str,
    people: str,
    agenda: str,
    tasks: str,
    spacing: str = "blank",
) -> dict[str, str]:
    """One protocol layout; keys are read by demo.texts.compose."""
    return {
        "title": title,
        "date": date_,
        "time": time,
        "label": label,
        "people": people,
        "agenda": agenda,
        "tasks": tasks,
        "spacing": spacing,
    }


# (group, year, which meeting of that year, suffix, layout, file stem, story paragraphs, also in meetings.csv)
BASE_PROTOCOLS = (
    (
        "Fachgruppe Handwerk",
        2017,
        "mid",
        "txt",
        V("protokoll", "short", "beginn", "Anwesend:", "inline", "tagesordnung", "sentences"),
        "protokoll",
        (),
        True,
    ),
    (
        "Fachgruppe Handwerk",
        2019,
        "last",
        "docx",
        V("austausch", "long", "uhrzeit", "Teilnehmende:", "table", "agenda", "table"),
        "Protokoll_FG_Handwerk",
        (),
        False,
    ),
    (
        "Fachgruppe Handwerk",
        2022,
        "first",
        "md",
        V("protokoll", "long", "zeit", "Teilnehmer*innen:", "bullet", "top", "list"),
        "protokoll",
        (),
        True,
    ),
    (
        "Fachgruppe Handwerk",
        2023,
        "first",
        "docx",
        V("austausch", "long0", "uhrzeit", "Teilnehmende:", "tab", "agenda", "sentences"),
        "protokoll",
        ("baua",),
        True,
    ),
    (
        "Fachgruppe Handwerk",
        2024,
        "mid",
        "pdf",
        V("protokoll", "short", "zeit", "Anwesend:", "comma", "tagesordnung", "list"),
        "Protokoll_Fachgruppe_Handwerk",
        ("long",),
        False,
    ),
    (
        "Fachgruppe Handwerk",
        2025,
        "last",
        "md",
        V("austausch", "long0", "uhrzeit", "Teilnehmende:", "tab", "agenda", "sentences", "blank"),
        "protokoll",
        ("fading",),
        True,
    ),
    (
        "Fachgruppe Handwerk",
        2026,
        "mid",
        "pdf",
        V("protokoll", "long", "beginn", "Teilnehmer*innen:", "paren", "top", "list"),
        "protokoll",
        (),
        True,
    ),
    (
        "AG Transfer",
        2023,
        "first",
        "pdf",
        V("austausch", "long", "uhrzeit", "Teilnehmende:", "paren", "agenda", "list"),
        "protokoll_ag-transfer",
        (),
        False,
    ),
    (
        "AG Transfer",
        2026,
        "first",
        "md",
        V("protokoll", "short", "zeit", "Anwesend:", "bullet", "tagesordnung", "list", "tight"),
        "protokoll",
        (),
        True,
    ),
    (
        "Fachgruppe Gesunde Arbeit",
        2021,
        "last",
        "docx",
        V("protokoll", "long", "zeit", "Anwesend:", "comma", "tagesordnung", "table"),
        "protokoll",
        (),
        False,
    ),
    (
        "Fachgruppe Gesunde Arbeit",
        2026,
        "mid",
        "txt",
        V("protokoll", "short", "uhrzeit", "Teilnehmende:", "paren", "top", "list"),
        "protokoll",
        ("few",),
        True,
    ),
    (
        "Fachgruppe Digitalisierung im Mittelstand",
        2024,
        "first",
        "txt",
        V("austausch", "short", "zeit", "Teilnehmer*innen:", "inline", "tagesordnung", "list"),
        "sitzung",
        (),
        False,
    ),
    (
        "Fachgruppe Digitalisierung im Mittelstand",
        2026,
        "last",
        "docx",
        V("austausch", "long", "beginn", "Teilnehmende:", "table", "agenda", "table"),
        "protokoll",
        ("noreport",),
        True,
    ),
    (
        "Fachgruppe Fachkräftesicherung",
        2025,
        "last",
        "pdf",
        V("protokoll", "short", "uhrzeit", "Teilnehmende:", "bullet", "agenda", "sentences"),
        "protokoll",
        ("stopped",),
        False,
    ),
    (
        "Regionales Netzwerk Hannover",
        2022,
        "last",
        "md",
        V("austausch", "long0", "uhrzeit", "Teilnehmende:", "tab", "agenda", "sentences"),
        "protokoll",
        ("stranger",),
        True,
    ),
)

PEOPLE_LAYOUTS = {
    "md": ("tab", "comma", "paren", "bullet"),
    "txt": ("tab", "comma", "paren", "bullet", "inline"),
    "docx": ("tab", "comma", "paren", "table"),
    "pdf": ("comma", "paren", "bullet"),
    "odt": ("tab", "comma", "paren", "table"),
    "eml": ("tab", "comma", "paren", "bullet", "inline"),
}


def _random_variant(suffix: str, rng: random.Random) -> dict[str, str]:
    return V(
        rng.choice(("austausch", "protokoll")),
        rng.choice(("long", "long0", "short")),
        rng.choice(("uhrzeit", "zeit", "beginn")),
        rng.choice(("Teilnehmende:", "Teilnehmer*innen:", "Anwesend:")),
        rng.choice(PEOPLE_LAYOUTS[suffix]),
        rng.choice(("agenda", "tagesordnung", "top")),
        rng.choice(("list", "sentences", "table" if suffix in ("docx", "odt") else "list")),
        rng.choice(("blank", "tight")),
    )


def _pick(meetings: list[Meeting], which: str) -> Meeting:
    return {"first": meetings[0], "last": meetings[-1], "mid": meetings[len(meetings) // 2]}[which]


def _assign_base_protocols(world: World) -> None:
    for group_name, year, which, suffix, variant, stem, extra, in_csv in BASE_PROTOCOLS:
        group = world.group_by_name[group_name]
        candidates = [m for m in world.meetings_of(group) if m.day.year == year and not m.reserved]
        meeting = _pick(candidates, which)
        meeting.protocol = ProtocolSpec(suffix, variant, stem, extra, in_csv)


def _assign_unit_protocols(world: World, groups: list[Group], rng: random.Random, shape: Shape = UNITS) -> None:
    pool = [m for g in groups for m in world.meetings_of(g) if m.protocol is None]
    extra = round(shape.protocol_share * max(0, len(pool) - 4))
    suffixes = ["md", "txt", "docx", "pdf"] + [shape.formats[i % len(shape.formats)] for i in range(extra)]
    for suffix in suffixes:
        if not pool:
            return
        meeting = pool.pop(rng.randrange(len(pool)))
        stem = rng.choice(("protokoll", "Protokoll", f"protokoll_{meeting.group.folder}", "sitzung"))
        meeting.protocol = ProtocolSpec(suffix, _random_variant(suffix, rng), stem, (), rng.random() < 0.5)


# --------------------------------------------------------------------------- projects

# name, programme, lead, applied, approved, start, end, partners, presentations, description
# fmt: off
BASE_PROJECTS = (
    ("Fachkräftezentren Handwerk", "Fachkräftezentren Handwerk", "PSG", "2019-03-15", "2019-10-01",
     "2020-01-01", "2027-12-31",
     (("HWK Hannover-Leine", "Verbundpartner"), ("HWK Südheide", "Verbundpartner"),
      ("itb", "wissenschaftliche Begleitung"), ("KH Leinebergland", "Praxispartner")),
     (("Fachgruppe Handwerk", "2021-06-08"), ("Regionales Netzwerk Hannover", "protocol")),
     "Aufbau regionaler Fachkräftezentren, in denen Kammern und Innungen Handwerksbetriebe bei Gewinnung, "
     "Bindung und Entwicklung von Fachkräften beraten."),
    ("Werkstatt 4.0 – Digitalisierung im Handwerksbetrieb", "INQA", "itb", "2016-02-10", "2016-06-20",
     "2016-09-01", "2019-08-31",
     (("HWK Mittelweser", "Verbundpartner"), ("Tischler-Innung Weserbergland", "Praxispartner"),
      ("FEI Nord", "Transferpartner")),
     (("Fachgruppe Handwerk", "protocol"),),
     "Entwicklung praxisnaher Werkzeuge, mit denen kleine Handwerksbetriebe ihre Abläufe schrittweise "
     "digitalisieren."),
    ("Gesund im Betrieb – GiB", "INQA", "ZGB", "2016-11-07", "2017-03-15", "2017-06-01", "2020-05-31",
     (("Arbeitsfähig", "Verbundpartner"), ("Stiftung AGRM", "Förderpartner"),
      ("Maler-Innung Dortmund", "Praxispartner")),
     (("Fachgruppe Gesunde Arbeit", "first"),),
     "Erprobung eines einfachen Gesundheitschecks für Betriebe mit weniger als 50 Beschäftigten."),
    ("Meisterhaft führen", "INQA", "HWK Hannover-Leine", "2017-09-12", "2018-02-01", "2018-04-01",
     "2021-03-31",
     (("IAGM", "wissenschaftliche Begleitung"), ("UFH Niedersachsen", "Praxispartner"),
      ("PSG", "Verbundpartner")),
     (("Fachgruppe Handwerk", "protocol"),),
     "Qualifizierung von Meisterinnen und Meistern zu Führung, Kommunikation und Arbeitsorganisation im "
     "Kleinbetrieb."),
    ("Azubi-Lotsen im Handwerk", "Fachkräftezentren Handwerk", "HWK Südheide", "2020-05-04", "2020-11-02",
     "2021-01-01", "2024-12-31",
     (("Bäcker-Innung Südniedersachsen", "Praxispartner"), ("IBH Nord", "Verbundpartner")),
     (("Fachgruppe Handwerk", "protocol"), ("Regionales Netzwerk Hannover", "first")),
     "Lotsinnen und Lotsen begleiten Auszubildende und Betriebe, um Ausbildungsabbrüche zu vermeiden."),
    ("KI-Kompass für kleine Betriebe", "INQA", "FIDA", "2022-06-30", "2022-12-15", "2023-02-01",
     "2026-01-31",
     (("Digitalwerk", "Verbundpartner"), ("HWK Münsterland", "Praxispartner"), ("itb", "Transferpartner")),
     (("Fachgruppe Digitalisierung im Mittelstand", "protocol"), ("Fachgruppe Handwerk", "protocol")),
     "Orientierungshilfe, mit der kleine Betriebe Chancen und Risiken von KI-Werkzeugen im Alltag "
     "einschätzen."),
    ("Frauen führen Handwerk", "INQA", "UFH Niedersachsen", "2019-04-01", "2019-09-16", "2019-11-01",
     "2022-10-31",
     (("UFH Hannover", "Praxispartner"), ("UFH Bayern", "Praxispartner"), ("Stiftung MGV", "Förderpartner")),
     (("Fachgruppe Handwerk", "first"), ("Regionales Netzwerk Hannover", "first")),
     "Mentoring und Netzwerke für Frauen, die einen Handwerksbetrieb führen oder übernehmen wollen."),
    ("Demografiefeste Innungen", "INQA", "SZH", "2014-10-06", "2015-02-16", "2015-04-01", "2018-03-31",
     (("BVGH", "Verbundpartner"), ("HWK Allgäu", "Praxispartner"), ("IAGM", "wissenschaftliche Begleitung")),
     (("Fachgruppe Demografischer Wandel", "first"),),
     "Innungen entwickeln Angebote, mit denen ihre Mitgliedsbetriebe ältere Beschäftigte halten und "
     "Wissen weitergeben."),
    ("Fachkräftezentrum Handwerk Weserbergland", "Fachkräftezentren Handwerk", "HWK Mittelweser",
     "2021-09-01", "2022-02-14", "2022-04-01", "2025-03-31",
     (("Tischler-Innung Weserbergland", "Praxispartner"), ("Nordlicht", "Beratungspartner")),
     (("Fachgruppe Handwerk", "first"),),
     "Regionale Anlaufstelle für Betriebe im Weserbergland zu Ausbildung, Anwerbung und Bindung von "
     "Fachkräften."),
    ("Fachkräftezentrum Handwerk Oberlausitz", "Fachkräftezentren Handwerk", "HWK Oberlausitz",
     "2023-05-08", "2023-11-20", "2024-01-01", "2027-12-31",
     (("Digitalwerk", "Verbundpartner"), ("FFK Sachsen", "Praxispartner")),
     (("Fachgruppe Fachkräftesicherung", "protocol"),),
     "Fachkräftezentrum für die Oberlausitz mit Schwerpunkt auf grenzüberschreitender Anwerbung."),
    ("Arbeitsschutz kompakt im Bauhandwerk", "INQA", "IAGM", "2018-08-20", "2019-01-21", "2019-03-01",
     "2022-02-28",
     (("BAuA", "fachliche Begleitung"), ("Dachdecker-Innung Rheinhessen", "Praxispartner"),
      ("LV Metall", "Transferpartner")),
     (("Fachgruppe Handwerk", "protocol"), ("Fachgruppe Gesunde Arbeit", "protocol")),
     "Kurze, bebilderte Arbeitsschutzhilfen für Baustellen kleiner Betriebe."),
    ("Datenkompetenz im Mittelstand", "INQA", "Digitalwerk", "2020-10-05", "2021-03-01", "2021-05-01",
     "2024-04-30",
     (("FIDA", "Verbundpartner"), ("Lindner Organisationsberatung", "Beratungspartner"),
      ("FHK Mitte", "Praxispartner")),
     (("Fachgruppe Digitalisierung im Mittelstand", "first"),),
     "Lernangebote, mit denen Beschäftigte in KMU Daten aus dem eigenen Betrieb auswerten und nutzen."),
    ("Betriebsnachfolge gestalten", "INQA", "Kessler & Partner", "2025-09-15", "2026-03-20", "2026-05-01",
     "2028-04-30", (("HWK Rhein-Lahn", "Praxispartner"), ("SZH", "Förderpartner")),
     (("Fachgruppe Handwerk", "protocol"),),
     "Begleitung von Inhaberinnen und Inhabern bei der frühzeitigen Planung der Betriebsübergabe."),
    ("Resilienz im Handwerk", "INQA", "PSG", "2026-08-14", "", "", "",
     (("HWK Hannover-Leine", "Praxispartner"), ("ZGB", "wissenschaftliche Begleitung")),
     (("Fachgruppe Handwerk", "idea"),),
     "Geplant: Werkzeuge, mit denen Betriebe Krisen wie Energiepreisschocks oder Personalausfälle besser "
     "abfedern."),
    ("Digitale Gesundheitslotsen", "INQA", "Arbeitsfähig", "2024-03-01", "", "", "",
     (("ZGB", "Verbundpartner"),), (),
     "Antrag auf digitale Lotsinnen und Lotsen für betriebliche Gesundheit; nicht bewilligt."),
)
# fmt: on

CONCEPTS = (
    "Fachkräfte sichern",
    "Gesund führen",
    "Digital durchstarten",
    "Betriebe stärken",
    "Ausbildung gestalten",
    "Zukunft Handwerk",
    "Gute Arbeit im Kleinbetrieb",
    "Wissen halten",
    "Nachfolge sichern",
    "Arbeit 4.0 im Handwerk",
    "Vielfalt im Betrieb",
    "Klimafit im Handwerk",
)
THEMES = (
    "Fachkräftesicherung",
    "Führung",
    "Digitalisierung",
    "Gesundheit",
    "Ausbildung",
    "Nachfolge",
    "Arbeitsorganisation",
    "Nachhaltigkeit",
)


def _window(project: Project, kind: str) -> tuple[date, date]:
    if kind == "idea":
        return project.applied, AS_OF
    begin = project.start or project.approved or project.applied
    end = min(project.end or AS_OF, AS_OF)
    return begin, end


def _presentable(meeting: Meeting, project: Project) -> bool:
    """A presenter from outside the group comes as a guest; story groups must not get guests."""
    group = meeting.group
    seated = any(s.org is project.lead and s.active(meeting.day) for s in group.seats)
    return seated or group.guests_until is None or meeting.day < group.guests_until


def _present(world: World, project: Project, group: Group, how: str) -> None:
    note = {"idea": "Projektidee vorgestellt"}.get(how, "Vorstellung des Projekts")
    meetings = [m for m in world.meetings_of(group) if _presentable(m, project)]
    if how not in ("protocol", "first", "idea"):
        target = [m for m in meetings if m.day == d(how)]
        note = "Weiterentwicklung vorgestellt"
    else:
        lo, hi = _window(project, how)
        target = [m for m in meetings if lo <= m.day <= hi and m.day != _SEED_PROTOCOL_DAY]
        if how == "protocol" and [m for m in target if m.protocol]:
            target = [m for m in target if m.protocol]
        if how == "idea":
            target = target[-1:]
    if target:
        meeting = target[0]
        meeting.presented.append(project)
        project.presentations.append((meeting, note))


def _transfer(world: World, project: Project) -> None:
    if project.end and project.end <= AS_OF and not project.rejected:
        ag = world.group_by_name["AG Transfer"]
        later = [m for m in world.meetings_of(ag) if m.day > project.end]
        if later:
            project.transfer = later[0]
            later[0].transfers.append(project)


def _build_base_projects(world: World) -> None:
    for row in BASE_PROJECTS:
        name, programme, lead, applied, approved, start, end, partners, shows, text = row
        project = Project(
            name,
            programme,
            world.by_name[lead],
            d(applied),
            d(approved) if approved else None,
            d(start) if start else None,
            d(end) if end else None,
            text,
            [(world.by_name[o], role) for o, role in partners],
        )
        project.rejected = name == "Digitale Gesundheitslotsen"
        world.projects.append(project)
        for group_name, how in shows:
            _present(world, project, world.group_by_name[group_name], how)
        _transfer(world, project)


def _build_unit_projects(world: World, groups: list[Group], rng: random.Random, shape: Shape = UNITS) -> None:
    orgs = [s.org for g in groups for s in g.seats]
    orgs = list(dict.fromkeys(orgs))
    used = {name_key(p.name) for p in world.projects}
    for _ in range(rng.randint(*shape.projects)):
        lead = rng.choice(orgs)
        town = rng.choice(N.TOWNS)[0]
        fkz = rng.random() < 0.35
        for _attempt in range(50):
            name = f"Fachkräftezentrum Handwerk {town}" if fkz else f"{rng.choice(CONCEPTS)} {town}"
            if name_key(name) not in used:
                break
            town = rng.choice(N.TOWNS)[0]
        else:
            continue
        used.add(name_key(name))
        applied = _rand_date(rng, d("2014-06-01"), d("2026-06-30"))
        rejected = rng.random() < 0.08
        approved = None if rejected else applied + timedelta(days=rng.randint(90, 240))
        if approved and approved > AS_OF:
            approved = None
        start = approved + timedelta(days=rng.randint(30, 120)) if approved else None
        end = start + timedelta(days=rng.randint(730, 1460)) if start else None
        theme = rng.choice(THEMES)
        text = (
            f"Regionales Fachkräftezentrum in {town}: Beratung von Handwerksbetrieben zu {theme}."
            if fkz
            else f"Das Projekt entwickelt mit Betrieben in {town} Instrumente zum Thema {theme}."
        )
        partners = [
            (o, rng.choice(("Verbundpartner", "Praxispartner", "Transferpartner")))
            for o in rng.sample([o for o in orgs if o is not lead], rng.randint(1, 3))
        ]
        project = Project(
            name,
            "Fachkräftezentren Handwerk" if fkz else "INQA",
            lead,
            applied,
            approved,
            start,
            end,
            text,
            partners,
        )
        project.rejected = rejected
        world.projects.append(project)
        if start and not rejected:
            homes = [g for g in groups if any(s.org is lead for s in g.seats)] or groups
            _present(world, project, rng.choice(homes), "first")
        _transfer(world, project)


# --------------------------------------------------------------------------- reports


def _build_reports(world: World, groups: list[Group], rng: random.Random, in_person: bool) -> None:
    ag_meetings = world.meetings_of(world.group_by_name["AG Transfer"])
    for group in groups:
        if group.kind != "fachgruppe" or not group.report_years:
            continue
        first, last = group.report_years
        for year in range(first, last + 1):
            march = [m for m in ag_meetings if m.day.year == year + 1 and m.day.month <= 4]
            forced = year in (2022, 2025)
            if in_person and march and (forced or rng.random() < 0.75):
                submitted = march[0].day
                march[0].reports.append(group)
            else:
                submitted = _rand_date(rng, date(year + 1, 1, 12), date(year + 1, 4, 28))
            world.reports.append((group, year, submitted))
    for meeting in ag_meetings:
        if meeting.protocol is None:
            continue
        year = meeting.day.year - 1
        for group in groups:
            due = group.kind == "fachgruppe" and not group.dissolved and group.founded.year <= year
            has = any(g is group and y == year for g, y, _ in world.reports)
            if due and not has:
                meeting.missing_reports.append(group)


# --------------------------------------------------------------------------- attendance


def _ensure(meeting: Meeting, org: Org, person: Person | None = None) -> Person:
    """Make sure someone of `org` is present (presenters, reporters); a non-member comes as guest."""
    for row in meeting.attendance:
        if row.org is org and row.status in ("present", "guest") and row.person:
            return row.person
    seat = next((s for s in meeting.group.seats if s.org is org and s.active(meeting.day)), None)
    person = person or (seat.reps[0] if seat and seat.reps else org.people[0])
    meeting.attendance = [r for r in meeting.attendance if r.org is not org]
    meeting.attendance.append(Attendance(org, "present" if seat else "guest", person))
    return person


def _simulate(world: World, meeting: Meeting, guests: list[Org], rng: random.Random) -> None:
    group, day = meeting.group, meeting.day
    rows: list[Attendance] = []
    for seat in group.seats:
        if not seat.active(day) or not seat.reps:
            continue
        b = seat.behaviour(day)
        r = rng.random()
        if r < b.present:
            status = "present"
        elif r < b.present + b.excused:
            status = "excused"
        elif r < b.present + b.excused + b.absent:
            status = "absent"
        else:
            continue
        if status == "present":
            two = len(seat.reps) > 1 and rng.random() < (0.55 if seat.role == "lead" else 0.12)
            chosen = seat.reps[:2] if two else [seat.reps[0] if rng.random() < 0.8 else seat.reps[-1]]
        else:
            chosen = [seat.reps[0]]
        rows.extend(Attendance(seat.org, status, p) for p in chosen)
    meeting.attendance = rows
    if guests and (group.guests_until is None or day < group.guests_until) and rng.random() < 0.2:
        seated = [s.org for s in group.seats]
        pool = [o for o in guests if o not in seated and o.people]
        if pool:
            org = rng.choice(pool)
            meeting.attendance.append(Attendance(org, "guest", rng.choice(org.people)))
    for project in meeting.presented + meeting.transfers:
        _ensure(meeting, project.lead)
    for reporting in meeting.reports:
        lead = next(s for s in reporting.seats if s.role == "lead")
        _ensure(meeting, lead.org, lead.reps[0])
    need = 3 if meeting.protocol else 1
    for seat in sorted(group.seats, key=lambda s: s.role != "lead"):
        if sum(r.status == "present" for r in meeting.attendance) >= need:
            break
        if seat.active(day) and seat.behaviour(day).present > 0 and seat.reps:
            _ensure(meeting, seat.org)
    _notes(meeting, rng)


def _notes(meeting: Meeting, rng: random.Random) -> None:
    """'(online)', '(ab 13:30)', '(bis 11:00)' as people write them behind a name."""
    for row in meeting.attendance:
        if row.status != "present" or row.person is None:
            continue
        r = rng.random()
        if meeting.format == "hybrid" and r < 0.35:
            row.note = "online"
        elif r < 0.06:
            row.note = f"ab {_add_minutes(meeting.start, rng.choice((30, 45, 60)))}"
        elif r < 0.1:
            row.note = f"bis {_add_minutes(meeting.end, -rng.choice((30, 45)))}"


def _by_org_rows(meeting: Meeting, rng: random.Random) -> None:
    """Some Excel lists only name the organisation; mark those rows (CSV meetings only)."""
    for row in meeting.attendance:
        if row.status in ("present", "excused", "absent") and rng.random() < 0.1:
            row.by_org = True


# --------------------------------------------------------------------------- entry


def build_world(scale: int, seed: int, shape: Shape = UNITS) -> World:
    """The whole demo network: the hand-made unit plus `scale - 1` generated units of `shape`,
    deterministic for `seed`."""
    if scale < 1:
        raise ValueError("scale must be >= 1")
    rng = random.Random(seed)
    world = World()
    _build_base(world, rng)
    base_groups = list(world.groups)
    unit_groups: list[list[Group]] = []
    for _unit in range(1, scale):
        unit_groups.append(_build_unit(world, rng, shape))
    for group in world.groups:
        _schedule(world, group, rng)
    for meeting in world.meetings:
        meeting.reserved = meeting.day == _SEED_PROTOCOL_DAY and meeting.group.name == "Fachgruppe Handwerk"
    _assign_base_protocols(world)
    for groups in unit_groups:
        _assign_unit_protocols(world, groups, rng, shape)
    _build_base_projects(world)
    for groups in unit_groups:
        _build_unit_projects(world, groups, rng, shape)
    _build_reports(world, base_groups, rng, in_person=True)
    for groups in unit_groups:
        _build_reports(world, groups, rng, in_person=False)
    guests = [o for o in world.orgs[: len(BASE_ORGS)] if not o.fading]
    for meeting in world.meetings:
        _simulate(world, meeting, guests if meeting.group in base_groups else [], rng)
        if meeting.protocol is None:
            _by_org_rows(meeting, rng)
        if meeting.reserved:
            meeting.attendance = []  # kept free for the real seed protocol of that day
    for meeting in world.meetings:
        if meeting.protocol and "stranger" in meeting.protocol.extra and world.stranger:
            meeting.attendance.append(world.stranger)
    world.meetings.sort(key=lambda m: (m.day, world.groups.index(m.group)))
    return world
