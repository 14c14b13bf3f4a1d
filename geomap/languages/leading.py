"""One search for many patterns that begin at a word's start, the patterns indexed by the
letters they can begin with.

A search for ``(?:A|B|C|...)`` tries every alternative at every word, although most words
begin with letters that none of them, or only a few, can begin with. Read from each
pattern's syntax, its possible first two letters index it, and at a word the search tries
only the patterns its first letters choose (:func:`indexed_alternation`). The index is
exact: a pattern whose beginning its syntax does not tell (``\\w``, ``.``, a group that may
match nothing) is tried at every word, as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

try:  # Python 3.11 and later
    from re import _constants as _sre
    from re import _parser as _syntax
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _syntax  # type: ignore[no-redef]

#: A named group or a back-reference, which a pattern copied into several branches of one
#: search would repeat.
_GROUP_NAME_OR_REFERENCE = re.compile(r"\(\?P[<=]|\\[1-9]")
#: Operations that match no text, so a pattern's first letters come after them.
_ZERO_WIDTH = (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT)


def leading_letters(pattern: str, count: int = 2) -> frozenset[str] | None:
    """Strings of at most ``count`` characters, one of which every match of ``pattern``
    begins with (shorter where a match may end sooner), or None where the syntax does not
    say.

    >>> sorted(leading_letters(r"(?:затопи|підтопл)\\w*"))
    ['за', 'пі']
    >>> leading_letters(r"\\w+ удар") is None
    True
    """
    try:
        items = list(_syntax.parse(pattern).data)
    except (re.error, AttributeError, TypeError):  # pragma: no cover - an unusual re module
        return None
    for length in range(count, 0, -1):
        found = _beginnings(items, length)
        if found is not None:
            return frozenset(found)
    return None


def _beginnings(items: list[Any], length: int) -> set[str] | None:
    """What a match of the parsed ``items`` begins with, ``length`` characters at most."""
    if length == 0 or not items:
        return {""}
    operation, argument = items[0]
    rest = items[1:]
    if operation in _ZERO_WIDTH:
        return _beginnings(rest, length)
    if operation is _sre.LITERAL or operation is _sre.IN:
        first = {chr(argument)} if operation is _sre.LITERAL else _characters(argument)
        after = _beginnings(rest, length - 1)
        if first is None or after is None:
            return None
        return {letter + more for letter in first for more in after}
    if operation is _sre.BRANCH:
        found: set[str] = set()
        for branch in argument[1]:
            beginnings = _beginnings(list(branch.data) + rest, length)
            if beginnings is None:
                return None
            found |= beginnings
        return found
    if operation is _sre.SUBPATTERN:
        if argument[1] or argument[2]:
            return None  # flags of its own ("(?i:...)"): letters that may be either case
        return _beginnings(list(argument[-1].data) + rest, length)
    if operation in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        least, most, repeated = argument
        if repeated.getwidth()[0] == 0:
            return None  # it may repeat nothing: no progress to read
        found = set()
        if least == 0:
            skipped = _beginnings(rest, length)
            if skipped is None:
                return None
            found |= skipped
        if most != 0:
            again = most if most == _sre.MAXREPEAT else most - 1
            more = [(operation, (max(least - 1, 0), again, repeated))] if again else []
            taken = _beginnings(list(repeated.data) + more + rest, length)
            if taken is None:
                return None
            found |= taken
        return found
    return None


def _characters(members: list[Any]) -> set[str] | None:
    """The characters of a class of literals and ranges (None for ``\\w``, ``[^...]``)."""
    found = set()
    for operation, argument in members:
        if operation is _sre.LITERAL:
            found.add(chr(argument))
        elif operation is _sre.RANGE and argument[1] - argument[0] < 256:
            found.update(chr(code) for code in range(argument[0], argument[1] + 1))
        else:
            return None
    return found


def indexed_alternation(patterns: Sequence[str]) -> str:
    """A pattern that matches at a word's start where one of ``patterns`` does (it says
    where, not what: a match is the word's first one or two characters, so a search for
    every match finds every word where one of them matches): the patterns grouped by their
    first letter, then their second, each group tried only at a word that begins so."""
    index: dict[str, dict[str, list[str]]] = {}
    anywhere: list[str] = []
    for pattern in patterns:
        beginnings = leading_letters(pattern)
        if (
            beginnings is None
            or not all(beginning[:1].isalnum() for beginning in beginnings)
            or _GROUP_NAME_OR_REFERENCE.search(pattern)
        ):
            # tried at every word: one that may begin with no letter (the search starts
            # at letters), or whose group names copies of it would name twice
            anywhere.append(pattern)
            continue
        for beginning in beginnings:
            seconds = index.setdefault(beginning[0], {})
            seconds.setdefault(beginning[1:], []).append(pattern)
    branches = []
    for first, seconds in sorted(index.items()):
        inner = []
        for second, chosen in sorted(seconds.items()):
            either = "|".join(dict.fromkeys(chosen))
            # the letters read, look back to the word's start and try the patterns there
            inner.append(f"{re.escape(second)}(?<=(?=(?:{either})){re.escape(first + second)})")
        branches.append(f"{re.escape(first)}(?:{'|'.join(inner)})")
    if anywhere:
        branches.append(f"(?=\\w)(?=(?:{'|'.join(anywhere)}))\\w")
    return rf"(?<!\w)(?:{'|'.join(branches)})"
