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
#: Where the tables of this package are (read with :func:`geomap.events.tables.read_table`).
TABLES: Final = Path(__file__).parent
