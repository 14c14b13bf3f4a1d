"""What the readers of :mod:`geomap.sources` share: reading a date as sources write it, an
optional text field, a problem told in one line."""

from __future__ import annotations

import datetime as dt
import re

from ..articles import without_nul
from ..errors import ArticleError

#: ``2022-11-11``, ``2022-11-11T10:22:33``, ``2022-11-11 10:22:33+02:00``, ``...Z``.
_ISO = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*")


def item_date(value: object, where: str) -> dt.date | None:
    """The date of an item as a source writes it: ISO 8601 (a date, or a date and time:
    the date as written, in the writer's time zone), or an e-mail style date (RFC 2822,
    ``Fri, 11 Nov 2022 09:30:00 +0200``, as RSS has them); ``None`` for an empty value.
    Anything else raises :class:`ArticleError` naming ``where``: a date that cannot be
    read is not guessed (``03/04/2022`` is March or April)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    match = _ISO.fullmatch(text)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    else:
        import email.utils  # here: the ISO dates most sources give need none of it (10 ms)

        try:
            return email.utils.parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError):
            pass
    raise ArticleError(
        f"{where}: {text[:40]!r} is not a date (expected YYYY-MM-DD, an ISO 8601 date and "
        "time, or an RFC 2822 date)"
    )


def optional_text(value: object) -> str | None:
    """A text field as an article keeps it: stripped, NUL characters made U+FFFD (see
    :func:`geomap.articles.without_nul`), ``None`` when it is empty or no text at all."""
    if not isinstance(value, str):
        return None
    return without_nul(value.strip()) or None


def one_line(problem: object, limit: int = 200) -> str:
    """A problem (an exception a library raised) in one line of at most ``limit``
    characters, for a :class:`~geomap.articles.Skipped` reason."""
    return " ".join(str(problem).split())[:limit] or type(problem).__name__
