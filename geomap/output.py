"""Writing output files without ever replacing a user's file silently.

An output folder keeps a manifest (``.geomap-manifest.json``) of the files geomap wrote
there with their SHA-256. A file may be replaced when geomap wrote it and nobody changed it
since; any other existing file needs ``overwrite=True``. Files are written atomically, and
only inside the folder.

A write that is cut short (kill -9, a crash, a full disk) leaves no false alarm: before
each file is replaced its new SHA-256 is appended to a journal (``.geomap-journal``); the
next run records as geomap's own a file that holds what the journal says was being written,
so a file left old or new by the crash is still known; the journal goes once the manifest
is saved. Temporary files a crash left are removed.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from stat import S_ISREG

from .errors import OutputError, OutputExistsError

MANIFEST = ".geomap-manifest.json"
JOURNAL = ".geomap-journal"
#: Size and modification time of each file as geomap last saw it with its recorded hash:
#: a file whose stat is unchanged is not read again to know it is untouched (as git's
#: index does). Only a shortcut: lost or stale, the files are hashed.
STAT_CACHE = ".geomap-stat-cache.json"
#: The manifest entry holding the fingerprint of the inputs of the last complete write.
FINGERPRINT_KEY = "#inputs"


class OutputDir:
    """A folder geomap writes its outputs into."""

    def __init__(self, path: str | Path, overwrite: bool = False) -> None:
        self.path = Path(path)
        self.overwrite = overwrite
        self._deferring = False
        self._changed = False  # since the manifest was read or saved
        self._manifest_path = self.path / MANIFEST
        self._journal_path = self.path / JOURNAL
        self._stat_path = self.path / STAT_CACHE
        self._manifest: dict[str, str] = {}
        self._stats: dict[str, list[int]] = {}
        self.reload()

    def probe(self) -> None:
        """Make sure the folder can be written (before any work is stored): an
        :class:`OutputError` says why not."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self.path):
                pass
        except OSError as exc:
            raise OutputError(_os_problem(self.path, exc)) from None

    def reload(self) -> None:
        """Read the manifest (and the journal of a write cut short) again: another geomap
        may have written the folder since (``update --wait`` behind it)."""
        try:
            self._manifest = json.loads(self._manifest_path.read_text("utf-8"))
        except (OSError, ValueError):
            self._manifest = {}
        try:
            self._stats = json.loads(self._stat_path.read_text("utf-8"))
        except (OSError, ValueError):
            self._stats = {}
        self._changed = False
        try:
            lines = self._journal_path.read_text("utf-8").splitlines()
        except OSError:
            return
        # a write was cut short: a file that holds what geomap was writing is geomap's
        unfinished: dict[str, set[str]] = {}
        for line in lines:
            name, _, digest = line.rpartition(" ")
            if name:
                unfinished.setdefault(name, set()).add(digest)
        for name, digests in unfinished.items():
            with contextlib.suppress(OSError, OutputError):  # OutputError: not in the folder
                target = self._target(name)
                digest = _file_sha256(target) if target.is_file() else None
                if digest in digests:
                    self._manifest[name] = digest
                    self._changed = True
                _remove_leftovers(target)  # the temporary files the cut-short write left

    def _target(self, name: str) -> Path:
        """``name`` in the folder; a name that would lead outside it is refused."""
        target = self.path / name
        root = self.path.resolve()
        if Path(name).is_absolute() or not target.resolve().is_relative_to(root):
            raise OutputError(f"{name!r} would be written outside {self.path}; refused")
        return target

    def check(self, name: str) -> None:
        """Raise :class:`OutputExistsError` if writing ``name`` would replace a user's file."""
        target = self._target(name)
        if self.overwrite or not target.exists():
            return
        if target.is_dir():
            raise OutputExistsError(f"{target} is a folder; choose another output folder")
        if not self._as_written(name):  # (its size and time as recorded, or its hash)
            raise OutputExistsError(
                f"{target} exists and was not written by geomap (or was edited since); "
                "use --overwrite to replace it, or choose another output folder"
            )

    def write(self, name: str, data: bytes | str | Iterable[str]) -> Path:
        """Write ``data`` to ``name`` in the folder, atomically, and record it. ``data``
        may be pieces of text, written one after another (no copy of the whole)."""
        self.check(name)
        target = self._target(name)

        def replacing(digest: str) -> bool:
            # the same bytes as written before: the file is left as it is (and its time)
            if digest == self._manifest.get(name) and self._as_written(name):
                return False
            self._journal(name, digest)
            return True

        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._journal(name, "-")  # a write begins: its hash is known at its end
            digest = _atomic_write(target, _byte_blocks(data), replacing)
        except OSError as exc:
            raise OutputError(_os_problem(target, exc)) from None
        self._manifest[name] = digest
        self._changed = True
        with contextlib.suppress(OSError):
            stat = target.stat()
            self._stats[name] = [stat.st_size, stat.st_mtime_ns]
        self._save_manifest()
        return target

    def _journal(self, name: str, digest: str) -> None:
        """Say, before ``name`` is replaced, what it will hold (see the module)."""
        with open(self._journal_path, "a", encoding="utf-8") as journal:
            journal.write(f"{name} {digest}\n")

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """Save the manifest once at the end (and on failure, with what was written),
        not after every file: for thousands of files."""
        deferring, self._deferring = self._deferring, True
        try:
            yield
        finally:
            self._deferring = deferring  # (the outermost saves)
            self._save_manifest()

    def current(self, fingerprint: str, names: Iterable[str], key: str = "") -> bool:
        """Whether ``names`` were all written from inputs with this ``fingerprint`` (see
        :meth:`mark`; ``key`` tells fingerprints of several groups of files apart) and are
        still exactly as written, so writing them again is needless."""
        if self._manifest.get(FINGERPRINT_KEY + key) != fingerprint:
            return False
        return all(self._as_written(name) for name in names)

    def made_from(self, fingerprint: str, name: str, key: str, present: Collection[str]) -> bool:
        """:meth:`current` for one file of many, without reading its size and time: the
        manifest says it was written from inputs with this ``fingerprint`` and it is among
        the files ``present`` (see :meth:`files`). A file edited since is found when it is
        next written (see :meth:`check`); a file removed is written again."""
        return self._manifest.get(FINGERPRINT_KEY + key) == fingerprint and name in present

    def files(self) -> set[str]:
        """The names of the files in the folder and its subfolders, from one listing of
        each folder (no file is looked at one by one: there may be tens of thousands)."""
        found: set[str] = set()
        for folder, _, names in os.walk(self.path):
            relative = Path(folder).relative_to(self.path).as_posix()
            prefix = "" if relative == "." else relative + "/"
            found.update(prefix + name for name in names)
        return found

    def _as_written(self, name: str) -> bool:
        """Whether ``name`` holds what geomap recorded writing (see :data:`STAT_CACHE`)."""
        recorded = self._manifest.get(name)
        try:
            stat = os.stat(os.path.join(self.path, name))  # (not pathlib: thousands of chunks)
        except OSError:
            return False
        if recorded is None or not S_ISREG(stat.st_mode):
            return False
        seen = [stat.st_size, stat.st_mtime_ns]
        if self._stats.get(name) == seen:
            return True
        if _file_sha256(self.path / name) != recorded:
            return False
        self._stats[name] = seen
        self._changed = True
        return True

    def recorded(self, name: str) -> str | None:
        """The SHA-256 geomap recorded writing ``name`` with, if any."""
        return self._manifest.get(name)

    def names(self) -> list[str]:
        """The files geomap recorded writing here, by name."""
        return sorted(n for n in self._manifest if not n.startswith(FINGERPRINT_KEY))

    def remove(self, name: str) -> None:
        """Remove ``name``, a file geomap wrote and nobody changed since (a file changed
        since is left where it is, and forgotten: it is the user's now)."""
        target = self._target(name)
        try:
            if self._as_written(name):
                target.unlink()
        except OSError as exc:
            raise OutputError(_os_problem(target, exc)) from None
        for entry in (name, FINGERPRINT_KEY + ":" + name):
            self._manifest.pop(entry, None)
        self._stats.pop(name, None)
        self._changed = True
        self._save_manifest()

    def unmark(self, key: str = "") -> None:
        """Forget the fingerprint of the inputs, before writing files anew: a write cut
        short must not leave the folder looking up to date."""
        if self._manifest.pop(FINGERPRINT_KEY + key, None) is not None:
            self._changed = True
            self._save_manifest()

    def mark(self, fingerprint: str, key: str = "") -> None:
        """Record the fingerprint of the inputs the files just written came from."""
        if self._manifest.get(FINGERPRINT_KEY + key) != fingerprint:
            self._manifest[FINGERPRINT_KEY + key] = fingerprint
            self._changed = True
        self._save_manifest()

    def _save_manifest(self) -> None:
        if self._deferring or not self._changed:
            return
        # one entry a line, to diff; by the C encoder (an indent would take the slow one)
        manifest = json.dumps(dict(sorted(self._manifest.items())), separators=(",\n", ": "))
        manifest = "{\n" + manifest[1:-1] + "\n}\n"
        stats = {name: self._stats[name] for name in sorted(self._stats) if name in self._manifest}
        try:
            _atomic_write(self._manifest_path, [manifest.encode("utf-8")])
            self._journal_path.unlink(missing_ok=True)
            _atomic_write(self._stat_path, [json.dumps(stats).encode("utf-8")])
        except OSError as exc:
            raise OutputError(_os_problem(self._manifest_path, exc)) from None
        self._changed = False


def _os_problem(path: Path, exc: OSError) -> str:
    """One line on why writing ``path`` failed, and what to do."""
    if exc.errno == errno.ENOSPC:
        return f"{path}: the disk is full; free some space and run again (nothing is lost)"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{path}: not allowed to write here; choose another output folder"
    return f"{path}: cannot write ({exc.strerror or exc})"


def _remove_leftovers(target: Path) -> None:
    """Temporary files of ``target`` that a write cut short left behind (named as
    :func:`tempfile.mkstemp` names them here: ``.NAME.`` eight characters ``.tmp``)."""
    if not target.parent.is_dir():
        return
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}\.tmp")
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        if pattern.fullmatch(leftover.name):
            leftover.unlink(missing_ok=True)


def _file_sha256(path: Path) -> str:
    """A file's SHA-256, read in blocks (a layer may be hundreds of MB)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _byte_blocks(data: bytes | str | Iterable[str]) -> Iterator[bytes]:
    """``data`` as UTF-8 blocks: itself, or pieces of text joined into blocks of about a
    megabyte (a layer written in pieces is never joined whole)."""
    if isinstance(data, bytes):
        yield data
    elif isinstance(data, str):
        yield data.encode("utf-8")
    else:
        for block in _blocks(data):
            yield block.encode("utf-8")


def _blocks(pieces: Iterable[str], size: int = 1 << 20) -> Iterator[str]:
    """``pieces`` joined into blocks of about ``size`` characters."""
    block: list[str] = []
    length = 0
    for piece in pieces:
        block.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(block)
            block, length = [], 0
    if block:
        yield "".join(block)


def _atomic_write(
    target: Path, blocks: Iterable[bytes], before_replace: Callable[[str], bool] | None = None
) -> str:
    """Write ``blocks`` to a temporary file beside ``target`` while hashing them, tell
    ``before_replace`` the SHA-256, then put the file in place (unless ``before_replace``
    says not to). Returns the SHA-256."""
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for block in blocks:
                digest.update(block)
                handle.write(block)
        os.chmod(tmp, 0o644)
        if before_replace is None or before_replace(digest.hexdigest()):
            os.replace(tmp, target)
        else:
            os.unlink(tmp)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest.hexdigest()
