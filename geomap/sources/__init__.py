"""Readers of the kinds of sources articles come in, beside the text and JSON Lines files
of :mod:`geomap.articles` (which picks the reader for a file):

- :mod:`~geomap.sources.pages`: saved web pages (``.html``, ``.htm``): the main text and
  its metadata, boilerplate left out;
- :mod:`~geomap.sources.feeds`: RSS and Atom feeds, files or URLs, fetched politely
  (:mod:`~geomap.sources.fetch`);
- :mod:`~geomap.sources.telegram`: Telegram Desktop's JSON export of a channel;
- :mod:`~geomap.sources.tables`: CSV, TSV and Parquet with a text column.

Each gives :class:`~geomap.model.Article` records and a
:class:`~geomap.articles.Skipped` for each item it cannot read (and why), going on after it.
"""


def is_url(source: object) -> bool:
    """Whether ``source`` (a command line argument) is an http(s) address.

    Here, not in :mod:`~geomap.sources.fetch`: every command asks it of its arguments, and
    importing the fetcher loads ``http.client``, ``ssl`` and ``email`` (about 30 ms of a
    command's start) for the few that fetch.
    """
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))
