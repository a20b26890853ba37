"""German minutes for one demo meeting, as format-neutral blocks.

A protocol is composed once as a list of blocks (title, field, line, paragraph, list, table,
heading) in one of several layouts people really use; demo.render turns the same blocks into
Markdown, text, Word or PDF. The wording is fictional and written for this demo.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from demo.model import Attendance, Meeting, Org, Person, Project

Block = tuple  # ("title", text) | ("field", text) | ("table", header, rows) | ...

WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def long_date(day: date, zero: bool = False) -> str:
    """'Dienstag, 14. März 2023' (or '08. Juni' with a leading zero, as some writers do)."""
    num = f"{day.day:02d}" if zero else str(day.day)
    return f"{WEEKDAYS[day.weekday()]}, {num}. {MONTHS[day.month - 1]} {day.year}"


def dotted(day: date) -> str:
    return day.strftime("%d.%m.%Y")


@dataclass
class Topic:
    """One discussion item: heading, paragraphs, a decision (two phrasings) and a task."""

    heading: str
    paras: tuple[str, ...]
    decision: tuple[str, str] | None = None
    task: tuple[str, str] | None = None
    years: tuple[int, int] = (2000, 2100)


T = Topic
POOLS: dict[str, tuple[Topic, ...]] = {
    "handwerk": (
        T(
            "Nachwuchsgewinnung in den Gewerken",
            (
                "{a} berichtet über Erfahrungen mit Ausbildungsbotschafterinnen und -botschaftern an "
                "Schulen. Am besten kommen Besuche an, bei denen Auszubildende selbst von ihrem "
                "Arbeitsalltag erzählen.",
                "{b} ergänzt, dass viele kleine Betriebe Praktikumsplätze anbieten, diese aber kaum sichtbar "
                "machen. Die Runde sammelt Beispiele, wie Betriebe ihre Angebote einfacher bekannt machen "
                "können.",
            ),
            (
                "die gesammelten Beispiele in einer kurzen Handreichung für die Betriebsberatung "
                "zusammenzufassen",
                "Die gesammelten Beispiele werden in einer Handreichung für die Betriebsberatung "
                "zusammengefasst.",
            ),
            (
                "stellt bis zum {due} die gesammelten Praxisbeispiele zusammen.",
                "Praxisbeispiele zusammenstellen",
            ),
        ),
        T(
            "Beratung von Kleinstbetrieben",
            (
                "{a} stellt dar, dass Betriebe mit weniger als zehn Beschäftigten Beratungsangebote selten "
                "von sich aus nachfragen. Der Zugang gelingt meist über persönliche Kontakte der Kammern und "
                "Innungen.",
                "In der Diskussion wird deutlich, dass viele Instrumente der Partner für ein Erstgespräch zu "
                "umfangreich sind. {b} schlägt vor, einen kurzen Einstiegscheck zu entwickeln. {m} hat dafür "
                "bereits Material aus einem früheren Projekt angeboten.",
            ),
            (
                "bis zur nächsten Sitzung einen Entwurf für einen Einstiegscheck zu erarbeiten",
                "Bis zur nächsten Sitzung wird ein Entwurf für einen Einstiegscheck erarbeitet.",
            ),
            (
                "erarbeitet bis zum {due} einen ersten Entwurf des Einstiegschecks.",
                "Entwurf Einstiegscheck erstellen",
            ),
        ),
        T(
            "Arbeitsschutz im Kleinbetrieb",
            (
                "{a} berichtet von den laufenden Schwerpunktaktionen zur Gefährdungsbeurteilung. Gerade in "
                "kleinen Betrieben fehlt oft die Zeit, die Unterlagen aktuell zu halten.",
                "{b} weist darauf hin, dass kurze Checklisten besser angenommen werden als umfangreiche "
                "Leitfäden. {m} hat angeboten, die Checklisten fachlich zu prüfen.",
            ),
            (
                "die Checklisten nach der fachlichen Prüfung gemeinsam zu veröffentlichen",
                "Die Checklisten werden nach der fachlichen Prüfung gemeinsam veröffentlicht.",
            ),
            (
                "leitet bis zum {due} die Checklisten zur fachlichen Prüfung weiter.",
                "Checklisten zur Prüfung geben",
            ),
        ),
        T(
            "Betriebsübergabe und Nachfolge",
            (
                "Viele Inhaberinnen und Inhaber stehen in den nächsten Jahren vor der Übergabe ihres "
                "Betriebs. {a} stellt Zahlen aus mehreren Kammerbezirken vor, nach denen etwa jeder dritte "
                "Betrieb die Nachfolge noch nicht geregelt hat.",
                "{b} berichtet von guten Erfahrungen mit Nachfolgebörsen, die mehrere Kammern gemeinsam "
                "betreiben.",
            ),
            (
                "das Thema Nachfolge in der nächsten Sitzung zu vertiefen",
                "Das Thema Nachfolge wird in der nächsten Sitzung vertieft.",
            ),
            (
                "lädt bis zum {due} eine Referentin oder einen Referenten zum Thema Nachfolge ein.",
                "Referent/in zur Nachfolge einladen",
            ),
        ),
        T(
            "Ausrichtung der Fachgruppe",
            (
                "{a} erinnert an die Grundprinzipien der Fachgruppen, vor allem an den jährlichen Bericht in "
                "der AG Transfer und die Offenheit für alle Partner.",
                "Die Teilnehmenden sind sich einig, dass die Fachgruppe stärker als Plattform für Projekte "
                "aus dem Handwerk genutzt werden soll. {b} regt an, weitere Handwerksorganisationen gezielt "
                "anzusprechen.",
            ),
            (
                "neue Partner aus Innungen und Fachverbänden gezielt einzuladen",
                "Neue Partner aus Innungen und Fachverbänden werden gezielt eingeladen.",
            ),
            (
                "spricht bis zum {due} weitere Innungen und Fachverbände an.",
                "Innungen und Fachverbände ansprechen",
            ),
        ),
        T(
            "Internetauftritt der Fachgruppe",
            (
                "{a} zeigt den Entwurf der neuen Seite der Fachgruppe. Künftig sollen dort auch "
                "abgeschlossene Projekte mit ihren Ergebnissen stehen.",
                "{b} bittet darum, die Texte kurz zu halten und je Projekt eine Ansprechperson zu nennen.",
            ),
            (
                "die Seite nach Abstimmung der Texte freizuschalten",
                "Die Seite geht nach Abstimmung der Texte online.",
            ),
            (
                "schickt bis zum {due} die überarbeiteten Texte an alle Partner.",
                "Texte für die Internetseite abstimmen",
            ),
        ),
        T(
            "Jahresbericht an die AG Transfer",
            (
                "{a} stellt den Entwurf des Jahresberichts vor. Die Fachgruppe hat im vergangenen Jahr "
                "mehrere Projekte begleitet und neue Partner gewonnen.",
                "Die Teilnehmenden ergänzen einzelne Punkte; {b} übernimmt die Abstimmung der Endfassung.",
            ),
            (
                "den Jahresbericht mit den besprochenen Ergänzungen an die AG Transfer zu geben",
                "Der Jahresbericht geht mit den besprochenen Ergänzungen an die AG Transfer.",
            ),
            ("übermittelt bis zum {due} den Jahresbericht an die AG Transfer.", "Jahresbericht übermitteln"),
        ),
        T(
            "Auswirkungen der Pandemie auf die Betriebe",
            (
                "{a} berichtet, dass viele Betriebe Aufträge verschieben mussten, während andere Gewerke "
                "kaum betroffen sind. Die Beratungsnachfrage zu Hygienekonzepten und Kurzarbeit ist hoch.",
                "{b} regt an, die Erfahrungen mit digitalen Beratungsformaten festzuhalten, weil viele davon "
                "auch nach der Pandemie nützlich bleiben.",
            ),
            None,
            (
                "sammelt bis zum {due} die Erfahrungen mit digitalen Beratungsformaten.",
                "Erfahrungen digitale Beratung sammeln",
            ),
            (2020, 2021),
        ),
        T(
            "Energiepreise und Auftragslage",
            (
                "{a} berichtet, dass die gestiegenen Energiepreise besonders Bäckereien und Betriebe mit "
                "hohem Maschineneinsatz belasten. Einige Betriebe haben ihre Öffnungszeiten bereits "
                "verkürzt.",
                "{b} stellt die Energieberatung der Kammern vor, die bislang nur wenige Betriebe kennen.",
            ),
            (
                "die Energieberatung in den Newslettern der Partner bekannt zu machen",
                "Die Energieberatung wird in den Newslettern der Partner bekannt gemacht.",
            ),
            None,
            (2022, 2023),
        ),
    ),
    "gesund": (
        T(
            "Psychische Belastung im Betrieb",
            (
                "{a} stellt aktuelle Befunde zur psychischen Belastung in kleinen Betrieben vor. Häufig "
                "genannt werden Zeitdruck, Unterbrechungen und unklare Zuständigkeiten.",
                "{b} berichtet aus der Beratungspraxis, dass Betriebe das Thema eher über konkrete Anlässe "
                "wie Krankheitsausfälle angehen als über die Gefährdungsbeurteilung.",
            ),
            (
                "eine Sammlung guter Einstiegsbeispiele anzulegen",
                "Die Fachgruppe legt eine Sammlung guter Einstiegsbeispiele an.",
            ),
            ("schickt bis zum {due} zwei Praxisbeispiele für die Sammlung.", "Praxisbeispiele liefern"),
        ),
        T(
            "Gefährdungsbeurteilung psychischer Belastungen",
            (
                "{a} zeigt, wie eine vereinfachte Gefährdungsbeurteilung in einem Betrieb mit zwölf "
                "Beschäftigten umgesetzt wurde. Der Aufwand lag bei zwei halben Tagen.",
                "In der Diskussion wird gefragt, wer die Betriebe dabei begleiten kann. {m} hat Interesse an "
                "einer Zusammenarbeit signalisiert.",
            ),
            None,
            (
                "klärt bis zum {due}, ob die Vorlage an andere Partner weitergegeben werden darf.",
                "Weitergabe der Vorlage klären",
            ),
        ),
        T(
            "Gesundheitsmanagement in Kleinbetrieben",
            (
                "{a} gibt einen Überblick über Angebote der Krankenkassen für Betriebe unter 50 "
                "Beschäftigten.",
                "{b} betont, dass kleine Betriebe feste Ansprechpersonen brauchen und mit "
                "Programmbezeichnungen wenig anfangen können.",
            ),
            (
                "eine Übersicht der regionalen Ansprechpersonen zu erstellen",
                "Eine Übersicht der regionalen Ansprechpersonen wird erstellt.",
            ),
            (
                "erstellt bis zum {due} eine erste Übersicht der Ansprechpersonen.",
                "Übersicht Ansprechpersonen",
            ),
        ),
        T(
            "Hitze am Arbeitsplatz",
            (
                "{a} berichtet über die Zunahme von Hitzetagen und die Folgen für Beschäftigte auf "
                "Baustellen und in Backstuben.",
                "{b} schlägt vor, ein kurzes Merkblatt für Betriebe zu erstellen.",
            ),
            (
                "ein Merkblatt zu Hitze am Arbeitsplatz zu erstellen",
                "Ein Merkblatt zu Hitze am Arbeitsplatz wird erstellt.",
            ),
            ("legt bis zum {due} einen Entwurf des Merkblatts vor.", "Entwurf Merkblatt Hitze"),
            (2022, 2100),
        ),
        T(
            "Jahresbericht und Arbeitsplanung",
            (
                "{a} fasst die Arbeit des vergangenen Jahres für den Bericht an die AG Transfer zusammen.",
                "{b} schlägt für das kommende Jahr zwei Schwerpunkte vor: Führung und Gesundheit sowie "
                "Hitze.",
            ),
            (
                "den Bericht in der vorgestellten Form an die AG Transfer zu geben",
                "Der Bericht geht in der vorgestellten Form an die AG Transfer.",
            ),
            ("übermittelt bis zum {due} den Jahresbericht.", "Jahresbericht übermitteln"),
        ),
    ),
    "digital": (
        T(
            "Künstliche Intelligenz im Büro kleiner Betriebe",
            (
                "{a} zeigt Beispiele, wie Betriebe Textassistenten für Angebote und Rechnungen nutzen. Offen "
                "sind vor allem Fragen des Datenschutzes.",
                "{b} berichtet, dass viele Betriebe die Werkzeuge bereits nutzen, ohne dass es dazu Regeln "
                "im Betrieb gibt.",
            ),
            (
                "eine einseitige Orientierungshilfe zum Einsatz von KI-Werkzeugen zu erstellen",
                "Eine einseitige Orientierungshilfe zum Einsatz von KI-Werkzeugen wird erstellt.",
            ),
            (
                "entwirft bis zum {due} die Gliederung der Orientierungshilfe.",
                "Gliederung Orientierungshilfe",
            ),
            (2023, 2100),
        ),
        T(
            "Digitale Zeiterfassung",
            (
                "{a} erläutert die rechtlichen Anforderungen an die Arbeitszeiterfassung und die "
                "Unsicherheit vieler Betriebe.",
                "{b} stellt drei einfache Lösungen vor, die in Pilotbetrieben erprobt wurden.",
            ),
            None,
            (
                "stellt bis zum {due} die Vergleichstabelle der Lösungen bereit.",
                "Vergleichstabelle bereitstellen",
            ),
        ),
        T(
            "IT-Sicherheit",
            (
                "{a} berichtet von Angriffen auf kleine Betriebe, bei denen Rechnungsdaten verschlüsselt "
                "wurden.",
                "{b} weist auf kostenlose Sicherheitschecks hin, die bislang kaum genutzt werden. {m} bietet "
                "an, den Check in einer der nächsten Sitzungen vorzustellen.",
            ),
            (
                "den Sicherheitscheck in den Netzwerken der Partner bekannt zu machen",
                "Der Sicherheitscheck wird in den Netzwerken der Partner bekannt gemacht.",
            ),
            (
                "lädt bis zum {due} zur Vorstellung des Sicherheitschecks ein.",
                "Vorstellung Sicherheitscheck planen",
            ),
        ),
        T(
            "Förderprogramme für Digitalisierung",
            (
                "{a} gibt einen Überblick über aktuelle Förderprogramme von Bund und Ländern.",
                "{b} merkt an, dass die Antragsverfahren für Kleinstbetriebe oft zu aufwendig sind.",
            ),
            None,
            None,
        ),
        T(
            "Digitale Kundenkommunikation",
            (
                "{a} stellt Ergebnisse einer Befragung vor: Kundinnen und Kunden erwarten zunehmend "
                "Terminbuchung und Rückmeldungen über das Smartphone.",
                "{b} berichtet von Betrieben, die mit einfachen Messenger-Lösungen gute Erfahrungen gemacht "
                "haben.",
            ),
            (
                "Praxisbeispiele für den nächsten Jahresbericht aufzubereiten",
                "Die Praxisbeispiele werden für den nächsten Jahresbericht aufbereitet.",
            ),
            None,
        ),
    ),
    "fachkraefte": (
        T(
            "Anerkennung ausländischer Berufsabschlüsse",
            (
                "{a} berichtet über die Beratungszahlen zur Anerkennung. Viele Verfahren dauern länger als "
                "ein halbes Jahr.",
                "{b} schildert den Fall eines Betriebs, der eine Fachkraft mit Unterstützung der Kammer "
                "nachqualifiziert hat.",
            ),
            (
                "Fallbeispiele zur Anerkennung zu sammeln",
                "Die Fachgruppe sammelt Fallbeispiele zur Anerkennung.",
            ),
            ("sammelt bis zum {due} Fallbeispiele aus den Kammern.", "Fallbeispiele sammeln"),
        ),
        T(
            "Ausbildungsabbrüche vermeiden",
            (
                "{a} stellt Zahlen zu Vertragslösungen im ersten Ausbildungsjahr vor.",
                "{b} berichtet, dass regelmäßige Gespräche zwischen Betrieb, Auszubildenden und Berufsschule "
                "viele Abbrüche verhindern. {m} hat dazu eine Gesprächshilfe entwickelt.",
            ),
            None,
            (
                "stellt bis zum {due} die Gesprächshilfe allen Teilnehmenden zur Verfügung.",
                "Gesprächshilfe verteilen",
            ),
        ),
        T(
            "Arbeitgeberattraktivität im Handwerk",
            (
                "{a} zeigt, welche Angebote Beschäftigte in kleinen Betrieben besonders schätzen: "
                "verlässliche Arbeitszeiten, Weiterbildung und ein gutes Betriebsklima.",
                "{b} regt an, eine Checkliste für Betriebe zu entwickeln.",
            ),
            (
                "eine Checkliste zur Arbeitgeberattraktivität zu entwickeln",
                "Eine Checkliste zur Arbeitgeberattraktivität wird entwickelt.",
            ),
            ("legt bis zum {due} einen Entwurf der Checkliste vor.", "Entwurf Checkliste"),
        ),
        T(
            "Fachkräfte aus dem Ausland",
            (
                "{a} berichtet über Erfahrungen mit Anwerbeprojekten in Drittstaaten.",
                "{b} betont, dass die Begleitung nach der Ankunft entscheidend dafür ist, ob die Fachkräfte "
                "bleiben.",
            ),
            None,
            None,
        ),
    ),
    "demografie": (
        T(
            "Altersgerechte Arbeitsgestaltung",
            (
                "{a} stellt Beispiele vor, wie Betriebe körperlich belastende Tätigkeiten zwischen Jüngeren "
                "und Älteren aufteilen.",
                "{b} weist darauf hin, dass viele Innungen das Thema noch nicht in ihren Angeboten haben.",
            ),
            (
                "die Beispiele den Innungen zur Verfügung zu stellen",
                "Die Beispiele werden den Innungen zur Verfügung gestellt.",
            ),
            (
                "verschickt bis zum {due} die Beispielsammlung an die Innungen.",
                "Beispielsammlung verschicken",
            ),
        ),
        T(
            "Wissenstransfer zwischen Generationen",
            (
                "{a} berichtet über Tandems aus erfahrenen und jungen Beschäftigten.",
                "{b} ergänzt, dass solche Tandems in Kleinbetrieben meist informell entstehen.",
            ),
            None,
            None,
        ),
        T(
            "Zukunft der Fachgruppe",
            (
                "{a} stellt fest, dass die Beteiligung an den Sitzungen deutlich zurückgegangen ist.",
                "Die Teilnehmenden beraten, ob das Thema in einer anderen Fachgruppe weitergeführt werden "
                "kann.",
            ),
            None,
            None,
        ),
    ),
    "netzwerk": (
        T(
            "Regionale Veranstaltungen",
            (
                "{a} berichtet über die Planung des nächsten Unternehmerfrühstücks. Themen sollen Ausbildung "
                "und Energieberatung sein.",
                "{b} bietet Räume für die Veranstaltung an.",
            ),
            (
                "das Unternehmerfrühstück gemeinsam auszurichten",
                "Das Unternehmerfrühstück wird gemeinsam ausgerichtet.",
            ),
            ("verschickt bis zum {due} die Einladung zum Unternehmerfrühstück.", "Einladung verschicken"),
        ),
        T(
            "Neue Partner in der Region",
            (
                "{a} stellt zwei Betriebe vor, die sich für eine Mitarbeit im Netzwerk interessieren.",
                "{b} regt an, auch die Kreishandwerkerschaften stärker einzubinden. {m} hat dazu Gespräche "
                "angeboten.",
            ),
            None,
            ("nimmt bis zum {due} Kontakt zu den interessierten Betrieben auf.", "Kontakt aufnehmen"),
        ),
        T(
            "Austausch zu aktuellen Angeboten",
            (
                "Die Partner berichten reihum über ihre aktuellen Angebote. {a} weist auf neue Sprechtage "
                "zur Betriebsnachfolge hin.",
                "{b} berichtet über ein Seminarprogramm für Auszubildende im zweiten Lehrjahr.",
            ),
            None,
            None,
        ),
        T(
            "Tag des Handwerks",
            (
                "{a} berichtet über die Planung der Aktionen zum Tag des Handwerks in der Region.",
                "{b} schlägt einen gemeinsamen Stand der Partner vor.",
            ),
            (
                "beim Tag des Handwerks mit einem gemeinsamen Stand aufzutreten",
                "Die Partner treten beim Tag des Handwerks mit einem gemeinsamen Stand auf.",
            ),
            ("klärt bis zum {due} die Standanmeldung.", "Standanmeldung klären"),
        ),
    ),
    "ag": (
        T(
            "Transferprodukte der Partner",
            (
                "{a} stellt die Liste der Transferprodukte vor, die im vergangenen Jahr fertig geworden "
                "sind.",
                "{b} regt an, die Produkte stärker nach Zielgruppen zu ordnen.",
            ),
            (
                "die Liste der Transferprodukte nach Zielgruppen zu ordnen",
                "Die Liste der Transferprodukte wird nach Zielgruppen geordnet.",
            ),
            (
                "überarbeitet bis zum {due} die Liste der Transferprodukte.",
                "Liste Transferprodukte überarbeiten",
            ),
        ),
        T(
            "Planung der Transferveranstaltung",
            (
                "{a} berichtet über den Stand der Planung der jährlichen Transferveranstaltung.",
                "{b} schlägt vor, Fachgruppen und Projekte gemeinsam auftreten zu lassen.",
            ),
            None,
            ("verschickt bis zum {due} den Programmentwurf.", "Programmentwurf verschicken"),
        ),
    ),
    "kt": (
        T(
            "Vorbereitung der Sitzung des Strategiekreises",
            (
                "{a} stellt den Entwurf der Tagesordnung für den Strategiekreis vor.",
                "{b} bittet darum, die Übersicht über die Aktivität der Fachgruppen rechtzeitig vorzulegen.",
            ),
            None,
            ("bereitet bis zum {due} die Übersicht über die Fachgruppen vor.", "Übersicht Fachgruppen"),
        ),
        T(
            "Anträge auf Partnerschaft",
            (
                "{a} berichtet über zwei neue Anträge auf Partnerschaft. Beide Organisationen erfüllen die "
                "Voraussetzungen.",
                "{b} empfiehlt, die Anträge dem Strategiekreis zur Aufnahme vorzuschlagen.",
            ),
            (
                "die Anträge dem Strategiekreis zur Aufnahme vorzuschlagen",
                "Die Anträge werden dem Strategiekreis zur Aufnahme vorgeschlagen.",
            ),
            None,
        ),
    ),
    "sk": (
        T(
            "Überprüfung der Fachgruppen",
            (
                "{a} stellt die Übersicht über die Aktivität der Fachgruppen vor: Sitzungen, beteiligte "
                "Partner und Berichte an die AG Transfer.",
                "{b} regt an, mit Fachgruppen, die nicht mehr tagen, das Gespräch zu suchen.",
            ),
            (
                "die Leitungen inaktiver Fachgruppen zu einem Gespräch einzuladen",
                "Die Leitungen inaktiver Fachgruppen werden zu einem Gespräch eingeladen.",
            ),
            None,
        ),
        T(
            "Strategische Schwerpunkte",
            (
                "{a} fasst die Schwerpunkte für das kommende Jahr zusammen: Fachkräftesicherung, Gesundheit "
                "und digitale Arbeit.",
                "{b} unterstützt die Schwerpunkte und bittet um eine Verbindung zu den laufenden Projekten.",
            ),
            None,
            None,
        ),
    ),
    "generic": (
        T(
            "Aktuelle Entwicklungen",
            (
                "{a} berichtet über aktuelle Entwicklungen zum Thema {topic} in den Betrieben der Partner.",
                "{b} ergänzt Erfahrungen aus der eigenen Beratungspraxis. {m} hat dazu Unterlagen zur "
                "Verfügung gestellt.",
            ),
            (
                "die Unterlagen allen Partnern zur Verfügung zu stellen",
                "Die Unterlagen werden allen Partnern zur Verfügung gestellt.",
            ),
            ("verschickt bis zum {due} die Unterlagen an alle Partner.", "Unterlagen verschicken"),
        ),
        T(
            "Erfahrungen aus den Betrieben",
            (
                "Die Teilnehmenden berichten aus ihren Betrieben und Beratungen zum Thema {topic}.",
                "{a} regt an, die Beispiele zu sammeln und im Jahresbericht darzustellen.",
            ),
            None,
            ("sammelt bis zum {due} die Beispiele für den Jahresbericht.", "Beispiele sammeln"),
        ),
        T(
            "Planung einer Veranstaltung",
            (
                "{a} schlägt eine gemeinsame Veranstaltung zum Thema {topic} vor.",
                "{b} bietet an, Referierende aus dem eigenen Netzwerk anzusprechen.",
            ),
            (
                "im kommenden Jahr eine gemeinsame Veranstaltung durchzuführen",
                "Im kommenden Jahr wird eine gemeinsame Veranstaltung durchgeführt.",
            ),
            ("klärt bis zum {due} mögliche Termine und Räume.", "Termine und Räume klären"),
        ),
    ),
}

STORY_PARAS = {
    "fading": (
        "{subj} stellt fest, dass von {fading} kaum noch oder gar niemand mehr an den Sitzungen teilnimmt. "
        "{lead} wird bei den Ansprechpersonen nachfragen, ob weiterhin Interesse an der Mitarbeit besteht."
    ),
    "few": (
        "{lead} weist darauf hin, dass zurzeit nur noch zwei Partner regelmäßig an den Sitzungen teilnehmen. "
        "Nach den Grundprinzipien braucht eine Fachgruppe mindestens drei Partner; die Fachgruppe will "
        "deshalb gezielt neue Partner ansprechen."
    ),
    "noreport": (
        "Der Jahresbericht für {prev_year} an die AG Transfer ist noch nicht erstellt. {lead} bittet um "
        "Beiträge, damit der Bericht nachgereicht werden kann."
    ),
    "stopped": (
        "Mehrere Partner haben signalisiert, dass sie zurzeit keine Kapazitäten für die Fachgruppe haben. "
        "Ein Folgetermin wird vorerst nicht vereinbart; {lead} meldet sich, sobald es neue Themen gibt."
    ),
    "stranger": (
        "{guest} stellt als Gast die Ausbildungsinitiative seines Betriebs vor und bietet an, "
        "Praktikumsplätze über das Netzwerk anzubieten."
    ),
}


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 1


@dataclass
class Task:
    owner: Person
    short: str
    sentence: str
    due: date


class Composer:
    """Writes one meeting's minutes into blocks; all choices come from the meeting's own rng."""

    def __init__(
        self,
        meeting: Meeting,
        prev_day: date | None,
        next_day: date | None,
        mention_pool: list[Person],
        rng: random.Random,
    ) -> None:
        self.m = meeting
        self.g = meeting.group
        self.v = meeting.protocol.variant if meeting.protocol else {}
        self.extra = meeting.protocol.extra if meeting.protocol else ()
        self.prev_day, self.next_day = prev_day, next_day
        self.rng = rng
        self.present = [a for a in meeting.attendance if a.status == "present" and a.person]
        self.guests = [a for a in meeting.attendance if a.status == "guest" and a.person]
        self.excused = [a for a in meeting.attendance if a.status == "excused" and a.person]
        here = {id(a.person) for a in meeting.attendance}
        self.mentionable = [p for p in mention_pool if id(p) not in here]
        self.tasks: list[Task] = []
        self.lead = self._lead()
        lasts = [a.person.last for a in meeting.attendance if a.person] + [p.last for p in self.mentionable]
        self.shared = {last for last in lasts if lasts.count(last) > 1}  # membership only

    def ref(self, person: Person) -> str:
        """'Frau Dr. Lange' in running text; the full name where two people share a last name."""
        return person.name if person.last in self.shared else person.formal

    # ------------------------------------------------------------------ helpers
    def _lead(self) -> Person:
        leads = [s.org for s in self.g.seats if s.role == "lead"]
        people = [(row.org, row.person) for row in self.present if row.person is not None]
        return next((person for org, person in people if org in leads), people[0][1])

    def spell(self, org: Org) -> str:
        """How the minute-taker writes an organisation: mostly short, sometimes long or odd."""
        if "baua" in self.extra and org.short == "BAuA":
            return "BauA"
        odd = list(org.aliases) + list(org.spellings)
        r = self.rng.random()
        if org.short and r < 0.6:
            return org.short
        if odd and r > 0.85:
            return self.rng.choice(odd)
        return org.name

    def others(self, *exclude: Person) -> list[Person]:
        people = [a.person for a in self.present + self.guests if a.person and a.person not in exclude]
        return people or [self.lead]

    def mention(self) -> str:
        if not self.mentionable:
            return "die Geschäftsstelle"
        person = self.rng.choice(self.mentionable)
        return f"{self.ref(person)} ({self.spell(person.org)})"

    def due(self) -> date:
        return self.m.day + timedelta(days=self.rng.choice((14, 21, 28, 35, 42)))

    def fill(self, text: str, a: Person, b: Person) -> str:
        return text.format(
            a=self.ref(a),
            b=self.ref(b),
            m=self.mention() if "{m}" in text else "",
            subj=self.g.subject,
            topic=self.g.topic,
            g=self.g.name,
        )

    # ------------------------------------------------------------------ header
    def header(self) -> list[Block]:
        v, m, g = self.v, self.m, self.g
        blocks: list[Block] = []
        if v["title"] == "austausch":
            blocks += [("title", f"Austausch {g.name}"), ("subtitle", "Protokoll")]
        else:
            blocks += [("title", f"Protokoll {g.name}")]
        date_text = long_date(m.day, v["date"] == "long0") if v["date"].startswith("long") else dotted(m.day)
        blocks.append(("field", f"Datum: {date_text}"))
        if v["time"] == "uhrzeit":
            blocks.append(("field", f"Uhrzeit: {m.start}-{m.end}"))
        elif v["time"] == "zeit":
            blocks.append(("field", f"Zeit: {m.start} – {m.end} Uhr"))
        else:
            blocks.append(("field", f"Beginn: {m.start} Uhr    Ende: {m.end} Uhr"))
        location = m.location
        if m.format == "hybrid" and not location.startswith("hybrid"):
            location = f"{location} (hybrid)"
        blocks.append(("field", f"Ort: {location}"))
        return blocks

    def person_line(self, row: Attendance, layout: str) -> str:
        person = row.person
        assert person is not None
        org = self.spell(row.org)
        note = f" ({row.note})" if row.note else ""
        if layout not in ("tab", "comma"):
            # 'Name (Org) (ab 13.30 Uhr)': after brackets people tend to write the time the German way.
            note = re.sub(r"(\d\d):(\d\d)$", r"\1.\2 Uhr", note[:-1]) + ")" if note else ""
        if layout == "tab":
            return f"{person.full}\t{org}{note}"
        if layout == "comma":
            return f"{person.full}, {org}{note}"
        return f"{person.full} ({org}){note}"

    def people_block(self, label: str, rows: list[Attendance]) -> list[Block]:
        if not rows:
            return []
        layout = self.v["people"]
        if layout == "table":
            table_rows = [
                [r.person.full, self.spell(r.org) + (f" ({r.note})" if r.note else "")]
                for r in rows
                if r.person
            ]
            return [("label", label), ("table", ["Name", "Organisation"], table_rows)]
        if layout == "inline":
            items = [self.person_line(r, "paren") for r in rows]
            return [("wrapped", f"{label} " + ", ".join(items))]
        if layout == "bullet":
            return [("label", label), ("ul", [self.person_line(r, "paren") for r in rows])]
        return [("label", label)] + [("line", self.person_line(r, layout)) for r in rows]

    def participants(self) -> list[Block]:
        blocks = self.people_block(self.v["label"], self.present)
        excused_layout = self.v["people"]
        if excused_layout == "table":
            # Word tables are kept for the present list; the excused follow as plain lines.
            self.v = {**self.v, "people": "paren"}
        blocks += self.people_block("Entschuldigt:", self.excused)
        blocks += self.people_block("Gäste:", self.guests)
        self.v = {**self.v, "people": excused_layout}
        return blocks

    # ------------------------------------------------------------------ body
    def sections(self) -> list[Section]:
        out = [self.welcome()]
        if self.prev_day and self.rng.random() < 0.5:
            out.append(
                Section(
                    "Protokoll der letzten Sitzung",
                    [
                        (
                            "p",
                            f"Das Protokoll der Sitzung vom {dotted(self.prev_day)} wird ohne Änderungen "
                            "genehmigt.",
                        )
                    ],
                )
            )
        for project in self.m.presented:
            out.append(self.presentation(project))
        if self.m.reports or self.m.missing_reports:
            out.extend(self.reports())
        for project in self.m.transfers:
            out.append(self.transfer(project))
        topics = [t for t in POOLS[self.g.pool] if t.years[0] <= self.m.day.year <= t.years[1]]
        count = 3 if "long" in self.extra else (1 if self.m.reports else 2)
        for topic in self.rng.sample(topics, min(count, len(topics))):
            out.append(self.topic(topic))
        out.append(self.closing())
        return out

    def welcome(self) -> Section:
        lines = [f"{self.ref(self.lead)} begrüßt die Teilnehmenden und stellt die Tagesordnung vor."]
        guest = next((a for a in self.guests if a.person is not None), None)
        if guest and guest.person:
            lines.append(f"Als Gast nimmt {guest.person.full} ({self.spell(guest.org)}) teil.")
        if self.rng.random() < 0.5:
            lines.append(f"{self.mention()} lässt die Runde grüßen.")
        return Section(
            self.rng.choice(("Begrüßung", "Begrüßung und Vorstellungsrunde")), [("p", " ".join(lines))]
        )

    def presentation(self, project: Project) -> Section:
        presenter = next(
            (a.person for a in self.present + self.guests if a.org is project.lead and a.person), self.lead
        )
        other = self.rng.choice(self.others(presenter))
        idea = not project.approved or project.approved > self.m.day
        verb = "wird als Projektidee vorgestellt" if idea else "wird vorgestellt"
        paras = [
            f"Das Projekt „{project.name}“ {verb}. {self.ref(presenter)} ({self.spell(project.lead)}) "
            f"erläutert Ziele, Vorgehen und Zeitplan. Kurzbeschreibung: {project.description}"
        ]
        if not idea and project.start and project.end:
            paras.append(
                f"Das Projekt läuft vom {dotted(project.start)} bis zum {dotted(project.end)} und wird im "
                f"Programm {project.programme} gefördert."
            )
        paras.append(
            f"{self.ref(other)} fragt, wie die Ergebnisse in die Beratung der Partner einfließen können. "
            "Die Teilnehmenden vereinbaren, das Projekt weiter zu begleiten."
        )
        blocks: list[Block] = [("p", p) for p in paras]
        if self.rng.random() < 0.5:
            blocks.append(
                self.decision(
                    (
                        "das Projekt zum Abschluss erneut einzuladen",
                        "Das Projekt wird zum Abschluss erneut eingeladen.",
                    )
                )
            )
        return Section(f"Vorstellung des Projekts „{project.name}“", blocks)

    def reports(self) -> list[Section]:
        out = [
            Section(
                "Berichte aus den Fachgruppen",
                [("p", "Die Fachgruppen berichten über ihre Arbeit im vergangenen Jahr.")],
            )
        ]
        for group in self.m.reports:
            lead = next(s for s in group.seats if s.role == "lead")
            speaker = next(
                (a.person for a in self.present + self.guests if a.org is lead.org and a.person), lead.reps[0]
            )
            first, second = (t.heading for t in POOLS[group.pool][:2])
            text = (
                f"Die {group.name} berichtet über ihre Arbeit zu den Themen „{first}“ und „{second}“ und "
                "über "
                f"die Projekte, die in der Fachgruppe vorgestellt wurden. {self.ref(speaker)} "
                f"({self.spell(lead.org)}) stellt den Bericht vor."
            )
            out.append(
                Section(
                    f"Bericht der {group.name}",
                    [("p", text), ("p", f"{self.g.subject} nimmt den Bericht zur Kenntnis.")],
                    level=2,
                )
            )
        if self.m.missing_reports:
            # Own heading on purpose: "Bericht der …" must only ever introduce a report that was given.
            out.append(
                Section(
                    "Ausstehende Jahresberichte",
                    [
                        (
                            "p",
                            f"Für die {group.name} liegt kein Bericht für das Jahr {self.m.day.year - 1} "
                            "vor.",
                        )
                        for group in self.m.missing_reports
                    ]
                    + [("p", "Die Geschäftsstelle fragt bei den Leitungen der Fachgruppen nach.")],
                    level=2,
                )
            )
        return out

    def transfer(self, project: Project) -> Section:
        presenter = next(
            (a.person for a in self.present + self.guests if a.org is project.lead and a.person), self.lead
        )
        return Section(
            f"Transfer: Ergebnisse „{project.name}“",
            [
                (
                    "p",
                    f"{self.ref(presenter)} stellt die Ergebnisse des abgeschlossenen Projekts "
                    f"„{project.name}“ vor. "
                    "Die AG Transfer berät, über welche Partner die Ergebnisse weitergegeben werden.",
                )
            ],
        )

    def topic(self, topic: Topic) -> Section:
        a = self.rng.choice(self.others())
        b = self.rng.choice(self.others(a))
        blocks: list[Block] = [("p", self.fill(p, a, b)) for p in topic.paras]
        if topic.decision and self.rng.random() < 0.8:
            blocks.append(self.decision(topic.decision))
        if topic.task:
            owner = self.rng.choice([a, b])
            self.add_task(owner, topic.task, blocks)
        return Section(topic.heading, blocks)

    def decision(self, phrasing: tuple[str, str]) -> Block:
        clause, passive = phrasing
        if self.rng.random() < 0.5:
            return ("p", f"Beschluss: {passive}")
        return ("p", f"{self.g.subject} beschließt, {clause}.")

    def add_task(self, owner: Person, task: tuple[str, str], blocks: list[Block]) -> None:
        tail, short = task
        due = self.due()
        sentence = f"{self.ref(owner)} {tail.format(due=dotted(due))}"
        self.tasks.append(Task(owner, short, sentence, due))
        if self.v["tasks"] == "sentences":
            blocks.append(("p", sentence))

    def closing(self) -> Section:
        blocks: list[Block] = []
        for key in ("fading", "few", "noreport", "stranger"):
            if key in self.extra:
                blocks.append(("p", self.story(key)))
        if "stopped" in self.extra:
            blocks.append(("p", self.story("stopped")))
        elif self.next_day and self.rng.random() < 0.6:
            blocks.append(("p", f"Die nächste Sitzung findet am {dotted(self.next_day)} statt."))
        else:
            owner = self.rng.choice(self.others())
            due = self.due()
            sentence = (
                f"{self.ref(owner)} verschickt bis zum {dotted(due)} eine Terminabfrage "
                "für die nächste Sitzung."
            )
            blocks.append(("p", sentence))
            self.tasks.append(Task(owner, "Terminabfrage verschicken", sentence, due))
        return Section(self.rng.choice(("Verschiedenes und Termine", "Weiteres Vorgehen", "Termine")), blocks)

    def story(self, key: str) -> str:
        fading = [self.spell(s.org) for s in self.g.seats if s.org.fading]
        names = ", ".join(fading[:-1]) + " und " + fading[-1] if len(fading) > 1 else "".join(fading)
        guest = next((a for a in self.guests if not a.org.people), None)
        return STORY_PARAS[key].format(
            subj=self.g.subject,
            fading=names,
            lead=self.ref(self.lead),
            prev_year=self.m.day.year - 1,
            guest=f"{guest.person.full} ({guest.org.name})" if guest and guest.person else "",
        )

    # ------------------------------------------------------------------ assemble
    def compose(self) -> list[Block]:
        blocks = self.header() + self.participants()
        sections = self.sections()
        main = [s for s in sections if s.level == 1]
        agenda_style = self.v["agenda"]
        if agenda_style == "agenda":
            blocks += [("h1", "Agenda"), ("ol", [s.title for s in main])]
        elif agenda_style == "tagesordnung":
            blocks += [("label", "Tagesordnung:"), ("ol", [s.title for s in main])]
        number = 0
        for section in sections:
            if section.level == 1:
                number += 1
                title = f"TOP {number} {section.title}" if agenda_style == "top" else section.title
                blocks.append(("h1", title))
            else:
                blocks.append(("h2", section.title))
            blocks += section.blocks
        if self.v["tasks"] == "list" and self.tasks:
            blocks += [
                ("label", "Aufgaben:"),
                ("ul", [f"{t.short} – {t.owner.name} – bis {dotted(t.due)}" for t in self.tasks]),
            ]
        elif self.v["tasks"] == "table" and self.tasks:
            blocks += [
                ("h1", "Aufgaben"),
                (
                    "table",
                    ["Aufgabe", "Verantwortlich", "Termin"],
                    [[t.short, t.owner.name, dotted(t.due)] for t in self.tasks],
                ),
            ]
        writer = self.rng.choice(self.others())
        blocks.append(("line", f"Protokoll: {writer.name}"))
        return blocks


def compose(
    meeting: Meeting,
    prev_day: date | None,
    next_day: date | None,
    mention_pool: list[Person],
    rng: random.Random,
) -> list[Block]:
    """The blocks of one protocol; deterministic for a given rng state."""
    return Composer(meeting, prev_day, next_day, mention_pool, rng).compose()


def document_title(blocks: list[Block], day: date) -> str:
    """Running page header for PDFs: the title plus the date, as exported minutes show it."""
    return f"{blocks[0][1]} – {dotted(day)}"
