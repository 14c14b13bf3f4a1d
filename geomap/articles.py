"""Readers: turn files and folders into :class:`~geomap.model.Article` records.

Three formats are understood:

* dated text, as the sample articles: the first line starts with `` date YYYY-MM-DD``
  (leading space optional) and the rest of the file is the article;
* plain ``.txt`` without a date line;
* JSON Lines (``.jsonl``/``.ndjson``): one object per line with ``text`` and optionally
  ``id``, ``date``, ``title``, ``url``, ``source``.

A text article's ``text`` is the whole file as Python's ``open(path, encoding="utf-8")``
returns it (universal newlines), date line included, so mention offsets slice the file's
text exactly. A JSON Lines article's ``text`` is its ``text`` value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import ArticleError
from .model import Article

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES

_DATE_LINE = re.compile(r"\A\ufeff?[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|\Z)")


def content_id(text: str) -> str:
    """A stable article id: the first 16 hex digits of the SHA-256 of the text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def source_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders (recursively) into the article files they hold, sorted.

    Hidden files and folders are skipped, and so are files of other types inside a
    folder; a file named explicitly is read whatever its suffix (as plain text).
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in ARTICLE_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise ArticleError(f"{path}: no such file or folder")
    return found


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article]:
    """Yield every article in ``paths`` (files or folders), in a stable order."""
    for path in source_files(paths):
        yield from read_file(path)


def read_file(path: str | Path) -> Iterator[Article]:
    """Yield the articles of one file, choosing the reader by its suffix."""
    path = Path(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl(path)
    else:
        yield read_text(path)


def read_text(path: str | Path) -> Article:
    """Read a plain or dated text article."""
    path = Path(path)
    text = _read_utf8(path)
    return parse_text(text, path=str(path))


def body_start(text: str) -> int:
    """Where the text after a leading `` date YYYY-MM-DD`` line's date begins (0 without one)."""
    match = _DATE_LINE.match(text)
    if not match:
        return 0
    end = match.end()
    while text[end : end + 1] in (" ", "\t"):
        end += 1
    return end


def parse_text(text: str, path: str | None = None) -> Article:
    """Make an article of ``text``, taking its date from a leading `` date YYYY-MM-DD``."""
    date = None
    match = _DATE_LINE.match(text)
    if match:
        date = _parse_date(match.group(1), where=path or "text")
    return Article(id=content_id(text), text=text, date=date, path=path)


def read_jsonl(path: str | Path) -> Iterator[Article]:
    """Read JSON Lines articles; an error names the file and line."""
    path = Path(path)
    for number, line in enumerate(_read_utf8(path).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ArticleError(f"{where}: not valid JSON ({exc.msg})") from None
        yield article_from_record(record, where=where, path=str(path))


def article_from_record(record: object, where: str = "record", path: str | None = None) -> Article:
    """Make an article from a JSON object with ``text`` and optional metadata."""
    if not isinstance(record, dict):
        raise ArticleError(f"{where}: expected a JSON object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str):
        raise ArticleError(f"{where}: the 'text' field is missing or not a string")
    given_id = record.get("id")
    article_id = str(given_id) if given_id not in (None, "") else content_id(text)
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
    )


def _parse_date(value: str, where: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` (a time part after it is ignored)."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ArticleError(f"{where}: {value!r} is not a date (expected YYYY-MM-DD)") from None


def _optional_str(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def _read_utf8(path: Path) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise ArticleError(f"{path}: {exc.strerror}") from None


def article_label(article: Article, with_date: bool = True) -> str:
    """How an article is named to people: its title, else its file name, else its id;
    followed by its date in parentheses when ``with_date``."""
    name = article.title or (Path(article.path).name if article.path else article.id)
    return f"{name} ({article.date.isoformat()})" if with_date and article.date else name


def text_hash(article: Article) -> str:
    """What tells whether an article changed: its text and metadata (not who parsed it)."""
    parts = [
        article.text,
        article.date.isoformat() if article.date else "",
        article.title or "",
        article.url or "",
        article.source or "",
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
