"""The one exception hierarchy of geomap.

Every error that geomap raises on purpose derives from :class:`GeomapError`, so a caller
(and the command line) can catch one class and show its message.
"""

from __future__ import annotations


class GeomapError(Exception):
    """Root of all errors raised by geomap."""


class ArticleError(GeomapError):
    """An article source could not be read or parsed."""


class FetchError(ArticleError):
    """A feed or page could not be fetched (unreachable, refused, too slow, too large)."""


class GazetteerError(GeomapError):
    """The gazetteer is missing, stale, or could not be built or read."""


class StoreError(GeomapError):
    """The store could not be opened, migrated or written."""


class OutputError(GeomapError):
    """An output could not be written (an unwritable folder, a full disk, a name outside
    the output folder)."""


class OutputExistsError(OutputError):
    """Writing would replace a file that geomap did not write (use ``--overwrite``)."""


class AssetError(GeomapError):
    """JavaScript/CSS assets needed for an offline map are not installed."""


class SelectionError(GeomapError, ValueError):
    """A map filter that cannot be applied (an unknown event type, a malformed box)."""


class TableError(GeomapError):
    """One of geomap's knowledge tables (triggers, actors) is malformed."""
