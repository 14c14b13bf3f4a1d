"""Languages other than English: which language an article is in, and the Ukrainian and
Russian readers (morphology, place names, events).

English is read by :mod:`geomap.extract` and :mod:`geomap.events`; an article detected (or
declared) as Ukrainian or Russian goes to :mod:`.recognize` and :mod:`.events`, which give
the same mentions and events. Importing this package loads nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

#: Languages read with morphology (ISO 639-1); every other is read as English.
SLAVIC: Final = frozenset({"uk", "ru"})
#: The country whose places a language's articles are taken to be about when none of their
#: names says which: Ukrainian is written almost only in Ukraine. Russian is left out: it
#: is the common language of a dozen countries, and Russian reporting of the war is as
#: often about Ukraine as about Russia.
HOME_COUNTRIES: Final = {"uk": "UA"}
#: Where the tables of this package are (read with :func:`geomap.events.tables.read_table`).
TABLES: Final = Path(__file__).parent
