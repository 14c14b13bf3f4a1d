"""Main-text extractors compared on news pages in the shapes real sites use.

Pages are made here, in several layouts (an ``<article>`` in ``<main>``, JSON-LD
``NewsArticle`` metadata, OpenGraph tags, a bare ``<div>`` soup with no metadata, a page
with a long comment thread, a liveblog of short dated entries), each with its boilerplate:
menus, a cookie banner, related links, a newsletter box, comments and a footer. Every
sentence of a page is known to be body or boilerplate, so each extractor is scored on:

- body recall: the share of body sentences in its text;
- boilerplate kept: the share of boilerplate sentences in its text (lower is better);
- metadata: title, date and author right, for the extractors that read them;
- pages/s.

    python benchmarks/pages_bench.py [--pages 300] [--seed 5]

The extractors: trafilatura (geomap's, as geomap calls it: geomap.sources.pages),
readability-lxml and jusText (``pip install readability-lxml``; jusText comes with
trafilatura); an extractor not installed is left out. The pages are synthetic: the figures
say how the extractors treat these layouts, not how they do on the web at large (see the
published comparisons cited in the README).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

TOWNS = (
    "Kherson",
    "Mykolaiv",
    "Bakhmut",
    "Aleppo",
    "Idlib",
    "El Fasher",
    "Khartoum",
    "Goma",
    "Mosul",
    "Gaza",
    "Rafah",
    "Kramatorsk",
    "Avdiivka",
    "Pokrovsk",
    "Sievierodonetsk",
)
BODY = (
    "Forces entered {a} on {day} after a week of heavy fighting on its outskirts.",
    "Residents of {a} said shelling had stopped overnight for the first time in months.",
    "Officials in {b} reported that the road to {a} had been cleared of mines.",
    "A bridge linking {a} and {b} was destroyed, according to local authorities.",
    "Aid convoys reached {b} on {day}, carrying food and medicine for thousands of people.",
    "Commanders said the advance toward {b} would continue despite heavy losses.",
    "The power station near {a} was hit again, leaving the district without electricity.",
    "Humanitarian groups warned that water supplies in {b} would last only days.",
)
BOILER = (
    "Subscribe to our newsletter for the morning briefing from {c}.",
    "We use cookies to improve your experience on this site.",
    "Most read: celebrity wedding in {c} draws crowds.",
    "Related: football club from {c} signs a new striker.",
    "Comment by reader_{n}: I visited {c} last summer and loved it.",
    "Copyright the Example Herald, all rights reserved, {c} bureau.",
)


@dataclass(frozen=True)
class Page:
    html: str
    body: list[str]
    boilerplate: list[str]
    title: str
    date: dt.date | None
    author: str | None


def make_page(rng: random.Random, layout: str) -> Page:
    a, b, c = rng.sample(TOWNS, 3)
    day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(700))
    fill = {"a": a, "b": b, "c": c, "day": f"{day:%B} {day.day}", "n": rng.randrange(999)}
    body = [s.format(**fill) for s in rng.sample(BODY, rng.choice((6, 8)))]
    boiler = [s.format(**fill | {"n": rng.randrange(999)}) for s in BOILER]
    title = f"Fighting near {a} as forces push toward {b}"
    author = rng.choice(("Jane Reporter", "Omar Writer", "Olena Correspondent"))
    head = f"<title>{title} | Example Herald</title>"
    meta_date: dt.date | None = day
    meta_author: str | None = author
    if layout == "jsonld":
        head += (
            '<script type="application/ld+json">'
            + json.dumps(
                {
                    "@context": "https://schema.org",
                    "@type": "NewsArticle",
                    "headline": title,
                    "datePublished": f"{day.isoformat()}T09:00:00+02:00",
                    "author": {"@type": "Person", "name": author},
                }
            )
            + "</script>"
        )
    elif layout == "opengraph":
        head += (
            f'<meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="{day.isoformat()}T09:00:00Z">'
            f'<meta name="author" content="{author}">'
        )
    else:
        meta_date = meta_author = None
    # paragraphs of three sentences (about 250 characters), as news sites write them
    paragraphs = "".join(f"<p>{' '.join(body[i : i + 3])}</p>" for i in range(0, len(body), 3))
    nav = '<nav><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li></ul></nav>'
    cookie = f'<div class="cookie-consent"><p>{boiler[1]}</p><button>Accept</button></div>'
    related = (
        f'<aside class="related"><h3>More</h3><ul><li><a href="/x">{boiler[2]}</a></li>'
        f'<li><a href="/y">{boiler[3]}</a></li></ul></aside>'
    )
    newsletter = f'<div class="newsletter-signup"><p>{boiler[0]}</p></div>'
    comments = f'<section id="comments" class="comments"><p>{boiler[4]}</p></section>'
    footer = f"<footer><p>{boiler[5]}</p></footer>"
    if layout == "bare":
        article = f'<div class="content"><div class="text">{paragraphs}</div></div>'
    elif layout == "liveblog":
        article = (
            "<main>"
            + "".join(
                f'<div class="entry"><time>{9 + i}:00</time><p>{" ".join(body[i : i + 3])}</p></div>'
                for i in range(0, len(body), 3)
            )
            + "</main>"
        )
    else:
        article = (
            f'<main><article><h1>{title}</h1><p class="byline">By {author}</p>'
            f"{paragraphs}{newsletter}</article>{related}{comments}</main>"
        )
        newsletter = comments = ""
    page = (
        f"<!doctype html><html><head>{head}</head><body>{nav}{cookie}{article}"
        f"{newsletter}{related if layout in ('bare', 'liveblog') else ''}{comments}"
        f"{footer}</body></html>"
    )
    return Page(page, body, boiler, title, meta_date, meta_author)


def trafilatura_extract(html: str) -> tuple[str, str | None, dt.date | None, str | None]:
    from geomap.errors import ArticleError
    from geomap.sources.pages import page_article

    try:
        article = page_article(html, "page")
    except ArticleError:
        return "", None, None, None
    return article.text, article.title, article.date, article.author


def readability_extract(html: str) -> tuple[str, str | None, dt.date | None, str | None]:
    import lxml.html
    from readability import Document

    document = Document(html)
    text = lxml.html.fromstring(document.summary()).text_content()
    return text, document.short_title(), None, None


def justext_extract(html: str) -> tuple[str, str | None, dt.date | None, str | None]:
    import justext

    paragraphs = justext.justext(html.encode(), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate), None, None, None


EXTRACTORS: dict[str, Callable[[str], tuple[str, str | None, dt.date | None, str | None]]] = {
    "trafilatura (geomap)": trafilatura_extract,
    "readability-lxml": readability_extract,
    "jusText": justext_extract,
}
LAYOUTS = ("jsonld", "opengraph", "bare", "liveblog")


def _share(results: list[tuple], pages: list[Page], field: int, attribute: str) -> str:
    """How often the extractor's ``field`` (of its results) is the page's ``attribute``
    ("-" when it never reads that field); a title may keep the site's name after "|"."""
    if all(r[field] is None for r in results):
        return "-"
    right = 0
    for result, page in zip(results, pages, strict=True):
        value, truth = result[field], getattr(page, attribute)
        if isinstance(value, str):
            value = re.sub(r"\s*\|.*", "", value)
        right += value == truth
    return f"{right / len(pages):.0%}"


def _has(text: str, sentence: str) -> bool:
    return " ".join(sentence.split()) in " ".join(text.split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pages = [make_page(rng, LAYOUTS[i % len(LAYOUTS)]) for i in range(args.pages)]
    print(
        f"{'extractor':<22} {'layout':<10} {'body recall':>11} {'boiler kept':>11} "
        f"{'title':>6} {'date':>6} {'author':>6} {'pages/s':>8}"
    )
    for name, extract in EXTRACTORS.items():
        try:
            extract(pages[0].html)
        except ImportError:
            print(f"{name:<22} not installed")
            continue
        for layout in (*LAYOUTS, "all"):
            chosen = [p for i, p in enumerate(pages) if layout in ("all", LAYOUTS[i % 4])]
            began = time.perf_counter()
            results = [extract(p.html) for p in chosen]
            seconds = time.perf_counter() - began
            recall = sum(
                _has(r[0], s) for r, p in zip(results, chosen, strict=True) for s in p.body
            )
            kept = sum(
                _has(r[0], s) for r, p in zip(results, chosen, strict=True) for s in p.boilerplate
            )
            bodies = sum(len(p.body) for p in chosen)
            boilers = sum(len(p.boilerplate) for p in chosen)

            print(
                f"{name:<22} {layout:<10} {recall / bodies:>11.1%} {kept / boilers:>11.1%} "
                f"{_share(results, chosen, 1, 'title'):>6} "
                f"{_share(results, chosen, 2, 'date'):>6} "
                f"{_share(results, chosen, 3, 'author'):>6} {len(chosen) / seconds:>8.0f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
