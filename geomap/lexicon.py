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
    "sham": "Ash Sha'm, a village of Syria; in news 'al-Sham', the Levant, in the names of "
    "armed groups ('Hayat Tahrir al-Sham', 'Ahrar al-Sham')",
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
#: Kinds of the named sites war reporting names by a generic word ("the Antonov airport",
#: "ZNPP"): the recogniser keeps such names, and an event at one is where it happened.
SITE_KINDS: Final = frozenset(
    {
        "airport",
        "bridge",
        "camp",
        "crossing",
        "dam",
        "facility",
        "island",
        "power station",
        "road",
        "spit",
    }
)
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
    allies ally ammunition arms backing blow blows defeat defeats embarrassment humiliation
    loss losses package setback setbacks success successes support triumph victories
    victory weapons win wins
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

#: Nouns after a possessive name, a few modifiers on ("Russia's defence ministry", "Kyiv's
#: stalled spring offensive", "Syria's elite forces"): what a state has, does or
#: wants, so the name stands for its government or forces. Geographic nouns are missing on
#: purpose ("Russia's Kursk region", "Ukraine's east" stay places).
INSTITUTION_NOUNS: Final = frozenset(
    """
    administration agency aggression aim aims allies ally ambassador annexation armed army
    assault attack attacks attempt attempts authorities battalion bid blockade brigade
    cabinet campaign claim claims command commander commanders committee concerns
    counteroffensive counterattack decision defence defences defense defenses defensive
    demand demands determination diplomats embassy envoy forces foreign gain gains goal goals
    government group hands intelligence interests invasion leader leaders leadership
    mercenaries mercenary military ministry navy occupation offensive officials operation
    operations parliament plan plans position presidency president regime regiment
    response retreat service soldiers spokesman spokesperson spokeswoman staff strategy
    troops victories victory war withdrawal
    """.split()
)

#: Nouns a few words after a name used as an adjective that make it a state's institution
#: ("US officials", "a U.S. army spokesman", "Damascus security officials") when the name
#: may stand for a state (a country or a capital-sized city); "the Donetsk governor" (an
#: office of the place) and "the Gaza strikes" (a target) stay places. For other names only
#: ATTRIBUTIVE_FORCE_NOUNS count: "Springfield officials" and "a Toledo police spokeswoman"
#: are a town's own, and say where the article is.
ATTRIBUTIVE_INSTITUTION_NOUNS: Final = frozenset(
    """
    administration authorities delegation demand demands diplomats envoy government
    intelligence military ministry navy negotiators official officials regime sources
    spokesman spokesperson spokeswoman
    """.split()
)

#: Nouns after any name used as an adjective that make it a state's forces ("Ukraine
#: forces", "the Bakhmut garrison", "a Yemen armed faction", "US Central Command").
ATTRIBUTIVE_FORCE_NOUNS: Final = frozenset(
    """
    armed army battalion brigade command fighters forces garrison militia regiment soldiers
    troops
    """.split()
)

#: Words that end the noun phrase after a name before its head noun is found: past them
#: the possessive or adjective reading ("Russia's attack" against "Russia's role in the
#: attack") no longer holds.
PHRASE_ENDS: Final = frozenset(
    """
    a about after against an and are as at be been before but by during for from had has
    have in into is it its of on or over since than that the their these this those to
    under was were which while who will with would
    """.split()
)

#: Heads of organisation names written before "of": the place after them is part of the
#: name ("Armed Forces of Ukraine", "Security Service of Ukraine", "Ministry of Defence of
#: Russia"), a modifier when capitalised, and a metonym in lower case ("the government of
#: Sudan", "the flag of Sudan", "back in the hands of Syria"). Capitalised, any of
#: ORGANISATION_NOUNS heads such a name too; in lower case those are a place's own bodies
#: ("the town council of Bucha", like "the mayor of Irpin"), and the place stays literal.
BODY_BEFORE_OF: Final = frozenset(
    """
    army cabinet embassy flag forces government hands ministry navy parliament presidency
    regime
    """.split()
)


def _inflected(bases: str) -> frozenset[str]:
    """Regular verbs with their -s, -ed and -ing forms ("seize seizes seized seizing");
    verbs that double a consonant or are irregular are listed form by form instead."""
    forms: set[str] = set()
    for base in bases.split():
        forms.add(base)
        if base.endswith("ee"):
            forms.update((base + "s", base + "d", base + "ing"))
        elif base.endswith("e"):
            forms.update((base + "s", base + "d", base[:-1] + "ing"))
        elif base.endswith("y") and base[-2] not in "aeiou":
            forms.update((base[:-1] + "ies", base[:-1] + "ied", base + "ing"))
        elif base.endswith(("s", "sh", "ch", "x", "z")):
            forms.update((base + "es", base + "ed", base + "ing"))
        else:
            forms.update((base + "s", base + "ed", base + "ing"))
    return frozenset(forms)


#: Verbs of acting, deciding and saying whose subject, when a country or a capital, is its
#: government or forces ("Russia has recaptured", "Damascus quietly annexed", "Ukraine
#: estimates", "Kyiv might plan"): places do not do these things; verbs a place does
#: undergo or host ("Bakhmut has seen", "Kherson remains") are missing on purpose.
ACTING_VERBS: Final = _inflected(
    """
    accept accuse acknowledge add advance agree aim allow annex announce appeal argue
    arrest ask assault attack authorise authorize back begin besiege blame block
    blockade bomb cede claim command complete condemn confirm consider continue decide
    declare defend deliver demand demolish deny deploy destroy detain disarm distribute
    encircle estimate evacuate exchange expand expect fire fund gain help hope identify
    impede impose insist intend invade issue join kill launch liberate mobilise mobilize
    negotiate occupy offer order participate pledge prepare press pressure prioritise
    prioritize promise propose provide pull push recapture receive reclaim recognise
    recognize recover refuse regain reinforce reject release reply report respond resume
    retake retaliate retreat sanction say seek seize send shell sign stage start state
    strike supply support surround target threaten try urge use vow want warn withdraw
    """
) | frozenset(
    """
    admit admits admitted admitting began begun brought control controlled controlling
    controls expel expelled expelling expels fought held hit hitting kept led made planned
    planning plans plan repel repelled repelling repels retook retaken said shot sought
    stopped stopping struck took taken told tells withdrew withdrawn won
    """.split()
)

#: Verbs that make the name right after them the one they act on as a party: a recipient,
#: an addressee or someone made to act ("handing Russia its victory", "offer Moscow
#: protection", "accused Armenia of", "allow Kyiv to export"). "Invaded Ukraine",
#: "entered Kherson" and "attacked Kyiv" are missing on purpose: their object is a place.
RECIPIENT_VERBS: Final = _inflected(
    """
    accuse allow ask blame convince deny enable encourage grant help invite offer persuade
    pressure thank urge warn
    """
) | frozenset(
    """
    bring bringing brings brought compel compelled compelling force forced forcing gave
    give given gives giving hand handed handing signal signalled signalling signaled
    signaling tell told
    """.split()
)

#: Nouns of people after a name that make it the place they live in, not a party
#: addressed ("warned Kyiv residents").
RESIDENT_NOUNS: Final = frozenset(
    """
    children citizens civilians families inhabitants locals people residents
    """.split()
)

#: Auxiliaries between a subject and its verb ("Russia has captured", "Ukraine would be
#: delivering", "Sudan didn't reply"), with apostrophes written straight.
AUXILIARIES: Final = frozenset(
    """
    are aren't be been being can can't cannot could couldn't did didn't do does doesn't
    had hadn't has hasn't have haven't is isn't may might must shall should was wasn't were
    weren't will won't would wouldn't
    """.split()
)

#: Forms of "be" among AUXILIARIES: after them a participle is passive ("Kyiv was shelled",
#: "Kyiv has been hit"), only an -ing form active ("Russia is pushing").
BE_FORMS: Final = frozenset(
    """
    are aren't be been being is isn't was wasn't were weren't
    """.split()
)

#: Adverbs between a subject and its verb ("Russia also claimed", "Damascus quietly
#: annexed"); words ending in -ly are adverbs too.
VERB_ADVERBS: Final = frozenset(
    """
    again already also even ever later never not now once recently soon still then thus
    yet
    """.split()
)

#: Words before a name that keep it from being a subject: a preposition makes it a
#: place ("the war in Ukraine has killed", "troops from Kyiv launched").
SUBJECT_BLOCKERS: Final = frozenset(
    """
    about across against along amid among around at behind beside between beyond by
    despite for from in inside into like near of off on onto outside over past through
    throughout to toward towards under upon via with within without
    """.split()
)

#: Participles that headlines write without an auxiliary in the passive ("Kharkiv shelled
#: overnight", "Aleppo captured by rebels"): after a name and before a preposition, an
#: adverb or a stop, the name is the place acted on, not the one acting.
PASSIVE_HEADLINE_VERBS: Final = frozenset(
    """
    annexed attacked besieged blockaded bombed captured controlled destroyed encircled
    evacuated freed held hit liberated occupied recaptured retaken seized shelled struck
    surrounded taken targeted
    """.split()
)

#: Words after such a participle that leave it passive: a preposition or a time
#: ("Kharkiv shelled overnight", "Aleppo captured by rebels"), where an object would
#: follow an active verb ("Baku seized the hills").
PASSIVE_FOLLOWERS: Final = SUBJECT_BLOCKERS | frozenset(
    """
    again overnight today tonight yesterday
    """.split()
)

#: Participles before "by X" that make X their agent, a government or its forces
#: ("captured by Moscow in 2014", "denounced by Kyiv and its allies"), besides any -ed form
#: but those of GEOGRAPHIC_PARTICIPLES; and nouns of deeds ("attacks by Moscow", "its
#: seizure by Turkey").
AGENT_BEFORE_BY: Final = frozenset(
    """
    advance advances annexation assault attack attacks backed bombardment capture claim
    claims decision held hit invasion led made move occupation offensive recognition
    retaken seen seizure shelling shot strike strikes struck taken threat threats won
    """.split()
)

#: Participles whose "by X" is where something lies or comes in a list, not who acts
#: ("bordered by Russia", "Mykolaiv, followed by Kherson").
GEOGRAPHIC_PARTICIPLES: Final = frozenset(
    """
    bordered bounded connected crossed divided drained fed flanked followed linked located
    passed preceded separated served surrounded washed
    """.split()
)

#: What may follow an agent "by X" ("captured by Moscow in 2014"); a noun would make X
#: an adjective instead ("represented by Rochester attorney Michael York").
AFTER_AGENT: Final = frozenset(
    """
    across after and as at before but during earlier for from in last on over since this
    to until when which while who with
    """.split()
)

#: Second halves of "X-backed", "X-led", "Russia-installed": the name is a state acting.
#: ("UK-based", "Iran-made" say where, and stay places.)
AGENT_HYPHENATED: Final = frozenset(
    """
    aligned allied appointed armed backed brokered controlled friendly funded held
    imposed installed led occupied run sponsored supported trained
    """.split()
)

#: Nouns before "from X" that make X a party answering or giving ("no comment from
#: Khartoum", "support from Chad"); "troops withdrew from Kherson" stays a place.
PARTY_BEFORE_FROM: Final = frozenset(
    """
    approval backing comment confirmation reaction response support word
    """.split()
)

#: Nouns before "against X" that make X a place attacked rather than a state fought
#: ("strikes against Russia" hit its territory; "gains against Russia" are a state's).
ATTACKS_BEFORE_AGAINST: Final = frozenset(
    """
    attack attacks bombing bombings drones missiles raid raids shelling strike strikes
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

#: Nouns that end names of armed forces and their commands ("Israel Defense Forces", "Azov
#: Battalion", "Tigray People's Liberation Front", "El Fasher Resistance Committees"): a
#: known place before them is part of the name, and none is a place on its own ("Front" is
#: a village in Italy). Kept apart from ORGANISATION_NOUNS, which make any name before
#: them a place: "Rapid" of "Rapid Support Forces" is none.
FORCE_NOUNS: Final = frozenset(
    """
    army battalion brigade command committees corps forces front militia ministry navy
    regiment staff
    """.split()
)

#: Never a place on their own, whatever a gazetteer says.
GENERIC_NAME_NOUNS: Final = FACILITY_NOUNS | ORGANISATION_NOUNS | FORCE_NOUNS
#: Nouns that end the name of any body, civil or armed.
BODY_NOUNS: Final = ORGANISATION_NOUNS | FORCE_NOUNS

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
