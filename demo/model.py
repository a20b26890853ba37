"""The in-memory demo world: plain dataclasses that the CSV and protocol writers read.

The generator first builds this world completely (who belongs where, who came when), and
only then writes files, so that CSV rows and protocol texts cannot contradict each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

AS_OF = date(2026, 11, 28)


@dataclass(eq=False)
class Org:
    """A partner organisation; `spellings` are extra ways people write it (all resolvable)."""

    name: str
    short: str = ""
    type: str = ""
    region: str = ""
    aliases: tuple[str, ...] = ()
    partner_since: date | None = None
    spellings: tuple[str, ...] = ()
    fading: bool = False
    people: list[Person] = field(default_factory=list)

    @property
    def label(self) -> str:
        """How minutes usually write it: the short name if there is one."""
        return self.short or self.name


@dataclass(eq=False)
class Person:
    """A fictional contact person; `female` drives Frau/Herr and the role's grammatical gender."""

    first: str
    last: str
    female: bool
    org: Org
    role: str
    title: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def full(self) -> str:
        """Name with academic title, as it stands in participant lists."""
        return f"{self.title} {self.name}" if self.title else self.name

    @property
    def formal(self) -> str:
        """'Frau Dr. Lange' / 'Herr Krüger' for running text."""
        head = "Frau" if self.female else "Herr"
        title = "" if self.title.startswith("Dipl.") else self.title
        return f"{head} {title} {self.last}".replace("  ", " ")


@dataclass
class Period:
    """Attendance behaviour of one organisation in one group up to (excluding) `until`."""

    until: date
    present: float
    excused: float = 0.0
    absent: float = 0.0


NORMAL = (Period(date(2100, 1, 1), 0.78, 0.12, 0.05),)


@dataclass(eq=False)
class Seat:
    """An organisation's place in a group; `listed` seats go to memberships.csv."""

    org: Org
    role: str = "member"
    since: date = date(2015, 1, 1)
    until: date | None = None
    periods: tuple[Period, ...] = NORMAL
    listed: bool = True
    reps: list[Person] = field(default_factory=list)

    def active(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day < self.until)

    def behaviour(self, day: date) -> Period:
        for period in self.periods:
            if day < period.until:
                return period
        return Period(date.max, 0.0)


@dataclass(eq=False)
class Group:
    """A Fachgruppe, Gremium or regional network with its meeting rhythm and report habit."""

    name: str
    kind: str
    topic: str
    founded: date
    parent: str = ""
    dissolved: date | None = None
    months: tuple[int, ...] = (3, 9)
    first_meeting: date | None = None
    last_meeting: date = date(2026, 11, 25)
    start_times: tuple[str, ...] = ("10:00",)
    minutes: tuple[int, ...] = (120,)
    pool: str = "generic"
    seats: list[Seat] = field(default_factory=list)
    report_years: tuple[int, int] | None = None
    guests_until: date | None = None
    fixed_dates: tuple[date, ...] = ()
    folder: str = ""
    profile: str = "healthy"

    @property
    def subject(self) -> str:
        """Grammatical subject for decisions: 'Die Fachgruppe', 'Der Strategiekreis', …"""
        if self.kind == "fachgruppe":
            return "Die Fachgruppe"
        if self.kind == "netzwerk":
            return "Das Netzwerk"
        return {"Strategiekreis": "Der Strategiekreis", "Koordinierungsteam": "Das Koordinierungsteam"}.get(
            self.name, f"Die {self.name}"
        )


@dataclass(eq=False)
class Attendance:
    """One line of who came: a person (with their organisation) or an organisation alone."""

    org: Org
    status: str
    person: Person | None = None
    note: str = ""
    by_org: bool = False


@dataclass(eq=False)
class Project:
    """A funded project and the lifecycle dates that become project_events."""

    name: str
    programme: str
    lead: Org
    applied: date
    approved: date | None
    start: date | None
    end: date | None
    description: str
    partners: list[tuple[Org, str]] = field(default_factory=list)
    home: str = ""
    rejected: bool = False
    presentations: list[tuple[Meeting, str]] = field(default_factory=list)
    transfer: Meeting | None = None

    @property
    def status(self) -> str:
        if self.rejected:
            return "abgelehnt"
        if not self.approved or self.approved > AS_OF:
            return "beantragt"
        if not self.start or self.start > AS_OF:
            return "bewilligt"
        if self.end and self.end <= AS_OF:
            return "abgeschlossen"
        return "laufend"


@dataclass
class ProtocolSpec:
    """Which meeting becomes a protocol file and in which layout."""

    suffix: str
    variant: dict[str, str]
    filename: str = "protokoll"
    extra: tuple[str, ...] = ()
    in_csv: bool = True


@dataclass(eq=False)
class Meeting:
    """One meeting of a group; attendance is filled in by the simulation."""

    group: Group
    day: date
    start: str
    end: str
    location: str
    format: str
    number: int = 0
    title: str = ""
    attendance: list[Attendance] = field(default_factory=list)
    protocol: ProtocolSpec | None = None
    reserved: bool = False
    presented: list[Project] = field(default_factory=list)
    reports: list[Group] = field(default_factory=list)
    missing_reports: list[Group] = field(default_factory=list)
    transfers: list[Project] = field(default_factory=list)
