"""Readers: turn files and folders into :class:`~geomap.model.Article` records.

Three formats are understood:

* dated text, as the sample articles: the first line starts with `` date YYYY-MM-DD``
  (leading space optional) and the rest of the file is the article;
* plain ``.txt`` without a date line;
* JSON Lines (``.jsonl``/``.ndjson``): one object per line with ``text`` and optionally
  ``id``, ``date``, ``title``, ``url``, ``source``, ``author``.

A text article's ``text`` is the whole file as Python's ``open(path, encoding="utf-8")``
returns it (universal newlines), date line included, so mention offsets slice the file's
text exactly. A JSON Lines article's ``text`` is its ``text`` value; lines are split on
``\n`` only (a text may hold U+2028, U+2029 or U+0085).

Bad items do not stop a batch: :func:`read_items` yields a :class:`Skipped` (file, line,
problem) for a file that is not UTF-8, empty, too large or with a malformed date line, and
for each bad JSON line, and goes on; :func:`read_file` raises at the first one instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ArticleError
from .model import Article

if TYPE_CHECKING:
    from .sources.feeds import Web
    from .sources.tables import Columns

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: The files the readers of :mod:`geomap.sources` read, by suffix (``.json`` when it is
#: a Telegram export, ``.xml`` when it is a feed: others are reported).
PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".tab", ".parquet"})
EXPORT_SUFFIXES = frozenset({".json"})
ARTICLE_SUFFIXES = (
    TEXT_SUFFIXES
    | JSONL_SUFFIXES
    | PAGE_SUFFIXES
    | FEED_SUFFIXES
    | TABLE_SUFFIXES
    | EXPORT_SUFFIXES
)
#: What kind of source a file of each suffix is (as its articles' ``source_kind`` says).
SOURCE_KIND_OF_SUFFIX = {
    **dict.fromkeys(TEXT_SUFFIXES, "text"),
    **dict.fromkeys(JSONL_SUFFIXES, "jsonl"),
    **dict.fromkeys(PAGE_SUFFIXES, "html"),
    **dict.fromkeys(FEED_SUFFIXES, "feed"),
    **dict.fromkeys(EXPORT_SUFFIXES, "telegram"),
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
}
#: Files in one source that hold many articles (an edited one does not replace the rest).
MANY_ARTICLE_SUFFIXES = JSONL_SUFFIXES | FEED_SUFFIXES | TABLE_SUFFIXES | EXPORT_SUFFIXES

_DATE_LINE = re.compile(r"\A\ufeff?[ \t]*(?i:date)[ \t]*:?[ \t]+(\d{4}-\d{2}-\d{2})(?=[\sT,;.]|\Z)")
#: A first line that means to be an ISO date line but is not one: " date 2022-11-1x"
#: (a "Date:" line whose date cannot be read is one too).
_LOOKS_LIKE_DATE_LINE = re.compile(r"\A\ufeff?[ \t]*(?i:date)[ \t]*:?[ \t]+\d{4}-")
#: Articles larger than this (UTF-8 bytes) are skipped, not parsed: a scraper's dump or a
#: wrong file, whose parsing would hold a batch for minutes (``--max-article-bytes``).
MAX_ARTICLE_BYTES = 5_000_000


@dataclass(frozen=True)
class ReadOptions:
    """How sources are read: ``strict`` stops at the first bad item (else it is reported
    in the summary and skipped); articles over ``max_article_bytes`` are skipped;
    ``columns`` names a table's columns (see :class:`geomap.sources.tables.Columns`);
    ``fetch_pages`` fetches the page each feed item links to."""

    strict: bool = False
    max_article_bytes: int = MAX_ARTICLE_BYTES
    columns: Columns | None = None
    fetch_pages: bool = False
    #: The public channel's username, for the links of a Telegram export's messages
    #: (Telegram Desktop's export does not name it).
    telegram_channel: str | None = None
    #: The language of every article read (ISO 639-1), instead of each one's own or the
    #: detected one.
    lang: str | None = None


@dataclass(frozen=True)
class Note:
    """What a source said that is neither an article nor a fault: a feed not changed
    since it was last read, a page fetched instead of a summary..."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Skipped:
    """An item that was not read: where (a file, or ``file:line``) and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def content_id(text: str) -> str:
    """A stable article id: the first 16 hex digits of the SHA-256 of the text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def source_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders (recursively) into the article files they hold, sorted.

    Hidden files and folders are skipped, and so are files of other types inside a
    folder (:func:`scan_sources` says which); a file named explicitly is read whatever its
    suffix (as plain text).
    """
    return scan_sources(paths)[0]


def scan_sources(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """The article files of ``paths`` (see :func:`source_files`), and the files of other
    types found in its folders ("not an article file": a ``.docx``, a picture)."""
    found: list[Path] = []
    others: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if not p.is_file() or any(
                    part.startswith(".") for part in p.relative_to(path).parts
                ):
                    continue
                if p.suffix.lower() in ARTICLE_SUFFIXES and _looks_like_articles(p):
                    found.append(p)
                else:
                    others.append(Skipped(str(p), f"not an article file ({KNOWN_FILES})"))
        elif path.is_file():
            found.append(path)
        else:
            raise ArticleError(f"{path}: no such file or folder")
    return found, others


def _looks_like_articles(path: Path) -> bool:
    """Whether a file found in a folder is one to read: a ``.json`` only when it is a
    Telegram export and an ``.xml`` only when it is a feed (a folder holds other JSON and
    XML: settings, a corpus), and no page that geomap wrote (a map in an output folder
    inside the folder read)."""
    suffix = path.suffix.lower()
    if suffix in EXPORT_SUFFIXES:
        from .sources.telegram import is_telegram_export

        return is_telegram_export(path)
    if suffix == ".xml" or suffix in PAGE_SUFFIXES:
        try:
            with open(path, "rb") as handle:
                head = handle.read(4096).lower()
        except OSError:
            return True  # reported when read
        if suffix == ".xml":
            return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))
        return GEOMAP_PAGE_MARK not in head
    return True


#: What every page geomap writes holds near its start (see geomap.render).
GEOMAP_PAGE_MARK = b'<meta name="generator" content="geomap'


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article]:
    """Yield every article in ``paths`` (files or folders), in a stable order."""
    for path in source_files(paths):
        yield from read_file(path)


def read_file(path: str | Path) -> Iterator[Article]:
    """Yield the articles of one file, choosing the reader by its suffix; the first bad
    item raises :class:`~geomap.errors.ArticleError` (see :func:`read_items`)."""
    for item in read_items(path):
        if isinstance(item, Skipped):
            raise ArticleError(str(item))
        if isinstance(item, Article):
            yield item


KNOWN_FILES = (
    ".txt, .jsonl, .html, .rss/.atom/.xml feeds, .json Telegram exports, .csv, .tsv, .parquet"
)


def read_items(
    path: str | Path,
    max_bytes: int | None = None,
    *,
    options: ReadOptions | None = None,
    web: Web | None = None,
) -> Iterator[Article | Skipped | Note]:
    """Yield the articles of one file (a reader chosen by its suffix, see
    :mod:`geomap.sources`), a :class:`Skipped` for each item that cannot be one (the file,
    or one line or item of it), going on after it, and the :class:`Note` a source gives.
    ``max_bytes`` overrides ``options.max_article_bytes``; ``web`` fetches the pages that
    feed items link to (with ``options.fetch_pages``)."""
    options = options or ReadOptions()
    max_bytes = options.max_article_bytes if max_bytes is None else max_bytes
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_file_items(path, max_bytes)
        return
    if suffix in PAGE_SUFFIXES:
        from .sources.pages import page_items

        yield from page_items(path, max_bytes)
        return
    if suffix in FEED_SUFFIXES:
        from .sources.feeds import feed_file_items

        yield from feed_file_items(path, web, max_bytes, fetch_pages=options.fetch_pages)
        return
    if suffix in TABLE_SUFFIXES:
        from .sources.tables import Columns, table_items

        yield from table_items(path, options.columns or Columns(), max_bytes)
        return
    if suffix in EXPORT_SUFFIXES:
        from .sources.telegram import is_telegram_export, telegram_items

        if not is_telegram_export(path):
            yield Skipped(str(path), "a JSON file that is not a Telegram channel export")
            return
        yield from telegram_items(path, max_bytes, channel=options.telegram_channel)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:  # told before reading it: a dump of gigabytes is not loaded
            yield Skipped(str(path), too_large(size, max_bytes))
            return
        text = _read_utf8(path)
    except (ArticleError, OSError) as exc:
        reason = str(exc) if isinstance(exc, ArticleError) else f"{path}: {exc.strerror}"
        yield Skipped(str(path), reason.removeprefix(f"{path}: "))
        return
    yield _text_item(text, path, max_bytes)


def too_large(size: int, max_bytes: int) -> str:
    """Why an item of ``size`` bytes is skipped (a reason for :class:`Skipped`)."""
    return f"{size:,} bytes, over the limit of {max_bytes:,} (--max-article-bytes)"


def read_text(path: str | Path) -> Article:
    """Read a plain or dated text article."""
    path = Path(path)
    text = _read_utf8(path)
    return parse_text(text, path=str(path))


def _text_item(text: str, path: Path, max_bytes: int) -> Article | Skipped:
    where = str(path)
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        return Skipped(where, too_large(size, max_bytes))
    if not text[body_start(text) :].strip():
        return Skipped(where, "empty article")
    if not date_line_end(text) and (
        _LOOKS_LIKE_DATE_LINE.match(text) or _WRITTEN_DATE_LINE.match(text)
    ):
        first = text.split("\n", 1)[0].strip()
        return Skipped(
            where, f"the first line {first[:40]!r} is not a date line ' date YYYY-MM-DD'"
        )
    try:
        return parse_text(text, path=where)
    except ArticleError as exc:
        return Skipped(where, str(exc).removeprefix(f"{where}: "))


def body_start(text: str) -> int:
    """Where the text after a leading date line's date begins (0 without one)."""
    end = date_line_end(text)
    while end and text[end : end + 1] in (" ", "\t"):
        end += 1
    return end


def date_line_end(text: str) -> int:
    """Where the date of a leading date line ends (0 without one): its words are no place
    names ("Date" is a town in Japan)."""
    match = _DATE_LINE.match(text)
    if match:
        return match.end()
    written = _written_date(text)
    return written[1] if written else 0


def parse_text(text: str, path: str | None = None) -> Article:
    """Make an article of ``text``, taking its date from a leading date line: `` date
    YYYY-MM-DD`` (``Date: YYYY-MM-DD`` too), or ``Date: 12 March 2022`` (a day, a month
    and a year in words or numbers, as the dates of the text are read)."""
    text = without_nul(text)
    date = None
    match = _DATE_LINE.match(text)
    if match:
        date = _parse_date(match.group(1), where=path or "text")
    elif written := _written_date(text):
        date = written[0]
    return Article(id=content_id(text), text=text, date=date, path=path, source_kind="text")


#: A first line that names a date in words: "Date: 12 March 2022", "Date: March 12, 2022".
_WRITTEN_DATE_LINE = re.compile(r"\A\ufeff?[ \t]*(?i:date)[ \t]*:[ \t]*(?=\S)")


def _written_date(text: str) -> tuple[dt.date, int] | None:
    """The date of a first line ``Date: <a day, a month and a year>`` and where it ends."""
    match = _WRITTEN_DATE_LINE.match(text)
    if not match:
        return None
    from .dates import DAY, find_dates

    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end < 0 else line_end
    found = find_dates(text, match.end(), min(line_end, match.end() + 40), dt.date(2100, 1, 1))
    if not found or found[0].start != match.end() or found[0].precision != DAY:
        return None
    if not re.search(r"\d{4}", text[found[0].start : found[0].end]):
        return None  # a day without its year is no date line
    return found[0].date, found[0].end


def read_jsonl(path: str | Path) -> Iterator[Article]:
    """Read JSON Lines articles; the first bad line raises an error naming file and line."""
    for item in _jsonl_file_items(Path(path), MAX_ARTICLE_BYTES):
        if isinstance(item, Skipped):
            raise ArticleError(str(item))
        yield item


def _jsonl_file_items(path: Path, max_bytes: int) -> Iterator[Article | Skipped]:
    """The items of a JSON Lines file, read a line at a time (a large feed is not loaded
    whole) and decoded a line at a time (a bad byte costs its line, not the file)."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below, after the last line)
    except OSError as exc:
        yield Skipped(str(path), exc.strerror or str(exc))
        return
    with handle:
        # lines are split on "\n" only (U+2028, U+2029, U+0085 may stand raw in JSON text)
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if len(raw) > max_bytes:
                yield Skipped(where, too_large(len(raw), max_bytes))
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Skipped(where, f"not UTF-8 text (byte {exc.start} of the line)")
                continue
            if number == 1:
                line = line.removeprefix("\ufeff")
            yield from _jsonl_line(line.rstrip("\r\n"), where, path)


def _jsonl_line(line: str, where: str, path: Path) -> Iterator[Article | Skipped]:
    """The article of one JSON line, or why it is none (nothing for a blank line)."""
    if not line.strip():
        return
    try:
        record = json.loads(line)
        article = article_from_record(record, where=where, path=str(path))
    except json.JSONDecodeError as exc:
        yield Skipped(where, f"not valid JSON ({exc.msg})")
        return
    except ArticleError as exc:
        yield Skipped(where, str(exc).removeprefix(f"{where}: "))
        return
    except (ValueError, RecursionError) as exc:  # a number of 5,000 digits, 100,000 "["
        yield Skipped(where, f"not valid JSON ({type(exc).__name__})")
        return
    if not article.text.strip():
        yield Skipped(where, "empty article")
        return
    yield article


def article_from_record(record: object, where: str = "record", path: str | None = None) -> Article:
    """Make an article from a JSON object with ``text`` and optional metadata."""
    if not isinstance(record, dict):
        raise ArticleError(f"{where}: expected a JSON object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str):
        raise ArticleError(f"{where}: the 'text' field is missing or not a string")
    text = without_nul(text)
    given_id = record.get("id")
    article_id = without_nul(str(given_id)) if given_id not in (None, "") else content_id(text)
    raw_date = record.get("date")
    date = _parse_date(str(raw_date), where=where) if raw_date not in (None, "") else None
    return Article(
        id=article_id,
        text=text,
        date=date,
        title=_optional_str(record.get("title")),
        url=_optional_str(record.get("url")),
        source=_optional_str(record.get("source")),
        path=path,
        author=_optional_str(record.get("author")),
        source_kind="jsonl",
        lang=_language_field(record.get("lang"), where),
    )


def _language_field(value: object, where: str) -> str | None:
    """A record's ``lang`` ("uk", "RU"), checked; empty is none."""
    if value in (None, ""):
        return None
    from .languages.detect import LanguageError, checked_language

    try:
        return checked_language(str(value))
    except LanguageError as exc:
        raise ArticleError(f"{where}: 'lang': {exc}") from None


def without_nul(text: str) -> str:
    """``text`` with each NUL character (never meant in news; a JSON ``\\u0000``, a
    broken export) made U+FFFD, the replacement character: offsets stay, and every store
    keeps it (PostgreSQL refuses NUL in text)."""
    return text.replace("\x00", "\ufffd") if "\x00" in text else text


def _parse_date(value: str, where: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` (a time part after it is ignored)."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ArticleError(f"{where}: {value!r} is not a date (expected YYYY-MM-DD)") from None


def _optional_str(value: object) -> str | None:
    return None if value in (None, "") else without_nul(str(value))


def _read_utf8(path: Path) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path}: {_not_utf8(path, exc.start)}") from None
    except OSError as exc:
        raise ArticleError(f"{path}: {exc.strerror}") from None


def _not_utf8(path: Path, offset: int) -> str:
    """What a file that is not UTF-8 seems to be, and what to do."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text: save it as UTF-8"
    if b"\x00" in head:
        return "a binary file, not text"
    return f"not UTF-8 text (byte {offset}; Latin-1 or Windows-1252?): save it as UTF-8"


def article_label(article: Article, with_date: bool = True) -> str:
    """How an article is named to people: its title, else its file name, else its id;
    followed by its date in parentheses when ``with_date``."""
    name = article_name(article.title, article.path, article.id)
    return f"{name} ({article.date.isoformat()})" if with_date and article.date else name


def article_name(title: str | None, path: str | None, article_id: str) -> str:
    """An article's title, else its file's name, else its id."""
    return title or (Path(path).name if path else article_id)


def text_hash(article: Article) -> str:
    """What tells whether an article changed: its text and metadata (not who parsed it)."""
    parts = [
        article.text,
        article.date.isoformat() if article.date else "",
        article.title or "",
        article.url or "",
        article.source or "",
        # (only when known: the hashes of articles stored before authors were read stay)
        *([article.author] if article.author else []),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
