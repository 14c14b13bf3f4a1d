"""RSS and Atom feeds, from files or addresses: each item is an article.

An item's id is its link (as :func:`~geomap.sources.pages.canonical_url` writes it, so
that the same story saved as a page is stored once), else its guid, else a hash of its
text; its date is its published (else updated) date as the feed writes it; its text is
its title and its content (else summary) as plain text. With ``fetch_pages`` the page an
item links to is fetched and its text taken out as a saved page's is; items already in
the store are then not fetched again.

Feeds at addresses are fetched politely (see :mod:`geomap.sources.fetch`): what a feed
answered (its ETag and Last-Modified) is remembered by the store once its items are
saved, so that the next update asks "changed since?" and an unchanged feed costs a 304.
feedparser reads the feeds: it is the maintained reader of every RSS and Atom version and
of the malformed feeds real servers send.
"""

from __future__ import annotations

import datetime as dt
import html as html_entities
import io
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from ..articles import MAX_ARTICLE_BYTES, Note, Skipped, content_id, without_nul
from ..errors import ArticleError, FetchError
from ..model import Article
from .common import item_date, one_line, optional_text
from .fetch import Fetcher
from .pages import canonical_url, page_article

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})


def _harmless() -> tuple[type, ...]:
    import feedparser

    # a feed whose declared encoding or type differs from what it is: read all the same
    return (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


class FeedMemory(Protocol):
    """Where what a feed answered last is kept (a store: see :class:`geomap.store.Store`)."""

    def feed_state(self, url: str) -> tuple[str | None, str | None] | None: ...


@dataclass
class Web:
    """What reading feeds and pages over the network needs in one batch: the
    :class:`Fetcher` (its per-host delay spans the batch), what the store remembers of
    each feed, which item ids it holds already (``known``: their pages are not fetched
    again); and, filled while reading, what each feed answered (``answered``),
    for the store to remember once the items are saved."""

    fetcher: Fetcher = field(default_factory=Fetcher)
    memory: FeedMemory | None = None
    known: Callable[[Collection[str]], Collection[str]] | None = None
    answered: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)


def feed_file_items(
    path: Path,
    web: Web | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    *,
    fetch_pages: bool = False,
) -> Iterator[Article | Skipped | Note]:
    """The items of a feed saved as a file (with ``fetch_pages``, the pages they link to
    fetched by ``web``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(str(path), exc.strerror or str(exc))
        return
    yield from feed_articles(
        data, str(path), web if fetch_pages else None, max_bytes, path=str(path)
    )


def feed_url_items(
    url: str, web: Web, max_bytes: int = MAX_ARTICLE_BYTES, *, fetch_pages: bool = False
) -> Iterator[Article | Skipped | Note]:
    """The items of the feed at ``url``, asked for conditionally; a feed that cannot be
    fetched is one :class:`Skipped` (tried again by the next update or ``watch`` poll)."""
    etag, modified = (web.memory.feed_state(url) if web.memory else None) or (None, None)
    try:
        fetched = web.fetcher.get(url, etag=etag, last_modified=modified)
    except FetchError as exc:
        yield Skipped(url, str(exc).removeprefix(f"{url}: "))
        return
    if fetched.status == 304 or fetched.body is None:
        yield Note(url, "not changed since it was last read")
        return
    items = list(feed_articles(fetched.body, url, web if fetch_pages else None, max_bytes))
    if not any(isinstance(item, Skipped) and item.where == url for item in items):
        web.answered[url] = (fetched.etag, fetched.last_modified)
    yield from items


def feed_articles(
    data: bytes,
    where: str,
    web: Web | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    path: str | None = None,
) -> Iterator[Article | Skipped | Note]:
    """The articles of a feed's bytes (``where`` names it in messages); with ``web``, the
    pages they link to, fetched."""
    import feedparser  # (only when a feed is read)

    # bytes in a stream: feedparser opens a string or bytes that name a file or address
    # itself, and a server must not make geomap read a local file
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if parsed.bozo or not parsed.version:
            problem = parsed.get("bozo_exception")
            reason = f" ({one_line(problem)})" if problem else ""
            yield Skipped(where, f"not an RSS or Atom feed{reason}")
        else:
            yield Note(where, "a feed with no items")
        return
    problem = parsed.get("bozo_exception")
    if parsed.bozo and not isinstance(problem, _harmless()):
        # a feed cut off or broken part way: the items read are kept, and it is asked
        # for in full the next time (see feed_url_items)
        yield Skipped(where, f"a malformed feed ({one_line(problem)}): its items read are kept")
    source = _text(parsed.feed.get("title"))
    scope = canonical_url(parsed.feed.get("link")) or source or where
    entries = list(parsed.entries)
    ids = [_entry_id(entry, scope) for entry in entries]
    stored: Collection[str] = ()
    if web is not None and web.known is not None:
        stored = set(web.known([i for i in ids if i]))
    already = 0
    for number, (entry, given_id) in enumerate(zip(entries, ids, strict=True), start=1):
        item_where = f"{where}#{number}"
        if given_id in stored:
            already += 1  # its page was fetched before: not again
            continue
        try:
            article = _entry_article(entry, given_id, source, path, item_where, max_bytes)
        except ArticleError as exc:
            yield Skipped(item_where, str(exc).removeprefix(f"{item_where}: "))
            continue
        if web is not None and article.url:
            article, problem = _with_page(article, web, max_bytes)
            if problem:
                yield Note(article.url or item_where, problem)
        yield article
    if already:
        yield Note(where, f"{already} items already stored (their pages not fetched again)")


def _entry_id(entry: Any, scope: str) -> str | None:
    """An item's id: its link; else its guid, as it is when it is a URI (``tag:...``,
    ``urn:...``), else within its feed (``feed:<the feed's address>:<guid>``: a guid such
    as "123" is unique in its feed only)."""
    link = canonical_url(entry.get("link"))
    guid = _text(entry.get("id"))
    if link or not guid:
        return link
    return guid if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:\S", guid) else f"feed:{scope}:{guid}"


def _entry_article(
    entry: Any,
    given_id: str | None,
    source: str | None,
    path: str | None,
    where: str,
    max_bytes: int,
) -> Article:
    title = _text(entry.get("title"))
    contents = entry.get("content") or []
    body = html_text(contents[0].get("value", "") if contents else entry.get("summary", ""))
    text = without_nul("\n\n".join(part for part in (title, body) if part))
    if not text.strip():
        raise ArticleError(f"{where}: an item with no title or text")
    if len(text.encode("utf-8")) > max_bytes:
        raise ArticleError(f"{where}: its text is over the limit of {max_bytes:,} bytes")
    return Article(
        id=given_id or content_id(text),
        text=text,
        date=_entry_date(entry, where),
        title=title,
        url=canonical_url(entry.get("link")),
        source=source,
        path=path,
        author=_author(entry.get("author")),
        source_kind="feed",
    )


def _entry_date(entry: Any, where: str) -> dt.date | None:
    for key in ("published", "updated", "created"):
        value = entry.get(key)
        if value:
            try:
                return item_date(value, where)
            except ArticleError:
                parsed = entry.get(f"{key}_parsed")  # (feedparser read it: UTC)
                if parsed:
                    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
                raise
    return None


def _with_page(article: Article, web: Web, max_bytes: int) -> tuple[Article, str | None]:
    """``article`` with the text of the page it links to, or as it is and why."""
    assert article.url is not None
    try:
        fetched = web.fetcher.get(article.url)
        assert fetched.body is not None
        page = page_article(fetched.body, article.url, url=article.url, max_bytes=max_bytes)
    except (FetchError, ArticleError) as exc:
        reason = str(exc).removeprefix(f"{article.url}: ")
        return article, f"page not fetched ({reason}); the feed's text is used"
    return (
        replace(
            article,
            text=page.text,
            date=article.date or page.date,
            title=page.title or article.title,
            author=page.author or article.author,
        ),
        None,
    )


_LINE_BREAK = re.compile(r"(?i)<br\s*/?>")
_BLOCK_END = re.compile(r"(?i)</(?:p|div|li|h[1-6]|blockquote|tr|section)\s*>")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_text(fragment: str | None) -> str:
    """The plain text of an HTML fragment (a feed item's content): paragraphs apart by
    a blank line, as a text article's."""
    if not fragment:
        return ""
    if "<" not in fragment:
        return html_entities.unescape(fragment).strip()
    import lxml.html

    try:
        marked = _BLOCK_END.sub("\n\n", _LINE_BREAK.sub("\n", fragment))
        tree = lxml.html.fragment_fromstring(marked, create_parent="div")
    except Exception:  # lxml's errors have no common root; text is better than nothing
        return html_entities.unescape(re.sub(r"<[^>]*>", " ", fragment)).strip()
    for element in list(tree.iter("script", "style")):
        element.drop_tree()
    lines = (" ".join(line.split()) for line in tree.text_content().split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _text(value: object) -> str | None:
    """A feed's text field (a title, an id): entities read, spaces made single."""
    return optional_text(html_entities.unescape(" ".join(str(value).split()))) if value else None


def _author(value: object) -> str | None:
    """An item's author: RSS writes ``jane@example.org (Jane Doe)``: the name is kept."""
    text = _text(value)
    match = re.fullmatch(r"\S+@\S+\s*\((.+)\)", text or "")
    return match.group(1).strip() if match else text
