"""Name pools for the demo network: fictional German people, places and organisation kinds.

Kept apart from the generator so the word lists do not drown the logic. The first and last
names deliberately leave out every name that appears in the real seed protocol.
"""

from __future__ import annotations

# fmt: off

FEMALE = (
    "Anna", "Katrin", "Sabine", "Claudia", "Julia", "Stefanie", "Nicole", "Andrea", "Birgit", "Petra",
    "Susanne", "Martina", "Monika", "Heike", "Silke", "Anja", "Kerstin", "Tanja", "Melanie", "Christina",
    "Sandra", "Daniela", "Simone", "Karin", "Ute", "Bettina", "Ines", "Jana", "Lena", "Miriam",
    "Franziska", "Johanna", "Carola", "Doris", "Elke", "Gudrun", "Hanna", "Ilona", "Jutta", "Kathrin",
    "Larissa", "Marion", "Nadine", "Paula", "Renate", "Sophie", "Theresa", "Ulrike", "Vera", "Wiebke",
    "Yvonne", "Annette", "Britta", "Dagmar", "Friederike", "Gesa", "Henrike", "Imke", "Jessica", "Lisa",
    "Maren", "Nina", "Regina", "Svenja", "Tina", "Verena", "Antje", "Bärbel", "Cornelia", "Dörte",
)

MALE = (
    "Thomas", "Michael", "Stefan", "Frank", "Jürgen", "Uwe", "Markus", "Matthias", "Christian", "Martin",
    "Peter", "Klaus", "Wolfgang", "Bernd", "Ralf", "Dirk", "Holger", "Jens", "Torsten", "Sven", "Jan",
    "Tobias", "Florian", "Sebastian", "Alexander", "Daniel", "Henning", "Hendrik", "Lars", "Nils", "Ole",
    "Karsten", "Rainer", "Detlef", "Volker", "Günter", "Hans", "Heiko", "Ingo", "Jörg", "Kai", "Lutz",
    "Marco", "Norbert", "Olaf", "Philipp", "Reinhard", "Rüdiger", "Simon", "Timo", "Ulrich", "Werner",
    "Axel", "Björn", "Carsten", "Dieter", "Fabian", "Georg", "Helmut", "Johannes", "Konrad", "Lukas",
    "Moritz", "Niklas", "Oliver", "Patrick", "Till", "Benedikt", "Malte", "Gerd",
)

LAST = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz",
    "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz",
    "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Mayer",
    "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert",
    "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz",
    "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin",
    "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich",
    "Brandt", "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl",
    "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer",
    "Ritter", "Brinkmann", "Ahrens", "Bruns", "Dreyer", "Eilers", "Gerdes", "Harms", "Janssen", "Kruse",
    "Lüders", "Meinke", "Nolte", "Oltmanns", "Poppe", "Quast", "Reents", "Siemers", "Tjaden", "Uphoff",
    "Vollmer", "Wessels", "Böhme", "Decker", "Ebert", "Fricke", "Gärtner", "Hesse", "Ilse", "Jacobs",
    "Kern", "Lindemann", "Marx", "Nowak", "Ostermann", "Paulsen", "Rademacher", "Stahl", "Thiele", "Urban",
    "Voss", "Wendt", "Zander", "Adam", "Bach", "Christ", "Diehl", "Eckert", "Fiedler", "Geiger", "Hager",
    "Imhof", "Jahn", "Kolb", "Lenz", "Menzel", "Nagel", "Ohm", "Preuß", "Rieger", "Sturm", "Tiedemann",
    "Ulbrich", "Vetter", "Wirth", "Zeller", "Auer", "Blank", "Conrad", "Dorn", "Ernst", "Falk", "Gebhardt",
    "Heil", "Ihle", "Janke", "Knoll", "Lutz", "Maurer", "Naumann", "Oswald",
)

# (town, Bundesland) for generated organisations; regions are Bundesländer.
TOWNS = (
    ("Aurich", "Niedersachsen"), ("Celle", "Niedersachsen"), ("Cuxhaven", "Niedersachsen"),
    ("Emden", "Niedersachsen"), ("Gifhorn", "Niedersachsen"), ("Goslar", "Niedersachsen"),
    ("Hameln", "Niedersachsen"), ("Lingen", "Niedersachsen"), ("Nienburg", "Niedersachsen"),
    ("Peine", "Niedersachsen"), ("Stade", "Niedersachsen"), ("Verden", "Niedersachsen"),
    ("Wolfenbüttel", "Niedersachsen"), ("Uelzen", "Niedersachsen"), ("Leer", "Niedersachsen"),
    ("Husum", "Schleswig-Holstein"), ("Itzehoe", "Schleswig-Holstein"),
    ("Neumünster", "Schleswig-Holstein"), ("Rendsburg", "Schleswig-Holstein"),
    ("Heide", "Schleswig-Holstein"), ("Eutin", "Schleswig-Holstein"), ("Wismar", "Mecklenburg-Vorpommern"),
    ("Stralsund", "Mecklenburg-Vorpommern"), ("Greifswald", "Mecklenburg-Vorpommern"),
    ("Güstrow", "Mecklenburg-Vorpommern"), ("Neubrandenburg", "Mecklenburg-Vorpommern"),
    ("Cottbus", "Brandenburg"), ("Eberswalde", "Brandenburg"), ("Brandenburg an der Havel", "Brandenburg"),
    ("Prenzlau", "Brandenburg"), ("Neuruppin", "Brandenburg"), ("Senftenberg", "Brandenburg"),
    ("Bautzen", "Sachsen"), ("Görlitz", "Sachsen"), ("Zwickau", "Sachsen"), ("Plauen", "Sachsen"),
    ("Freiberg", "Sachsen"), ("Meißen", "Sachsen"), ("Pirna", "Sachsen"), ("Dessau", "Sachsen-Anhalt"),
    ("Halberstadt", "Sachsen-Anhalt"), ("Stendal", "Sachsen-Anhalt"), ("Wernigerode", "Sachsen-Anhalt"),
    ("Merseburg", "Sachsen-Anhalt"), ("Gotha", "Thüringen"), ("Jena", "Thüringen"), ("Suhl", "Thüringen"),
    ("Nordhausen", "Thüringen"), ("Weimar", "Thüringen"), ("Gera", "Thüringen"), ("Fulda", "Hessen"),
    ("Gießen", "Hessen"), ("Marburg", "Hessen"), ("Wetzlar", "Hessen"), ("Hanau", "Hessen"),
    ("Limburg", "Hessen"), ("Bad Hersfeld", "Hessen"), ("Paderborn", "Nordrhein-Westfalen"),
    ("Bielefeld", "Nordrhein-Westfalen"), ("Siegen", "Nordrhein-Westfalen"),
    ("Hamm", "Nordrhein-Westfalen"), ("Minden", "Nordrhein-Westfalen"),
    ("Arnsberg", "Nordrhein-Westfalen"), ("Detmold", "Nordrhein-Westfalen"),
    ("Soest", "Nordrhein-Westfalen"), ("Wesel", "Nordrhein-Westfalen"), ("Krefeld", "Nordrhein-Westfalen"),
    ("Bocholt", "Nordrhein-Westfalen"), ("Gütersloh", "Nordrhein-Westfalen"),
    ("Iserlohn", "Nordrhein-Westfalen"), ("Trier", "Rheinland-Pfalz"),
    ("Kaiserslautern", "Rheinland-Pfalz"), ("Worms", "Rheinland-Pfalz"), ("Speyer", "Rheinland-Pfalz"),
    ("Neuwied", "Rheinland-Pfalz"), ("Bad Kreuznach", "Rheinland-Pfalz"), ("Pirmasens", "Rheinland-Pfalz"),
    ("Saarlouis", "Saarland"), ("Neunkirchen", "Saarland"), ("Homburg", "Saarland"),
    ("Merzig", "Saarland"), ("Heilbronn", "Baden-Württemberg"), ("Reutlingen", "Baden-Württemberg"),
    ("Ulm", "Baden-Württemberg"), ("Pforzheim", "Baden-Württemberg"), ("Offenburg", "Baden-Württemberg"),
    ("Ravensburg", "Baden-Württemberg"), ("Göppingen", "Baden-Württemberg"),
    ("Aalen", "Baden-Württemberg"), ("Villingen", "Baden-Württemberg"), ("Konstanz", "Baden-Württemberg"),
    ("Lörrach", "Baden-Württemberg"), ("Tübingen", "Baden-Württemberg"), ("Rosenheim", "Bayern"),
    ("Landshut", "Bayern"), ("Passau", "Bayern"), ("Bamberg", "Bayern"), ("Bayreuth", "Bayern"),
    ("Kempten", "Bayern"), ("Ingolstadt", "Bayern"), ("Schweinfurt", "Bayern"),
    ("Aschaffenburg", "Bayern"), ("Straubing", "Bayern"), ("Weiden", "Bayern"), ("Memmingen", "Bayern"),
    ("Coburg", "Bayern"), ("Hof", "Bayern"), ("Erlangen", "Bayern"), ("Traunstein", "Bayern"),
    ("Bremerhaven", "Bremen"), ("Vegesack", "Bremen"), ("Bergedorf", "Hamburg"), ("Harburg", "Hamburg"),
    ("Altona", "Hamburg"), ("Spandau", "Berlin"), ("Köpenick", "Berlin"), ("Pankow", "Berlin"),
    ("Neukölln", "Berlin"), ("Lichtenberg", "Berlin"), ("Oldenburg", "Niedersachsen"),
    ("Osnabrück", "Niedersachsen"), ("Lüneburg", "Niedersachsen"), ("Göttingen", "Niedersachsen"),
    ("Hildesheim", "Niedersachsen"), ("Wilhelmshaven", "Niedersachsen"),
    ("Flensburg", "Schleswig-Holstein"), ("Lübeck", "Schleswig-Holstein"),
    ("Rostock", "Mecklenburg-Vorpommern"), ("Schwerin", "Mecklenburg-Vorpommern"),
    ("Potsdam", "Brandenburg"), ("Chemnitz", "Sachsen"), ("Leipzig", "Sachsen"),
    ("Magdeburg", "Sachsen-Anhalt"), ("Halle", "Sachsen-Anhalt"), ("Erfurt", "Thüringen"),
    ("Kassel", "Hessen"), ("Darmstadt", "Hessen"), ("Münster", "Nordrhein-Westfalen"),
    ("Aachen", "Nordrhein-Westfalen"), ("Koblenz", "Rheinland-Pfalz"), ("Mainz", "Rheinland-Pfalz"),
    ("Freiburg", "Baden-Württemberg"), ("Mannheim", "Baden-Württemberg"), ("Augsburg", "Bayern"),
    ("Regensburg", "Bayern"), ("Würzburg", "Bayern"), ("Saarbrücken", "Saarland"),
)

REGIONS = (
    "Nord", "Süd", "Ost", "West", "Mitte", "Nordwest", "Südwest", "Nordost", "Südost",
)

LAENDER = (
    "Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
    "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz", "Saarland",
    "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen",
)

GEWERKE = (
    "Tischler", "Bäcker", "Fleischer", "Maler- und Lackierer", "Dachdecker", "Elektro",
    "Sanitär-Heizung-Klima", "Kfz", "Friseur", "Metall", "Zimmerer", "Maurer", "Glaser", "Konditoren",
    "Augenoptiker", "Raumausstatter", "Steinmetz", "Gebäudereiniger",
)

BRANCHEN = (
    "Holz und Kunststoff", "Metall", "Elektro- und Informationstechnik", "Sanitär Heizung Klima", "Bau",
    "Ausbau und Fassade", "Gebäudetechnik", "Lebensmittelhandwerk", "Kfz-Gewerbe", "Gesundheitshandwerk",
    "Farbe und Gestaltung", "Dach und Wand",
)

FAECHER = (
    "Arbeitswissenschaft", "Betriebsorganisation", "Berufsbildungsforschung", "Mittelstandsforschung",
    "Arbeitsgestaltung", "Gesundheitsmanagement", "Digitale Arbeit", "Organisationsentwicklung",
    "angewandte Sozialforschung", "Technikfolgen im Handwerk", "Innovationsmanagement",
    "Wirtschaftspädagogik",
)

STIFTUNGSTHEMEN = (
    "Handwerk und Zukunft", "Gute Arbeit", "Bildung im Beruf", "Unternehmensnachfolge",
    "Regionale Wirtschaft", "Arbeit und Gesundheit", "Innovation im Mittelstand",
    "Chancen für Auszubildende",
)

BEHOERDENTHEMEN = (
    "Fachkräftesicherung", "Berufsbildung", "Arbeitsmarktintegration", "Mittelstandsförderung",
    "Arbeitsschutzforschung", "Gründung und Nachfolge", "Energieeffizienz im Gewerbe",
    "Digitale Verwaltung", "Qualifizierung", "Wirtschaftsstatistik", "Strukturwandel", "Arbeitsmedizin",
    "Weiterbildung", "Integration in Arbeit", "Normung im Handwerk", "Handwerksförderung",
    "Technologietransfer", "Ressourceneffizienz", "Außenwirtschaft im Mittelstand",
    "Gleichstellung im Erwerbsleben",
)

BERATUNGSFORMEN = (
    "{last} & Partner Unternehmensberatung", "Beratungsbüro {last}", "{last} Consulting GmbH",
    "{last} Organisationsberatung", "{last} Betriebsberatung",
)

# Topics for generated Fachgruppen; each becomes "Fachgruppe <topic>", with a region when repeated.
FG_TOPICS = (
    "Nachhaltiges Wirtschaften", "Arbeitsschutz im Bauhandwerk", "Betriebsnachfolge",
    "Führung im Kleinbetrieb", "Ausbildung 4.0", "Energieberatung", "Integration in Arbeit",
    "Vereinbarkeit von Familie und Beruf", "Qualität in der Beratung", "Psychische Gesundheit",
    "Alternsgerechte Arbeit", "Kundenorientierung", "Innovation im Handwerk", "Datenschutz im Betrieb",
    "Frauen im Handwerk", "Unternehmenskultur", "Weiterbildung im Betrieb", "Klimaanpassung",
    "Kreislaufwirtschaft", "Mobile Arbeit", "Prävention im Kleinbetrieb", "Internationale Fachkräfte",
    "Gute Ausbildung", "Produktivität und Arbeit",
)

# Roles by organisation type as (male, female) forms.
ROLES = {
    "Handwerkskammer": (
        ("Hauptgeschäftsführer", "Hauptgeschäftsführerin"), ("Betriebsberater", "Betriebsberaterin"),
        ("Beauftragter für Innovation und Technologie", "Beauftragte für Innovation und Technologie"),
        ("Ausbildungsberater", "Ausbildungsberaterin"),
        ("Abteilungsleiter Gewerbeförderung", "Abteilungsleiterin Gewerbeförderung"),
    ),
    "Innung": (
        ("Obermeister", "Obermeisterin"), ("Geschäftsführer", "Geschäftsführerin"),
        ("Lehrlingswart", "Lehrlingswartin"),
    ),
    "Fachverband": (
        ("Geschäftsführer", "Geschäftsführerin"), ("Referent Berufsbildung", "Referentin Berufsbildung"),
        ("Technischer Referent", "Technische Referentin"),
    ),
    "Forschungsinstitut": (
        ("Wissenschaftlicher Mitarbeiter", "Wissenschaftliche Mitarbeiterin"),
        ("Institutsleiter", "Institutsleiterin"), ("Projektleiter", "Projektleiterin"),
    ),
    "Stiftung": (
        ("Vorstand", "Vorstand"), ("Programmleiter", "Programmleiterin"), ("Referent", "Referentin"),
    ),
    "Bundesbehörde": (
        ("Referent", "Referentin"), ("Referatsleiter", "Referatsleiterin"),
        ("Wissenschaftlicher Mitarbeiter", "Wissenschaftliche Mitarbeiterin"),
    ),
    "Beratung": (
        ("Geschäftsführer", "Geschäftsführerin"), ("Berater", "Beraterin"),
        ("Senior-Berater", "Senior-Beraterin"),
    ),
    "Unternehmerfrauen": (
        ("Vorsitzende", "Vorsitzende"), ("stellvertretende Vorsitzende", "stellvertretende Vorsitzende"),
        ("Schriftführerin", "Schriftführerin"),
    ),
    "Kreishandwerkerschaft": (
        ("Kreishandwerksmeister", "Kreishandwerksmeisterin"), ("Geschäftsführer", "Geschäftsführerin"),
    ),
}

ROOMS = (
    "Raum 2", "Sitzungssaal", "Konferenzraum 1.12", "Seminarraum 3", "Besprechungsraum EG", "Raum 4.05",
)

ONLINE = (
    "Videokonferenz via Zoom", "Videokonferenz (MS Teams)", "Online-Meeting via Webex", "Zoom",
)
# fmt: on
