"""Saved web pages (``.html``, ``.htm``): the article's main text and its metadata.

trafilatura takes out the text (menus, cookie banners, related links and comments left
out) and the metadata: title, author, publication date, site name and canonical URL, from
JSON-LD (``NewsArticle``), OpenGraph and ``<meta>`` tags, or the page itself. It is the
extractor of choice in the field's comparisons (it scores best or near it on the
ScrapingHub article-extraction benchmark and in Bevendorff et al., SIGIR 2023, where
readability ports and boilerpipe trail it), it is maintained, and it reads metadata,
which readability-lxml and jusText do not; newspaper4k reads them too but needs NLTK.

An article's ``text`` is the extracted text: the offsets of its mentions refer to it, and
``geomap parse --format text`` shows it. Its id is its canonical URL (so that the same
item read from a feed is stored once), else a hash of its text.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
from pathlib import Path

from ..articles import MAX_ARTICLE_BYTES, Skipped, content_id, without_nul
from ..errors import ArticleError
from ..model import Article
from .common import item_date, optional_text

PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
#: Query parameters that track a click, not name a page: left out of an article's id.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")


def page_items(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> list[Article | Skipped]:
    """The article of a saved page, or why there is none."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes * 4:  # markup is several times its text
            return [Skipped(where, f"{size:,} bytes, over the limit for a page")]
        html = path.read_bytes()
    except OSError as exc:
        return [Skipped(where, exc.strerror or str(exc))]
    try:
        return [page_article(html, where, path=where, max_bytes=max_bytes)]
    except ArticleError as exc:
        return [Skipped(where, str(exc).removeprefix(f"{where}: "))]


def page_article(
    html: bytes | str,
    where: str,
    *,
    url: str | None = None,
    path: str | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> Article:
    """The article of one page's ``html`` (``url``: where it was fetched from, used when
    the page names no canonical address); raises :class:`ArticleError` naming ``where``
    when the page holds no article text."""
    import trafilatura  # (a tenth of a second to import: only when a page is read)

    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    text = without_nul((document.text or "").strip()) if document is not None else ""
    if not text:
        raise ArticleError(
            f"{where}: no article text found in the page (a front page, a list of links, or "
            "a page that draws its text with scripts?)"
        )
    if len(text.encode("utf-8")) > max_bytes:
        raise ArticleError(f"{where}: its text is over the limit of {max_bytes:,} bytes")
    canonical = canonical_url(document.url or url)
    return Article(
        id=canonical or content_id(text),
        text=text,
        date=published_date(html),
        title=optional_text(document.title),
        url=canonical,
        source=optional_text(document.sitename) or optional_text(document.hostname),
        path=path,
        author=optional_text(document.author),
        source_kind="html",
    )


def canonical_url(url: str | None) -> str | None:
    """``url`` as an article's id: an http(s) address with its scheme and host in lower
    case, without its fragment or click-tracking parameters (``utm_source``...)."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    try:
        parts = urllib.parse.urlsplit(url.strip())
        parts.port  # noqa: B018 (raises for a port that is no number)
    except ValueError:  # "http://[bad/news": no address to key an article by
        return None
    query = [
        (key, value)
        for key, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(_TRACKING)
    ]
    return urllib.parse.urlunsplit(
        (
            parts.scheme.lower(),
            parts.netloc.lower(),
            parts.path or "/",
            urllib.parse.urlencode(query),
            "",
        )
    )


#: Where pages state when they were published: ``<meta>`` names and properties, in order.
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "pubdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
)


def published_date(html: bytes | str) -> dt.date | None:
    """When a page says it was published: JSON-LD's ``datePublished`` (else
    ``dateCreated``), a ``<meta>`` tag (:data:`_DATE_META`), else the ``datetime`` of its
    first ``<time>`` in an ``<article>``; as an ISO 8601 or RFC 2822 date. Not a date found
    in its text ("Updated 3/4/2021" in a footer: March or April?), which would be a guess,
    as trafilatura's own date search would make."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    candidates: list[str] = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        candidates += _json_ld_dates(script)
    metas = {
        (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower(): (
            meta.get("content") or ""
        )
        for meta in tree.iter("meta")
    }
    candidates += [metas[key] for key in _DATE_META if metas.get(key)]
    candidates += tree.xpath("//article//time/@datetime")[:1]
    for value in candidates:
        try:
            found = item_date(value, "page")
        except ArticleError:
            continue
        if found is not None:
            return found
    return None


def _json_ld_dates(script: str) -> list[str]:
    try:
        data = json.loads(script)
    except ValueError:
        return []
    found: list[str] = []
    stack = [data]
    while stack:  # JSON-LD nests (a @graph, a list of things): every object is looked at
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            found += [str(item[k]) for k in ("datePublished", "dateCreated") if item.get(k)]
            stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return found
