"""Word lists the recogniser and resolver consult, written for geomap (English news)."""

from __future__ import annotations

#: Capitalised words that are almost never a place in running English text.
NEVER_PLACES = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday today tonight yesterday tomorrow
    i me my we us our you your he him his she her it its they them their this that these those
    a an the and or but if then so as at by for from in into of on onto to with without over
    under after before about above across against along among around behind below beside
    between beyond during except inside near off out outside since through throughout till
    toward towards until up upon via within all any both each every few many more most much
    no none not only other some such than too very what when where which who whom whose why how
    mr mrs ms dr sir madam president minister general gen colonel col governor mayor senator
    king queen prince princess lord lady pope judge officer commander chief
    one two three four five six seven eight nine ten first second third last next new old
    said says say will would could should can may might must shall also however despite
    although though yet still even just there here again already now then once while because
    north south east west northern southern eastern western central
    staff writer editor reporter photo video image credit source update news report press
    """.split()
)

#: Words before a name that make it a person's name ("President Lincoln").
PERSON_TITLES = frozenset(
    """
    mr mrs ms miss dr prof president minister premier chancellor general gen colonel col
    lt lieutenant major maj captain capt sergeant sgt admiral adm governor gov mayor senator
    sen representative rep congressman congresswoman judge justice pope king queen prince
    princess sir lord lady dame saint sheikh ayatollah commander spokesman spokeswoman
    secretary ambassador deputy chief director officer professor councillor councilman
    """.split()
)

#: Nouns after a name that say what kind of place it is, mapped to the kinds they favour.
KIND_WORDS: dict[str, frozenset[str]] = {
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
    "district": frozenset({"admin2"}),
    "raion": frozenset({"admin2"}),
    "city": frozenset({"city", "town"}),
    "town": frozenset({"town", "village", "city"}),
    "village": frozenset({"village", "town"}),
    "settlement": frozenset({"village", "town"}),
}

SETTLEMENT_KINDS = frozenset({"city", "town", "village"})
WATER_KINDS = frozenset({"river", "reservoir", "estuary", "lake", "sea", "bank"})
FEATURE_KINDS = WATER_KINDS | frozenset({"bridge", "dam"})

#: Directions that may stand before a place name without making it part of another name.
DIRECTIONS = frozenset(
    "north south east west northern southern eastern western central northeastern "
    "northwestern southeastern southwestern greater upper lower downtown".split()
)

#: Words that make a following "for X" a metonym ("a victory for Kyiv").
METONYM_BEFORE_FOR = frozenset(
    "victory defeat win loss blow setback success triumph humiliation embarrassment "
    "ally allies support backing".split()
)

#: Verbs of saying after a name that make it a metonym for a government ("Moscow said").
SAYING_VERBS = frozenset(
    "said says say claimed claims announced announces denied denies warned warns accused "
    "accuses insisted insists demanded demands responded responds argued argues stated "
    "states threatened threatens vowed vows urged urges condemned condemns rejected rejects".split()
)

#: Nouns after a possessive name that make it a metonym ("Russia's defence ministry").
INSTITUTION_NOUNS = frozenset(
    "government army military forces troops defence defense ministry president leader "
    "leadership officials authorities regime parliament navy foreign".split()
)

#: Lower-case words allowed inside a multi-word place name ("Stratford upon Avon").
NAME_CONNECTORS = frozenset(
    "of de la le les du des del della da do dos das upon on am an im sur en y e al el di "
    "van von der den the".split()
)

#: Sides of a river bank, as written.
BANK_SIDES = frozenset(
    "left right east west eastern western northern southern north south".split()
)
