"""Telegram Desktop's JSON export of a channel or group (``result.json``).

The export is one JSON object: the chat's ``name``, ``type`` (``public_channel``,
``private_channel``, ``private_supergroup``...) and numeric ``id``, and its ``messages``.
Each message of type ``"message"`` with text is an article; its text is either a string or
a list of plain strings and entity objects (``{"type": "bold", "text": "..."}``), and
``text_entities`` holds the same as a list of entities.

An article's id is ``telegram:<channel>:<message id>``, where the channel is its username
when known (public channels: then the article has its ``https://t.me/...`` link), else the
export's numeric id, else a slug of its name. A forwarded message keeps its text as written
and names its origin in ``source``: ``"<channel> (forwarded from <origin>)"``.

Service messages (a pinned message, a changed title) are no articles and are left out
without a word; messages without text (a photo, a file, a poll) are counted and told once,
at the end of the file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..articles import MAX_ARTICLE_BYTES, Note, Skipped, too_large, without_nul
from ..errors import ArticleError
from ..model import Article
from .common import item_date, optional_text

#: How much of a file :func:`is_telegram_export` reads: the export writes the chat's name,
#: type and id before its messages, so its top-level keys are all in its first lines.
SNIFF_BYTES = 65_536

#: An export larger than this many times ``max_bytes`` is not read. The export is a single
#: JSON document, which the standard library parses whole, and its Python objects take
#: several times the file's size in memory: 50 × the default 5 MB is 250 MB, years of a busy
#: channel's posts (each post is written twice, as ``text`` and ``text_entities``).
EXPORT_SIZE_FACTOR = 50

#: The tokens that tell a JSON document's structure: strings (escapes included) and the
#: punctuation that opens, closes and keys a value.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]', re.DOTALL)

#: What a slug of a channel's name leaves out: all but letters, digits and "_".
_NOT_WORDS = re.compile(r"[^\w]+")


def is_telegram_export(path: Path) -> bool:
    """Whether ``path`` looks like Telegram Desktop's export of a chat: a JSON object whose
    top-level keys (in the first :data:`SNIFF_BYTES`) include ``"name"`` or ``"type"``
    and then ``"messages"``, a list. Only that prefix is read, and not parsed as a whole;
    a file that cannot be read is no export."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    # a character cut at the end of the prefix is dropped, not an error
    text = head.decode("utf-8", errors="ignore").removeprefix("\ufeff").lstrip()
    if not text.startswith("{"):
        return False
    depth = 0
    previous = ""  # the token before this one
    key = ""  # the top-level key whose value comes next
    seen: set[str] = set()
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if key:  # the first token of a top-level key's value
            if key == "messages":
                return token == "[" and bool(seen & {"name", "type"})
            seen.add(key)
            key = ""
        if token == ":" and depth == 1 and previous.startswith('"'):
            key = previous[1:-1]
        elif token in "{[":
            depth += 1
        elif token in "}]":
            depth -= 1
            if depth <= 0:
                return False  # the object ended without messages
        previous = token
    return False


def telegram_items(
    path: Path, max_bytes: int = MAX_ARTICLE_BYTES, channel: str | None = None
) -> Iterator[Article | Skipped | Note]:
    """Yield the articles of a Telegram export, a :class:`Note` of how many messages had
    no text, and a :class:`Skipped` for each message
    that cannot be one (``<file>#<message id>``: a text over ``max_bytes``, a bad date).

    ``channel`` is the channel's username (``@name``, ``name`` or its ``t.me`` link), for an
    export that does not name it: it makes the ids and links of a public channel. A file
    that is no export (not UTF-8, not JSON, no ``messages`` list, over
    :data:`EXPORT_SIZE_FACTOR` × ``max_bytes``) gives one :class:`Skipped` and nothing else.
    Nothing is raised for bad input.
    """
    path = Path(path)
    export = _load(path, max_bytes)
    if isinstance(export, Skipped):
        yield export
        return
    username = _username(channel) or _username(export.get("username"))
    name = optional_text(export.get("name"))
    key = username or _channel_id(export.get("id")) or _slug(name or "") or "unnamed"
    without_text = 0
    for position, message in enumerate(export["messages"]):
        if not isinstance(message, dict):
            yield Skipped(f"{path}#messages[{position}]", "not a message object")
            continue
        if message.get("type", "message") != "message":
            continue  # a service message: a pin, a new title, someone joined
        item = _article(message, position, path, key, username, name, max_bytes)
        if item is None:
            without_text += 1
        else:
            yield item
    if without_text:
        # (not a fault of the export: a note, not a skipped item)
        plural = "s" if without_text != 1 else ""
        yield Note(str(path), f"{without_text} message{plural} without text (media only) left out")


def _load(path: Path, max_bytes: int) -> dict[str, Any] | Skipped:
    """The export's top-level object, or why the file is none."""
    where = str(path)
    limit = max_bytes * EXPORT_SIZE_FACTOR
    try:
        size = path.stat().st_size
        if size > limit:  # told before reading it: the file would be parsed whole
            return Skipped(
                where,
                f"{size:,} bytes, over the limit of {limit:,} for a Telegram export "
                f"({EXPORT_SIZE_FACTOR} × --max-article-bytes)",
            )
        raw = path.read_bytes()
    except OSError as exc:
        return Skipped(where, exc.strerror or str(exc))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skipped(where, f"not UTF-8 text (byte {exc.start}): not a Telegram export")
    try:
        export = json.loads(text)
    except json.JSONDecodeError as exc:
        return Skipped(where, f"not valid JSON ({exc.msg}, line {exc.lineno})")
    except (ValueError, RecursionError) as exc:  # a number of 5,000 digits, 100,000 "["
        return Skipped(where, f"not valid JSON ({type(exc).__name__})")
    if not isinstance(export, dict) or not isinstance(export.get("messages"), list):
        return Skipped(where, "not a Telegram export (no 'messages' list)")
    return export


def _article(
    message: dict[str, Any],
    position: int,
    path: Path,
    channel: str,
    username: str | None,
    name: str | None,
    max_bytes: int,
) -> Article | Skipped | None:
    """The article of one message, why it is none, or ``None`` when it has no text."""
    number = message.get("id")
    if isinstance(number, bool) or not isinstance(number, (int, str)) or number == "":
        return Skipped(f"{path}#messages[{position}]", "a message without an 'id'")
    where = f"{path}#{number}"
    text = message_text(message)
    if not text.strip():
        return None
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        return Skipped(where, too_large(size, max_bytes))
    try:
        date = _message_date(message, where)
    except ArticleError as exc:
        return Skipped(where, str(exc).removeprefix(f"{where}: "))
    origin = optional_text(message.get("forwarded_from"))
    source = name
    if origin:
        source = f"{name} (forwarded from {origin})" if name else f"forwarded from {origin}"
    # a channel's post names its channel in "from" and the writer's signature in "author"
    author = optional_text(message.get("author")) or optional_text(message.get("from"))
    return Article(
        id=f"telegram:{channel}:{without_nul(str(number))}",
        text=text,
        date=date,
        title=None,
        url=f"https://t.me/{username}/{number}" if username else None,
        source=source,
        path=str(path),
        author=author,
        source_kind="telegram",
    )


def message_text(message: dict[str, Any]) -> str:
    """A message's text as it reads: its ``text_entities`` (else its ``text``) joined, each
    entity by its visible text (a ``text_link``'s words, not its address)."""
    text = _joined(message.get("text_entities"))
    if not text:
        text = _joined(message.get("text"))
    return without_nul(text)


def _joined(parts: object) -> str:
    """A string, or a list of strings and ``{"text": ...}`` entities, as one string."""
    if isinstance(parts, str):
        return parts
    if not isinstance(parts, list):
        return ""
    pieces = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            pieces.append(part["text"])
    return "".join(pieces)


def _message_date(message: dict[str, Any], where: str) -> dt.date | None:
    """The date as the export writes it (the exporting computer's local time), else the
    UTC date of its ``date_unixtime``."""
    written = message.get("date")
    if written not in (None, ""):
        return item_date(written, where)
    stamp = message.get("date_unixtime")
    if stamp in (None, ""):
        return None
    try:
        return dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc).date()
    except (TypeError, ValueError, OverflowError, OSError):
        raise ArticleError(f"{where}: {str(stamp)[:40]!r} is not a Unix time") from None


def _username(value: object) -> str | None:
    """A channel's username from ``name``, ``@name`` or ``https://t.me/name``."""
    if not isinstance(value, str):
        return None
    name = value.strip()
    for prefix in ("https://", "http://", "t.me/", "telegram.me/", "@"):
        name = name.removeprefix(prefix)
    name = name.strip("/").split("/")[0]  # a message's link names its channel first
    return without_nul(name) or None


def _channel_id(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    return without_nul(str(value)).strip() or None


def _slug(name: str) -> str:
    """``"Kherson News 24/7"`` → ``"kherson-news-24-7"`` (letters of any script kept)."""
    return _NOT_WORDS.sub("-", name.casefold()).strip("-_")
