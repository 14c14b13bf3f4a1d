"""Writing output files without ever replacing a user's file silently.

An output folder keeps a manifest (``.geomap-manifest.json``) of the files geomap wrote
there with their SHA-256. A file may be replaced when geomap wrote it and nobody changed it
since; any other existing file needs ``overwrite=True``. Files are written atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import OutputExistsError

MANIFEST = ".geomap-manifest.json"
#: The manifest entry holding the fingerprint of the inputs of the last complete write.
FINGERPRINT_KEY = "#inputs"


class OutputDir:
    """A folder geomap writes its outputs into."""

    def __init__(self, path: str | Path, overwrite: bool = False) -> None:
        self.path = Path(path)
        self.overwrite = overwrite
        self._deferring = False
        self._manifest_path = self.path / MANIFEST
        try:
            self._manifest: dict[str, str] = json.loads(self._manifest_path.read_text("utf-8"))
        except (OSError, ValueError):
            self._manifest = {}

    def check(self, name: str) -> None:
        """Raise :class:`OutputExistsError` if writing ``name`` would replace a user's file."""
        target = self.path / name
        if self.overwrite or not target.exists():
            return
        if target.is_dir():
            raise OutputExistsError(f"{target} is a folder; choose another output folder")
        if self._manifest.get(name) != _sha256(target.read_bytes()):
            raise OutputExistsError(
                f"{target} exists and was not written by geomap (or was edited since); "
                "use --overwrite to replace it, or choose another output folder"
            )

    def write(self, name: str, data: bytes | str) -> Path:
        """Write ``data`` to ``name`` in the folder, atomically, and record it."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        self.check(name)
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(target, payload)
        self._manifest[name] = _sha256(payload)
        self._save_manifest()
        return target

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """Save the manifest once at the end (and on failure, with what was written),
        not after every file: for thousands of files."""
        self._deferring = True
        try:
            yield
        finally:
            self._deferring = False
            self._save_manifest()

    def current(self, fingerprint: str, names: Iterable[str], key: str = "") -> bool:
        """Whether ``names`` were all written from inputs with this ``fingerprint`` (see
        :meth:`mark`; ``key`` tells fingerprints of several groups of files apart) and are
        still exactly as written, so writing them again is needless."""
        if self._manifest.get(FINGERPRINT_KEY + key) != fingerprint:
            return False
        for name in names:
            target = self.path / name
            recorded = self._manifest.get(name)
            if recorded is None or not target.is_file() or _sha256(target.read_bytes()) != recorded:
                return False
        return True

    def mark(self, fingerprint: str, key: str = "") -> None:
        """Record the fingerprint of the inputs the files just written came from."""
        self._manifest[FINGERPRINT_KEY + key] = fingerprint
        self._save_manifest()

    def _save_manifest(self) -> None:
        if self._deferring:
            return
        manifest = json.dumps(dict(sorted(self._manifest.items())), indent=1) + "\n"
        _atomic_write(self._manifest_path, manifest.encode("utf-8"))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _atomic_write(target: Path, payload: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
