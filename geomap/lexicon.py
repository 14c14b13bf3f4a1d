"""Word lists the recogniser and resolver consult, written for geomap (English news)."""

from __future__ import annotations

from functools import lru_cache
from typing import Final

#: Abbreviated month names ("Nov. 11"): never places, and a full stop after them ends no sentence.
MONTH_ABBREVIATIONS: Final = frozenset(
    """
    apr aug dec feb jan jul jun mar nov oct sep sept
    """.split()
)

#: Words that name a small place somewhere (or are a variant of a town's name) but that
#: English news uses for something else: the word itself, a weapon, a unit, an agency.
#: Each with the reason it is not taken for the place.
COMMON_WORD_NAMESAKES: Final[dict[str, str]] = {
    "air": "a variant of Air Khas, India; in news 'Air Force', 'Air Transport Authority'",
    "artillery": "a variant of Artillerie, New Caledonia; in English the weapon",
    "battle": "Battle, East Sussex; in war news 'the Battle of Bakhmut', 'Battle Group'",
    "bayraktar": "a variant of Karayazi, Turkey; in news the Turkish drone",
    "blast": "a variant of Plast, Russia; in English the explosion",
    "border": "a variant of Borderes, France; in English 'Border guards', 'Border Service'",
    "buk": "Buk, Poland; in news the Russian air-defence missile system",
    "convoy": "Convoy, Donegal and Ohio; in English the column of vehicles",
    "drone": "a variant of Dronero, Italy; in English the aircraft",
    "energy": "Energy, Illinois (1,100 people); in English 'Energy infrastructure'",
    "fano": "Fano, Italy; in news of Ethiopia the Amhara militia ('Fano fighters')",
    "front": "Front, a village of Piedmont; in war news the front line, '... Liberation Front'",
    "geran": "a variant of Gogaran, Armenia; in news the Russian name of the Shahed drone",
    "grad": "Grad, Slovenia; in news the BM-21 rocket launcher",
    "grain": "Grain, Kent; in war news 'Black Sea Grain Initiative', 'Grain exports'",
    "iskander": "a variant of Iskandar, Uzbekistan; in news the Russian ballistic missile",
    "krasnopol": "Krasnopol, Poland; in news the Russian guided artillery shell",
    "liberation": "Liberation, France; in news '... Liberation Front/Army', a city's liberation",
    "magura": "villages of Romania; in news the Ukrainian sea drone",
    "marines": "Marines, France and Spain; in English the troops",
    "neptune": "a variant of Neptune City, New Jersey; in news the Ukrainian cruise missile",
    "pantsir": "a variant of Krasnoarmeysk, Russia; in news the air-defence system",
    "peace": "a variant of Sterling, Kansas; in English 'Peace talks', 'Peace Council'",
    "pravda": "villages of Russia and Ukraine; in news the newspapers ('Ukrainska Pravda')",
    "reserve": "Reserve, Louisiana; in news 'Reserve units', 'Federal Reserve'",
    "strela": "a variant of Strehla, Germany; in news the shoulder-fired missile",
    "stryker": "Stryker, Ohio (1,300 people); in news the armoured vehicle",
    "taking": "a variant of Decheng, China; in English the verb ('Taking control of ...')",
    "tass": "Tass, Hungary; in news the Russian state news agency",
    "tomahawk": "Tomahawk, Wisconsin; in news the US cruise missile",
    "tor": "an old name of Sloviansk; in news the Russian air-defence system, the Tor network",
    "tornado": "Tornado, West Virginia; in news the jet or the rocket launcher, or the storm",
    "tribune": "Tribune, Kansas (800 people); in news newspapers ('Sudan Tribune')",
    "ukrainska": "the adjective of the village Ukrainka; in news 'Ukrainska Pravda', Ukrainian",
    "victory": "a variant of Juneau, Wisconsin; in English 'Victory Day'",
    "wagner": "Wagner, South Dakota and Bahia; in war news the Russian mercenary group",
    "war": "War, West Virginia (800 people); in news the word ('Institute for the Study of War')",
    "week": "a variant of Wick, Scotland; in English the word ('This Week')",
    "xinhua": "small towns of China; in news the Chinese state news agency",
}

#: Names of organisations that a place somewhere also bears, folded as the gazetteer keys
#: them, each with the reason it is not taken for the place.
NOT_PLACE_NAME_REASONS: Final[dict[str, str]] = {
    "red cross": "the humanitarian organisation (Red Cross is also a village of North Carolina)",
    "red crescent": "the humanitarian organisation, not a place",
    "white helmets": "the Syrian civil defence, not a place",
    "human rights watch": "the organisation, not a place",
}
NOT_PLACE_NAMES: Final = frozenset(NOT_PLACE_NAME_REASONS)

#: Capitalised words that are almost never a place in running English text.
#: Numbers written as words, as counts are ("seven bridges", "three days ago").
NUMBER_WORDS: Final = {
    word: value
    for value, word in enumerate(
        "one two three four five six seven eight nine ten eleven twelve".split(), start=1
    )
}

NEVER_PLACES: Final = (
    MONTH_ABBREVIATIONS
    | frozenset(
        """
    a about above across after again against all along already also although among an and
    any april around as at august because before behind below beside between beyond both but
    by can central chief col colonel commander could credit december despite dr during each
    east eastern editor eight even every except february few first five for four friday from
    gen general governor he her here him his how however i if image in inside into it its
    january judge july june just king lady last lord madam many march may mayor me might
    minister monday more most mr mrs ms much must my near new news next nine no none north
    northern not november now october of off officer old on once one only onto or other our
    out outside over photo pope president press prince princess queen report reporter said
    saturday say says second senator september seven shall she should since sir six so some
    source south southern staff still such sunday ten than that the their them then there
    these they third this those though three through throughout thursday till to today
    tomorrow tonight too toward towards tuesday two under until up update upon us very via
    video we wednesday west western what when where which while who whom whose why will with
    within without would writer yesterday yet you your
    """.split()
    )
    | frozenset(COMMON_WORD_NAMESAKES)
)

#: Capitalised words of institutions, parties, faiths and feasts: proper nouns that some
#: village somewhere is also called, but that news uses for something else.
NOT_PLACE_PROPER_NOUNS: Final = frozenset(
    """
    christmas congress conservative conservatives continental democrat democratic democrats
    easter federal god hamas hanukkah hezbollah international islam jesus labour liberal
    liberals metro national olympic olympics parliament passover ramadan republican
    republicans royal senate superior supreme taliban thanksgiving union united
    african africans arab arabs asian asians catholic catholics christian christians european
    europeans hispanic ismaili jewish kurdish kurds latino latinos muslim muslims shia shiite
    sunni
    """.split()
)

#: Nouns after a place name that make it the name of a germ or an illness ("Marburg virus").
DISEASE_NOUNS: Final = frozenset(
    """
    disease ebolavirus fever flu influenza strain syndrome variant virus viruses
    """.split()
)

#: Words before a name that make it a person's name ("President Lincoln").
PERSON_TITLES: Final = frozenset(
    """
    sen sens rep reps pres supt sgt lt det insp rev revd atty agent
    bishop cardinal coach dean father imam pastor rabbi reverend
    adm admiral ambassador ayatollah capt captain chancellor chief col colonel commander
    congressman congresswoman councillor councilman dame deputy director dr gen general gov
    governor judge justice king lady lieutenant lord lt maj major mayor minister miss mr mrs
    ms officer pope premier president prince princess prof professor queen rep
    representative saint secretary sen senator sergeant sgt sheikh sir spokesman spokeswoman
    """.split()
)

#: Nouns after a name that say what kind of place it is, mapped to the kinds they favour.
KIND_WORDS: Final[dict[str, frozenset[str]]] = {
    "river": frozenset({"river"}),
    "riverbank": frozenset({"bank"}),
    "bank": frozenset({"bank"}),
    "banks": frozenset({"bank"}),
    "reservoir": frozenset({"reservoir"}),
    "estuary": frozenset({"estuary"}),
    "lake": frozenset({"lake", "reservoir"}),
    "sea": frozenset({"sea"}),
    "bridge": frozenset({"bridge"}),
    "dam": frozenset({"dam"}),
    "region": frozenset({"admin1", "admin2", "region"}),
    "oblast": frozenset({"admin1"}),
    "province": frozenset({"admin1"}),
    "state": frozenset({"admin1", "country"}),
    "county": frozenset({"admin2"}),
    "parish": frozenset({"admin2"}),
    "township": frozenset({"admin2", "town", "village"}),
    "island": frozenset({"island"}),
    "mountains": frozenset({"region"}),
    "valley": frozenset({"region"}),
    "district": frozenset({"admin2"}),
    "raion": frozenset({"admin2"}),
    "city": frozenset({"city", "town"}),
    "town": frozenset({"city", "town", "village"}),
    "village": frozenset({"town", "village"}),
    "settlement": frozenset({"town", "village"}),
}

SETTLEMENT_KINDS: Final = frozenset({"city", "town", "village"})

#: How a first-level division is called besides its name, in every country ("Kherson
#: region", "Texas state"): the gazetteer indexes these, and resolution looks them up when
#: the context asks for a division whose bare name a city keeps.
DIVISION_FORMS: Final = ("{name} region", "{name} province", "{name} state")
WATER_KINDS: Final = frozenset({"bank", "estuary", "lake", "reservoir", "river", "sea"})
FEATURE_KINDS: Final = WATER_KINDS | frozenset({"bridge", "dam"})

#: Directions that may stand before a place name without making it part of another name.
DIRECTIONS: Final = frozenset(
    """
    central downtown east eastern greater lower north northeastern northern northwestern
    south southeastern southern southwestern upper west western
    """.split()
)

#: Words that make a following "for X" a metonym ("a victory for Kyiv").
METONYM_BEFORE_FOR: Final = frozenset(
    """
    allies ally backing blow blows defeat defeats embarrassment humiliation loss losses
    setback setbacks success successes support triumph victories victory win wins
    """.split()
)

#: Verbs of saying after a name that make it a metonym for a government ("Moscow said").
SAYING_VERBS: Final = frozenset(
    """
    accused accuses announced announces argued argues claimed claims condemned condemns
    demanded demands denied denies insisted insists rejected rejects responded responds said
    say says stated states threatened threatens urged urges vowed vows warned warns
    """.split()
)

#: Nouns after a possessive name that make it a metonym ("Russia's defence ministry").
INSTITUTION_NOUNS: Final = frozenset(
    """
    army authorities defence defense forces foreign government leader leadership military
    ministry navy officials parliament president regime troops
    """.split()
)

#: Lower-case words allowed inside a multi-word place name ("Stratford upon Avon").
NAME_CONNECTORS: Final = frozenset(
    """
    al am an au aux da das de del della den der des di do dos du e el en im la le les of on sur the
    upon van von y
    """.split()
)

#: Sides of a river bank, as written.
BANK_SIDES: Final = frozenset(
    """
    east eastern left north northern right south southern west western
    """.split()
)


#: Nouns that end names of streets and buildings ("Jones Street", "Lincoln Center"): a place
#: name just before one is part of that name, often a person's.
FACILITY_NOUNS: Final = frozenset(
    """
    apartments arena ave avenue blvd boulevard building center centre drive hall highway
    hotel lane library mall memorial museum parkway pike place plaza rd road st stadium
    street streets theater theatre tower trail way
    """.split()
)

#: Nouns that end names of newspapers and broadcasters ("The New York Times").
PUBLICATION_NOUNS: Final = frozenset(
    """
    bulletin chronicle courier daily dispatch examiner gazette globe guardian herald
    inquirer journal ledger mirror news observer post press record register review
    sentinel standard star telegraph times tribune
    """.split()
)

#: Nouns that end names of a place's bodies ("Ohio Department of Development", "Ripley
#: Police", "Dublin City Council"): the place name before them still names the place.
ORGANISATION_NOUNS: Final = frozenset(
    """
    academy agency airport assembly association authority board bureau chamber church
    clinic club college commerce commission committee community company corp corporation
    council court department elementary fire foundation government guard high hospital inc
    institute jail ltd office party patrol police public regional schools school senate
    service services sheriff society station transit university
    """.split()
)

#: Never a place on their own, whatever a gazetteer says.
GENERIC_NAME_NOUNS: Final = FACILITY_NOUNS | ORGANISATION_NOUNS

#: Nouns that end names of natural features ("Mahim Bay", "Danube Delta"): after another
#: capitalised word they are the end of that name, not a place of their own ("Bay", Somalia).
LANDFORM_NOUNS: Final = frozenset(
    """
    basin bay beach canyon cape coast creek delta desert falls gulf harbor harbour hills
    island islands lagoon lake marsh mountain mountains peninsula plain plains plateau
    range ridge sound strait valley
    """.split()
)

#: Endings of English contractions ("We're", "I've"): the word is not a place name.
CONTRACTION_ENDINGS: Final = ("re", "ve", "ll", "d", "m", "t")


#: Prepositions before a name that say it is a location ("in Moore", "near Walker").
LOCATIVE_PREPOSITIONS: Final = frozenset(
    """
    across along around at beyond from in inside into near of outside through throughout to
    toward towards via within
    """.split()
)

#: Compass words that are regions only as part of a longer name ("Northeast Ohio").
COMPASS_WORDS: Final = frozenset(
    """
    north south east west northeast northwest southeast southwest northeastern northwestern
    southeastern southwestern
    """.split()
)

#: Places whose name usually stands for an institution ("the Kremlin said", "the White House").
INSTITUTION_PLACES: Final = frozenset(
    """
    kremlin pentagon vatican whitehall
    """.split()
) | frozenset({"white house", "downing street", "capitol hill", "elysee", "elysee palace"})

#: How many of the most common surnames count as "probably a person" when alone.
COMMON_SURNAMES: Final = 5000


#: Given names of people whom war news names often and the US census lists lack, where a
#: place has the name or a variant of it ("Vladimir Putin" is no mention of the city of
#: Vladimir, "Khalil al-Hayya" none of Hebron, al-Khalil): before a capitalised surname that
#: names no place, the pair is a person.
WORLD_GIVEN_NAMES: Final = frozenset(
    """
    abiy aleksandr alexei alexey andrei andrey andriy anatoliy ashraf bashar bohdan denys
    dmitri dmitry dmytro faisal fattah gennady hasan hussein igor ihor ilham ismail iryna
    khaled khalil kyrylo mahmoud mikhail muhammad mykhailo mykola nikolai oleh oleksandr
    oleksii oleksiy olena pavel pavlo petro ramzan recep ruslan rustem salman serhii serhiy
    sergei sergey sergiy taras tetiana vadim vadym valerii valeriy viktor vitali vitaliy
    vladimir volodymyr yahya yevgeniy yevgeny yevhen yoav yuriy
    """.split()
)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common given names, lower case (US census lists shipped by the ``names`` package, and
    :data:`WORLD_GIVEN_NAMES`)."""
    census = frozenset(
        word
        for file in ("dist.male.first", "dist.female.first")
        for word in _census_names(file, limit=None)
        if word not in NEVER_PLACES and word not in LOCATIVE_PREPOSITIONS
    )
    return census | WORLD_GIVEN_NAMES


@lru_cache(maxsize=1)
def common_surnames() -> frozenset[str]:
    """The most common surnames, lower case (US census, ``names`` package)."""
    return frozenset(_census_names("dist.all.last", limit=COMMON_SURNAMES))


def _census_names(file: str, limit: int | None) -> list[str]:
    try:
        from importlib.resources import files

        text = files("names").joinpath(file).read_text(encoding="ascii")
    except (ModuleNotFoundError, FileNotFoundError):  # optional data: recognition still works
        return []
    lines = text.splitlines()[:limit] if limit else text.splitlines()
    return [line.split(" ", 1)[0].lower() for line in lines if line.strip()]


#: Abbreviations of states and provinces that follow a town after a comma ("Athens, Ga.",
#: "Dayton, OH"), keyed by their letters in lower case, to (country, division name).
#: Associated Press style (with full stops) and postal codes (two capitals) are kept apart:
#: "Co." is not Colorado and "LA" after a comma is more often Louisiana than not.
_US_STATES: Final = """
al ala alabama; ak - alaska; az ariz arizona; ar ark arkansas; ca calif california;
co colo colorado; ct conn connecticut; de del delaware; dc - district of columbia;
fl fla florida; ga ga georgia; hi - hawaii; id - idaho; il ill illinois; in ind indiana;
ia - iowa; ks kan kansas; ky ky kentucky; la la louisiana; me - maine; md md maryland;
ma mass massachusetts; mi mich michigan; mn minn minnesota; ms miss mississippi;
mo mo missouri; mt mont montana; ne neb nebraska; nv nev nevada; nh nh new hampshire;
nj nj new jersey; nm nm new mexico; ny ny new york; nc nc north carolina;
nd nd north dakota; oh - ohio; ok okla oklahoma; or ore oregon; pa pa pennsylvania;
ri ri rhode island; sc sc south carolina; sd sd south dakota; tn tenn tennessee;
tx tex texas; ut - utah; vt vt vermont; va va virginia; wa wash washington;
wv wva west virginia; wi wis wisconsin; wy wyo wyoming
"""
_OTHER_DIVISIONS: Final = """
CA ab alta alberta; CA bc bc british columbia; CA mb man manitoba; CA nb nb new brunswick;
CA nl - newfoundland and labrador; CA ns ns nova scotia; CA on ont ontario;
CA pe pei prince edward island; CA qc que quebec; CA sk sask saskatchewan;
AU nsw nsw new south wales; AU qld qld queensland; AU vic vic victoria;
AU tas tas tasmania; AU wa - western australia
"""


def _division_abbreviations() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    with_stops: dict[str, tuple[str, str]] = {}
    postal: dict[str, tuple[str, str]] = {}
    rows = [f"US {row}" for row in _US_STATES.split(";")] + _OTHER_DIVISIONS.split(";")
    for row in rows:
        country, code, ap, *name = row.split()
        postal[code] = (country, " ".join(name))
        if ap != "-":
            with_stops[ap] = (country, " ".join(name))
    # Other forms news also uses: "Kans.", "Nebr.", "D.C.".
    with_stops.update({"kans": postal["ks"], "nebr": postal["ne"], "dc": postal["dc"]})
    return with_stops, postal


DIVISION_ABBREVIATIONS, POSTAL_ABBREVIATIONS = _division_abbreviations()
