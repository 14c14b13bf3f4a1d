"""Events: what the sentences of an article report, attached to places, actors and dates.

The stage is rules over tables, one module a job:

* :mod:`.triggers` reads ``types.tsv`` and ``triggers.tsv`` (what words report which event);
* :mod:`.clauses` splits a sentence into clauses; :mod:`.modality` reads a trigger's
  certainty in its clause (negated, expected, claimed, reported) and whether it is background;
* :mod:`.actors` reads ``actors.tsv`` and the gazetteer's demonyms (who acts, on which side);
* :mod:`.places` decides which place names are where an event happened, and their roles;
* :mod:`.crossings` finds bridges described rather than named and tells their status;
* :mod:`.reports` merges the reports of one event;
* :mod:`.extract` puts them together: :func:`extract_events`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..model import Event

if TYPE_CHECKING:
    from .crossings import CROSSING_KINDS, CrossingFinder
    from .extract import extract_events
    from .places import GEO_PRECISION
    from .triggers import EVENT_TYPE_BY_CODE, EVENT_TYPES, STATEMENT, EventType, classify

#: The module of the package that defines each name it offers. A name is imported when it
#: is first asked for: a stage that reads one of the package's tables (the Ukrainian and
#: Russian recogniser reads ``.tables``) or a command that extracts no events (``geomap
#: parse``) does not compile every rule of the events stage, 40 ms of a command's start.
_DEFINED_IN = {
    "CROSSING_KINDS": "crossings",
    "CrossingFinder": "crossings",
    "extract_events": "extract",
    "GEO_PRECISION": "places",
    "EVENT_TYPE_BY_CODE": "triggers",
    "EVENT_TYPES": "triggers",
    "STATEMENT": "triggers",
    "EventType": "triggers",
    "classify": "triggers",
}

__all__ = [
    "CROSSING_KINDS",
    "EVENT_TYPES",
    "EVENT_TYPE_BY_CODE",
    "GEO_PRECISION",
    "STATEMENT",
    "UNDRAWN_CERTAINTY",
    "CrossingFinder",
    "EventType",
    "certainty_of",
    "classify",
    "event_sources",
    "extract_events",
]

#: Reports of what did not happen or has not happened yet are not drawn as events.
UNDRAWN_CERTAINTY = frozenset({"negated", "expected"})


def certainty_of(sentence: str) -> str:
    """The certainty of a whole sentence as one statement (see :mod:`.modality`)."""
    from .clauses import Clause
    from .modality import certainty

    end = len(sentence)
    return certainty(sentence, (0, end), Clause(0, end, ""), (end, end))


def event_sources(events: Sequence[Event]) -> dict[str, str]:
    """The flat properties that name the articles, events and quotes behind a map feature."""
    return {
        "article_ids": ";".join(sorted({e.article_id for e in events})),
        "event_ids": ";".join(e.event_id for e in events),
        "quotes": " | ".join(dict.fromkeys(e.quote for e in events)),
    }


def __getattr__(name: str) -> Any:
    module = _DEFINED_IN.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # asked once
    return value
