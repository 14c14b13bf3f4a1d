"""Tables of articles, one a row: CSV (``.csv``), TSV (``.tsv``, ``.tab``) and Parquet
(``.parquet``, with the optional pyarrow: ``pip install 'geomap[parquet]'``).

The columns read are named by :class:`Columns` (``text``, and optionally ``id``, ``date``,
``title``, ``url``, ``source``, ``author``); a name matches a column exactly, else whatever
its case and surrounding spaces. Other columns are left alone.

A row is told by ``<file>:<row>``. In a CSV or TSV file the header is row 1 and each record
after it one row, as a spreadsheet numbers them (a record whose quoted text runs over
several lines is one row); a Parquet file has no header, and its first row is row 1.

CSV and TSV files are read as they stream, a line at a time, as UTF-8 (a byte-order mark
allowed), with the ``csv`` module's quoting (``"..."``, ``""`` for a quote inside), as
spreadsheets write them. A ``.csv`` file whose header has no comma but semicolons (a
spreadsheet set to a language that writes decimal commas) is read with semicolons. A bad
row is skipped and the rest read; a byte that is not UTF-8, a line over
:data:`LINE_FACTOR` × ``max_bytes`` or a record the ``csv`` module cannot parse ends the
file's reading there (where the next record starts is no longer known).
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO, Any

from ..articles import MAX_ARTICLE_BYTES, Skipped, content_id, too_large, without_nul
from ..errors import ArticleError
from ..model import Article
from .common import item_date, one_line, optional_text

CSV_SUFFIXES = frozenset({".csv"})
TSV_SUFFIXES = frozenset({".tsv", ".tab"})
PARQUET_SUFFIXES = frozenset({".parquet"})
TABLE_SUFFIXES = CSV_SUFFIXES | TSV_SUFFIXES | PARQUET_SUFFIXES

#: A CSV or TSV line, and a field, may be this many times ``max_bytes``: a row whose text
#: is over ``max_bytes`` is skipped and the next read, but a line far larger is no row of
#: articles (a dump, a file in one line) and is not loaded.
LINE_FACTOR = 4

#: Rows of a Parquet file converted to Python at a time (each text may be megabytes).
PARQUET_BATCH_ROWS = 256

#: How many of a table's columns the message of a missing text column lists.
_LISTED_COLUMNS = 30


@dataclass(frozen=True)
class Columns:
    """The names of the columns that an article's fields are read from; ``None`` leaves a
    field unread. Only ``text`` must be in a table: a missing optional column is no
    error, its field is ``None``."""

    text: str = "text"
    id: str | None = "id"
    date: str | None = "date"
    title: str | None = "title"
    url: str | None = "url"
    source: str | None = "source"
    author: str | None = "author"


class _Unreadable(Exception):
    """Why a table cannot be read on from a line (a bad byte, a line too long)."""


def table_items(
    path: Path, columns: Columns = Columns(), max_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[Article | Skipped]:
    """Yield the articles of a CSV, TSV or Parquet file (by its suffix; any other is read
    as CSV), and a :class:`Skipped` for each row that cannot be one (``<file>:<row>``: an
    empty text, a text over ``max_bytes``, a date that cannot be read, a wrong number of
    fields) and for a file that cannot be read at all (no text column, no pyarrow for
    Parquet). Nothing is raised for bad input."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        yield from _parquet_items(path, columns, max_bytes)
    elif suffix in TSV_SUFFIXES:
        yield from _delimited_items(path, columns, max_bytes, "\t", "tsv")
    else:
        yield from _delimited_items(path, columns, max_bytes, None, "csv")


def find_columns(names: Sequence[str], columns: Columns) -> dict[str, int] | None:
    """Where each field of ``columns`` is in ``names`` (a table's header): field name →
    column index, for the columns found; ``None`` when the text column is not there."""
    found: dict[str, int] = {}
    for field in fields(columns):
        wanted = getattr(columns, field.name)
        if wanted is None:
            continue
        index = _column_index(names, wanted)
        if index is not None:
            found[field.name] = index
    return found if "text" in found else None


def _column_index(names: Sequence[str], wanted: str) -> int | None:
    """The first column named ``wanted``, else the first named so whatever its case and
    surrounding spaces (``" Text"`` for ``text``)."""
    if wanted in names:
        return list(names).index(wanted)
    folded = wanted.strip().casefold()
    for index, name in enumerate(names):
        if name.strip().casefold() == folded:
            return index
    return None


def _no_text_column(names: Sequence[str], columns: Columns) -> str:
    listed = ", ".join(names[:_LISTED_COLUMNS])
    if len(names) > _LISTED_COLUMNS:
        listed += f", ... ({len(names)} in all)"
    return f"no column {columns.text!r} (columns: {listed}); name it with --text-column"


def _row_item(
    values: Mapping[str, Any], where: str, path: Path, kind: str, max_bytes: int
) -> Article | Skipped:
    """The article of one row (field → its value: a string, or a Parquet value), or why it
    is none."""
    text = values.get("text")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            return Skipped(where, f"the text is not UTF-8 (byte {exc.start})")
    if text is None:
        text = ""
    if not isinstance(text, str):
        return Skipped(where, f"the text is not a string but {type(text).__name__}")
    text = without_nul(text)
    if not text.strip():
        return Skipped(where, "empty article")
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        return Skipped(where, too_large(size, max_bytes))
    raw_date = values.get("date")
    if not isinstance(raw_date, dt.date):  # a Parquet date or timestamp is read as it is
        raw_date = _value(raw_date)
    try:
        date = item_date(raw_date, where)
    except ArticleError as exc:
        return Skipped(where, str(exc).removeprefix(f"{where}: "))
    return Article(
        id=_value(values.get("id")) or content_id(text),
        text=text,
        date=date,
        title=_value(values.get("title")),
        url=_value(values.get("url")),
        source=_value(values.get("source")),
        path=str(path),
        author=_value(values.get("author")),
        source_kind=kind,
    )


def _value(value: object) -> str | None:
    """An optional field's value as a string, ``None`` when empty (a blank cell, a null, a
    pandas NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    return optional_text(str(value))


# --- CSV and TSV ---------------------------------------------------------------------------


class _Lines:
    """The lines of a binary file as text, decoded one at a time: a byte that is not
    UTF-8 is told with its line (UTF-8 never has a newline byte inside a character, so
    lines decode alone), and a line is never read beyond ``limit`` bytes."""

    def __init__(self, handle: IO[bytes], limit: int) -> None:
        self.handle = handle
        self.limit = limit
        self.number = 0  # the lines read

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        raw = self.handle.readline(self.limit + 1)
        if not raw:
            raise StopIteration
        self.number += 1
        if len(raw) > self.limit:
            raise _Unreadable(
                f"line {self.number} is over {self.limit:,} bytes ({LINE_FACTOR} × "
                "--max-article-bytes): the rows from it on were not read"
            )
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _Unreadable(
                f"not UTF-8 text (line {self.number}, byte {exc.start}; Latin-1 or "
                "Windows-1252?): save it as UTF-8; the rows from it on were not read"
            ) from None
        return line.removeprefix("\ufeff") if self.number == 1 else line


def _delimited_items(
    path: Path, columns: Columns, max_bytes: int, delimiter: str | None, kind: str
) -> Iterator[Article | Skipped]:
    """The items of a CSV (``delimiter`` ``None``: a comma, or what the header tells) or
    TSV file."""
    limit = LINE_FACTOR * max_bytes
    # csv's limit on a field (131,072 characters by default) is the process's: raised to
    # let a text of max_bytes through, never lowered (another reader may need it)
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below, after the last row)
    except OSError as exc:
        yield Skipped(str(path), exc.strerror or str(exc))
        return
    with handle:
        lines = _Lines(handle, limit)
        try:
            first = next(lines, None)
        except _Unreadable as exc:
            yield Skipped(f"{path}:1", str(exc))
            return
        except OSError as exc:
            yield Skipped(str(path), exc.strerror or str(exc))
            return
        if first is None or not first.strip():
            yield Skipped(str(path), "empty file, or no header on its first line")
            return
        if delimiter is None:
            delimiter = _csv_delimiter(first)
        records = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
        try:
            header = next(records)
        except (_Unreadable, csv.Error) as exc:  # a header in quotes over many lines
            yield Skipped(f"{path}:1", str(exc))
            return
        found = find_columns(header, columns)
        if found is None:
            yield Skipped(str(path), _no_text_column(header, columns))
            return
        row = 1  # the header's
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except _Unreadable as exc:
                yield Skipped(f"{path}:{row + 1}", str(exc))
                return
            except csv.Error as exc:
                problem = str(exc)
                if "new-line character" in problem:  # csv's advice is for a text file's
                    problem = "a carriage return alone in an unquoted field: old Mac line ends?"
                yield Skipped(
                    f"{path}:{row + 1}",
                    f"not {kind.upper()} there ({problem}; line {lines.number}): the rows from "
                    "it on were not read",
                )
                return
            except OSError as exc:
                yield Skipped(f"{path}:{row + 1}", exc.strerror or str(exc))
                return
            row += 1
            if not record:
                continue  # a blank line
            where = f"{path}:{row}"
            if len(record) != len(header):
                yield Skipped(where, f"{len(record)} fields where the header has {len(header)}")
                continue
            values = {field: record[index] for field, index in found.items()}
            yield _row_item(values, where, path, kind, max_bytes)


def _csv_delimiter(header: str) -> str:
    """A comma, unless the header line has none and is separated by semicolons (or tabs:
    a TSV file named ``.csv``)."""
    if "," in header:
        return ","
    try:
        return csv.Sniffer().sniff(header, delimiters=";\t").delimiter
    except csv.Error:  # one column, no separator at all
        return ","


# --- Parquet -------------------------------------------------------------------------------


def _parquet_items(path: Path, columns: Columns, max_bytes: int) -> Iterator[Article | Skipped]:
    """The items of a Parquet file, read in batches of rows (a large file is not loaded
    whole), only the columns named."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        yield Skipped(str(path), "reading Parquet needs pyarrow: pip install 'geomap[parquet]'")
        return
    try:
        table = pq.ParquetFile(path)
        names = list(table.schema_arrow.names)
    except OSError as exc:
        yield Skipped(str(path), exc.strerror or str(exc))
        return
    except (pa.ArrowException, ValueError) as exc:
        yield Skipped(str(path), f"not a Parquet file ({one_line(exc)})")
        return
    found = find_columns(names, columns)
    if found is None:
        yield Skipped(str(path), _no_text_column(names, columns))
        return
    read = list(dict.fromkeys(names[index] for index in found.values()))
    position = {field: read.index(names[index]) for field, index in found.items()}
    batches = table.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=read)
    row = 0
    while True:
        try:
            batch = next(batches, None)
            if batch is None:
                return
            data = {
                field: _python_values(batch.column(index), pa) for field, index in position.items()
            }
        except (pa.ArrowException, OSError, ValueError) as exc:
            yield Skipped(
                f"{path}:{row + 1}",
                f"unreadable Parquet data ({one_line(exc)}): the rows from it on were not read",
            )
            return
        for offset in range(batch.num_rows):
            values = {field: column[offset] for field, column in data.items()}
            yield _row_item(values, f"{path}:{row + offset + 1}", path, "parquet", max_bytes)
        row += batch.num_rows


def _python_values(column: Any, pa: Any) -> list[Any]:
    """A column's values as Python objects. Timestamps of nanoseconds are cut to
    microseconds first: Python's datetime has no nanoseconds (without pandas, pyarrow
    would refuse them), and a date needs none."""
    kind = column.type
    if pa.types.is_timestamp(kind) and kind.unit == "ns":
        column = column.cast(pa.timestamp("us", tz=kind.tz), safe=False)
    return list(column.to_pylist())
