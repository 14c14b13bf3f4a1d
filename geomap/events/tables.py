"""Reading the event stage's knowledge tables (``*.tsv`` beside this module).

Each table is tab-separated text: ``#`` comment lines, a header row naming the columns,
then one row per rule. Rows are read once per process, in file order.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ..errors import TableError

HERE = Path(__file__).parent


@cache
def read_table(name: str, folder: Path = HERE) -> tuple[dict[str, str], ...]:
    """The rows of table ``name`` (e.g. ``"triggers.tsv"``) in ``folder`` (this module's,
    unless another stage's tables are meant) as column → value dicts."""
    path = folder / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise TableError(f"{path}: cannot read the table ({exc.strerror})") from None
    header: list[str] | None = None
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise TableError(f"{path}:{number}: {len(cells)} columns, the header has {len(header)}")
        rows.append(dict(zip(header, cells, strict=True)))
    return tuple(rows)


def compile_pattern(pattern: str, where: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled, or a :class:`TableError` that says which row is wrong."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise TableError(f"{where}: bad pattern {pattern!r} ({exc})") from None
