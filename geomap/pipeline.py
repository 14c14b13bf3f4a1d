"""The pipeline end to end: articles → extract → resolve → events → store → export/render.

The command line calls these functions; they hold the orchestration, the stages hold the
logic.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .articles import (
    MANY_ARTICLE_SUFFIXES,
    SOURCE_KIND_OF_SUFFIX,
    Note,
    ReadOptions,
    Skipped,
    article_label,
    date_line_end,
    read_items,
    scan_sources,
    text_hash,
)
from .errors import ArticleError, StoreError
from .export import export_files, export_layers
from .extract import find_spans
from .gazetteer import Gazetteer
from .languages import HOME_COUNTRIES, SLAVIC
from .languages.detect import detect_language
from .languages.recognize import find_spans_slavic
from .languages.streets import find_streets, locate_streets
from .languages.translit import TransliteratingIndex
from .model import Article, Event, Mention
from .names import slug
from .ner import Recognizer
from .output import OutputDir
from .parallel import parse_all
from .resolve import resolve
from .selection import Selection

# the store and the maps are loaded by the commands that write them, not by `parse` (35 ms)
if TYPE_CHECKING:
    from .sources.feeds import Web
    from .store import Store

#: Bumped when extraction, resolution or event rules change what a run produces.
PIPELINE_VERSION = "26"
STORE_NAME = "geomap.sqlite"
MAP_NAME = "index.html"
EVENTS_NAME = "events.geojson"
PLACES_NAME = "places.geojson"
FRONTLINE_NAME = "frontline.geojson"
BRIDGES_NAME = "bridges.geojson"
GEOJSON_NAMES = (EVENTS_NAME, PLACES_NAME, FRONTLINE_NAME, BRIDGES_NAME)
OUTPUTS = (MAP_NAME, *GEOJSON_NAMES)

ARTICLE_MAPS_DIR = "articles"

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class MapOptions:
    """What the HTML maps show and how: see ``geomap map --help``."""

    offline: bool = False
    selection: Selection = field(default_factory=Selection)
    per_article: bool = False
    title: str | None = None
    #: Also write the whole-store layers ``events.geojson`` and ``places.geojson``, which
    #: cost what the store holds (the layers are always written in chunks as well).
    combined: bool = False
    #: Reference front lines (``FILE`` or ``FILE:SIDE``: see :mod:`geomap.reference`).
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleResult:
    """What the pipeline made of one article."""

    article: Article
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True)
class SourceCount:
    """What one source gave: its kind (``html``, ``feed``...), its articles, its items
    skipped."""

    kind: str
    articles: int
    skipped: int


@dataclass
class RunSummary:
    """Counts and paths of one ``run``."""

    articles: int = 0
    parsed: int = 0
    unchanged: int = 0
    reparsed: int = 0
    stale: int = 0
    replaced: int = 0
    #: Every output was already made from these inputs: nothing was written.
    up_to_date: bool = False
    mentions: int = 0
    resolved: int = 0
    events: int = 0
    outputs: list[Path] = field(default_factory=list)
    #: Items that could not be read (a file, or one JSON line), with why; the rest went on.
    skipped: list[Skipped] = field(default_factory=list)
    #: Files in the folders that are not articles (a .docx, a picture).
    other_files: list[Skipped] = field(default_factory=list)
    #: Articles read without a date (their events are dated by their own words only).
    undated: int = 0
    #: Articles read twice in one batch with the same id and text (kept once).
    duplicates: int = 0
    #: What sources said that is not a fault (a feed not changed since it was last read).
    notes: list[Note] = field(default_factory=list)
    #: Per source (a file, a feed's address): its kind, articles read, items skipped.
    sources: dict[str, SourceCount] = field(default_factory=dict)


def read_sources(
    files: Sequence[Path | str],
    summary: RunSummary,
    reading: ReadOptions,
    web: Web | None = None,
) -> Iterator[tuple[Path | str, list[Article], bool]]:
    """Each file (or feed address) of ``files`` with the articles read from it, and
    whether all of it was read (no item of it skipped); bad items go to
    ``summary.skipped`` (or raise :class:`ArticleError` when ``reading.strict``), what
    sources say to ``summary.notes``, and each source's counts to ``summary.sources``. An
    id read twice is kept once: with the same text it is counted in ``summary.duplicates``,
    with another text the later one is a bad item (which text is meant cannot be known).
    Feeds at addresses are fetched by ``web`` (a new :class:`~geomap.sources.feeds.Web`
    when none is given)."""
    first_seen: dict[str, tuple[str, str, str | None]] = {}  # id -> (where, hash, kind)
    for path in files:
        articles = []
        bad_before = len(summary.skipped)
        if web is None and (isinstance(path, str) or reading.fetch_pages):
            from .sources.feeds import Web

            web = Web()
        if isinstance(path, str):
            from .sources.feeds import feed_url_items

            assert web is not None
            items: Iterable[Article | Skipped | Note] = feed_url_items(
                path, web, reading.max_article_bytes, fetch_pages=reading.fetch_pages
            )
        else:
            items = read_items(path, options=reading, web=web)
        for item in items:
            if isinstance(item, Note):
                summary.notes.append(item)
                continue
            if isinstance(item, Article):
                if reading.lang is not None:
                    item = replace(item, lang=reading.lang)
                digest = text_hash(item)
                first = first_seen.get(item.id)
                if first is None:
                    first_seen[item.id] = (str(path), digest, item.source_kind)
                elif first[1] == digest:
                    summary.duplicates += 1
                    continue
                elif first[2] != item.source_kind and same_story(item):
                    # one story from two kinds of source (a feed's item and its page,
                    # saved): by its address, the same article, stored once
                    summary.notes.append(
                        Note(
                            str(path),
                            f"{item.id} was read before ({first[0]}, {first[2]}): the "
                            "first is kept",
                        )
                    )
                    continue
                else:
                    item = Skipped(
                        str(path),
                        f"id {item.id!r} was read before ({first[0]}) with another text; "
                        "the first is kept",
                    )
            if isinstance(item, Skipped):
                if reading.strict:
                    raise ArticleError(f"{item} (--strict stops at the first bad item)")
                summary.skipped.append(item)
            else:
                articles.append(item)
                summary.undated += item.date is None
        bad = len(summary.skipped) - bad_before
        summary.sources[str(path)] = SourceCount(_source_kind(path, articles), len(articles), bad)
        yield path, articles, bad == 0


def same_story(article: Article) -> bool:
    """Whether ``article`` is keyed by its address (a page's canonical URL, a feed item's
    link): read again from another kind of source it is the same story, not a clash of
    ids (a table's row "1" and a JSON line's "1" are not one story)."""
    return article.url is not None and article.id == article.url


def _source_kind(path: Path | str, articles: Sequence[Article]) -> str:
    """What kind of source ``path`` is, for the summary (by its articles, else its name)."""
    if articles and articles[0].source_kind:
        return articles[0].source_kind
    if isinstance(path, str):
        return "feed"
    suffix = path.suffix.lower()
    return SOURCE_KIND_OF_SUFFIX.get(suffix, suffix.lstrip(".") or "text")


def source_list(sources: Sequence[str | Path]) -> tuple[list[Path | str], list[Skipped]]:
    """The files of ``sources`` (see :func:`geomap.articles.scan_sources`), with the feed
    addresses among them (``https://...``) kept as they are, in the order given; and the
    files of other kinds found in their folders."""
    from .sources import is_url

    addresses = [str(s) for s in sources if is_url(str(s))]
    files, others = scan_sources([s for s in sources if not is_url(str(s))])
    return [*files, *dict.fromkeys(addresses)], others


def mentions_of(
    article: Article, gazetteer: Gazetteer, recognize: Recognizer = find_spans
) -> list[Mention]:
    """Recognise (with ``recognize``, see :mod:`geomap.ner`) and resolve the place names of
    one article (none in its date line: "Date: 12 March 2022" names no town in Japan).

    A Ukrainian or Russian article (its ``lang``, else its detected language) is read by
    :mod:`geomap.languages.recognize` unless another recogniser than the default is asked.
    """
    dated = date_line_end(article.text)
    lang = with_language(article).lang
    reads = getattr(recognize, "languages", None)  # None: every language
    if reads is not None and lang not in reads:
        recognize = find_spans  # "--ner natasha" reads Russian; the others, their default
    if lang in SLAVIC and recognize is find_spans:
        spans = find_spans_slavic(article.text, gazetteer, lang, dated)
    else:
        spans = [s for s in recognize(article.text, gazetteer) if s.start >= dated]
    if lang in SLAVIC:
        # names are found in Cyrillic; their places are also sought in Latin spelling
        streets = find_streets(article.text, lang, spans, dated)
        covered = [(s.start, s.end) for s in streets]
        # a word of a street's name is no place of its own ("просп. Центральний")
        spans = [s for s in spans if not any(a <= s.start < b for a, b in covered)]
        places = resolve(
            article.id,
            spans,
            TransliteratingIndex(gazetteer, lang),
            home=HOME_COUNTRIES.get(lang),
            owners_vote=False,
        )
        if not streets:
            return places
        located = locate_streets(article.id, article.text, streets, places)
        return sorted([*places, *located], key=lambda m: m.start)
    return resolve(article.id, spans, gazetteer)


def process(
    article: Article,
    gazetteer: Gazetteer,
    recognize: Recognizer = find_spans,
    *,
    events: bool = True,
) -> ArticleResult:
    """Recognise, resolve and extract events from one article, in its language (detected
    when the article does not say). With ``events`` false, only recognise and resolve
    (``geomap parse`` prints no events: a seventh of a Ukrainian article's instructions)."""
    article = with_language(article)
    mentions = mentions_of(article, gazetteer, recognize)
    if not events:
        return ArticleResult(article, tuple(mentions), ())
    # here, not at the top: a command that extracts no events starts without their rules
    if article.lang in SLAVIC:
        from .languages.events import extract_events_slavic

        found = extract_events_slavic(article, mentions, article.lang)
    else:
        from .events import CROSSING_KINDS, CrossingFinder, extract_events

        crossings = CrossingFinder(gazetteer.places_of_kind(*CROSSING_KINDS))
        found = extract_events(article, mentions, crossings)
    return ArticleResult(article, tuple(mentions), tuple(found))


def parse_record(result: ArticleResult) -> dict[str, Any]:
    """The ``geomap parse --format jsonl`` record of one article (a stable interface).

    Demonyms ("Russian") are kept apart from the place names, under ``"demonyms"``.
    """
    article = result.article
    return {
        "id": article.id,
        "date": article.date.isoformat() if article.date else None,
        "mentions": [_mention_record(m) for m in result.mentions if m.role != "demonym"],
        "demonyms": [_mention_record(m) for m in result.mentions if m.role == "demonym"],
    }


def _mention_record(m: Mention) -> dict[str, Any]:
    return {
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "literal": m.literal,
        "role": m.role,
        "score": m.score,
        "place": None
        if m.place is None
        else {
            "id": m.place.id,
            "name": m.place.name,
            "kind": m.place.kind,
            "lat": m.place.lat,
            "lon": m.place.lon,
            "country": m.place.country,
            "admin1": m.place.admin1,
        },
    }


def iter_results(
    sources: Iterable[str | Path],
    gazetteer: Gazetteer,
    recognize: Recognizer = find_spans,
    summary: RunSummary | None = None,
    reading: ReadOptions | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    *,
    events: bool = True,
) -> Generator[ArticleResult, None, None]:
    """Process every article of ``sources`` (files or folders), in order, in ``workers``
    processes (see :func:`geomap.parallel.parse_all`), or on the Dask cluster of
    ``scheduler`` (see :func:`geomap.cluster.parse_all`); bad items are skipped into
    ``summary`` (see :func:`read_sources`). With ``events`` false, no events are
    extracted (see :func:`process`)."""
    summary = summary if summary is not None else RunSummary()
    files, summary.other_files = source_list(sources)

    def articles() -> Iterator[Article]:
        for _, found, _ in read_sources(files, summary, reading or ReadOptions()):
            for article in found:
                summary.articles += 1
                yield article

    parsed = _parse_all(articles(), gazetteer, recognize, workers, scheduler, events=events)
    with closing(parsed) as results:
        yield from results


def run(
    sources: Sequence[str | Path],
    out_dir: str | Path,
    gazetteer: Gazetteer,
    *,
    offline: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
    recognize: Recognizer = find_spans,
    recognizer_name: str = "gazetteer",
    map_options: MapOptions | None = None,
    wait: bool = False,
    stage: Callable[[str], None] | None = None,
    reading: ReadOptions | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> RunSummary:
    """Process ``sources`` into the store in ``out_dir`` and write the maps and exports.

    Articles already in the store with the same text and versions (and recogniser, named
    ``recognizer_name``) are not parsed again.
    The outputs show exactly the articles of ``sources``; ``map_options`` (whose
    ``offline`` wins over ``offline``) narrows what the HTML maps show. The store is
    locked while running (``wait`` queues behind another update instead of failing).
    ``stage`` hears when writing the outputs begins (after the last article). Bad items
    are skipped into the summary, or stop the run before anything is stored with
    ``reading.strict``. Articles are parsed in ``workers`` processes (see
    :func:`geomap.parallel.parse_all`) and saved here, in order.
    With ``scheduler``, the address of a Dask scheduler, they are parsed on its cluster
    instead (see :func:`geomap.cluster.parse_all`).
    """
    from .store import Store

    # a run's outputs are its articles' alone: the whole layers cost nothing extra
    options = replace(map_options or MapOptions(offline=offline), combined=True)
    summary = RunSummary()
    files, summary.other_files = source_list(sources)
    if not files:
        raise ArticleError(_nothing_found(sources))
    reading = reading or ReadOptions()
    articles = [a for _, found, _ in read_sources(files, summary, reading) for a in found]
    if not articles:
        raise ArticleError(_nothing_read(summary))
    out = _prepared_output(out_dir, overwrite, options)

    gazetteer_version = gazetteer.version
    run_ids = [article.id for article in articles]
    with Store(Path(out_dir) / STORE_NAME) as store, store.updating(wait=wait):
        summary.articles = len(articles)
        changed = [
            store.article_hash(article.id)
            != content_hash(article, gazetteer_version, recognizer_name)
            for article in articles
        ]
        # stored with its absolute path, as update does: the same file reached from
        # another folder or by another path is then known
        todo = (
            replace(article, path=str(Path(article.path).resolve())) if article.path else article
            for article, parse in zip(articles, changed, strict=True)
            if parse
        )
        with closing(_parse_all(todo, gazetteer, recognize, workers, scheduler)) as results:
            for number, (article, parse) in enumerate(zip(articles, changed, strict=True), start=1):
                if parse:
                    _save(store, next(results), gazetteer_version, recognizer_name)
                    summary.parsed += 1
                else:
                    summary.unchanged += 1
                if progress:
                    progress(number, len(articles), article.path or article.id)
        _publish(store, out, gazetteer, options, summary, set(run_ids), stage)
    return summary


def update(
    sources: Sequence[str | Path],
    store_path: str | Path,
    out_dir: str | Path,
    gazetteer: Gazetteer,
    *,
    reparse: bool = False,
    overwrite: bool = False,
    wait: bool = False,
    progress: Progress | None = None,
    recognize: Recognizer = find_spans,
    recognizer_name: str = "gazetteer",
    map_options: MapOptions | None = None,
    stage: Callable[[str], None] | None = None,
    reading: ReadOptions | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> RunSummary:
    """Bring the store at ``store_path`` and the outputs in ``out_dir`` up to date.

    Parses only the articles of ``sources`` that are new or whose text (or date, title,
    URL, source) changed; a changed text file replaces what its earlier version produced.
    Articles parsed by another pipeline, gazetteer or recogniser are counted as
    ``stale`` and, with ``reparse``, parsed again from their stored text (sources may then
    be empty). The outputs show everything the store holds. Each article is saved in one
    transaction; while updating, the store is locked against other updates (``wait``
    queues behind one instead of failing). ``stage`` hears when writing the outputs begins.
    Bad items are skipped into the summary (``reading.strict``: the first one stops the
    update before anything is stored). Articles are parsed in ``workers`` processes (see
    :func:`geomap.parallel.parse_all`) and saved here, in order; with ``scheduler``, the
    address of a Dask scheduler, on its cluster instead (see :func:`geomap.cluster.parse_all`).
    """
    from .store import Store

    options = map_options or MapOptions()
    summary = RunSummary()
    files, summary.other_files = source_list(sources) if sources else ([], [])
    if sources and not files:
        raise ArticleError(_nothing_found(sources))
    reading = reading or ReadOptions()
    out = _prepared_output(out_dir, overwrite, options)
    gazetteer_version = gazetteer.version
    with Store(store_path) as store, store.updating(wait=wait):
        if reading.strict:  # a first pass, so that a bad item stops before anything is stored
            # (with a Web of its own: what feeds answered it is not what is saved)
            for _ in read_sources(files, RunSummary(), reading, _web(store)):
                pass
        web = _web(store)
        # then read a file at a time while updating (a batch is not held in memory)
        read = read_sources(files, summary, replace(reading, strict=False), web)
        stored_by_path: dict[str, list[str]] | None = None
        todo: list[tuple[Article, list[str]]] = []
        for path, articles, whole in read:
            # A text file is one article: its edited version replaces the earlier one (not
            # when some of the file could not be read: nothing is dropped on a guess).
            single = (
                whole
                and len(articles) == 1
                and isinstance(path, Path)
                and path.suffix.lower() not in MANY_ARTICLE_SUFFIXES
            )
            if single and stored_by_path is None:
                stored_by_path = _stored_by_path(store)
            earlier = stored_by_path.get(str(Path(path).resolve()), []) if single else []
            # only the stored articles this file may repeat are looked up
            known = store.text_hashes([article.id for article in articles])
            fuller = _fuller_stored(store, [a for a in articles if a.id in known], summary)
            for article in articles:
                summary.articles += 1
                stored = known.get(article.id)
                if stored is not None and (stored[0] == text_hash(article) or article.id in fuller):
                    summary.unchanged += 1
                    continue
                # Stored with its absolute path: an edited file is then recognised from
                # any working directory.
                located = (
                    replace(article, path=str(Path(article.path).resolve()))
                    if article.path
                    else article
                )
                todo.append((located, [i for i in earlier if i != article.id]))
        queued = {article.id for article, _ in todo}
        stale = [
            i
            for i in store.stale(PIPELINE_VERSION, gazetteer_version, recognizer_name)
            if i not in queued
        ]
        if reparse:
            todo += [(article, []) for i in stale if (article := store.article(i))]
            summary.reparsed = len(stale)
        else:
            summary.stale = len(stale)
        parsed = _parse_all(
            (article for article, _ in todo), gazetteer, recognize, workers, scheduler
        )
        with closing(parsed) as results:
            for number, ((article, replaces), result) in enumerate(
                zip(todo, results, strict=True), start=1
            ):
                _save(store, result, gazetteer_version, recognizer_name, replaces)
                summary.replaced += len(replaces)
                if progress:
                    progress(number, len(todo), article.path or article.id)
        summary.parsed = len(todo) - summary.reparsed
        # the feeds are marked read once their items are saved: an update that failed
        # before asks for them again in full
        for url, (etag, last_modified) in web.answered.items():
            store.save_feed_state(url, etag, last_modified)
        _publish(store, out, gazetteer, options, summary, stage=stage)
    return summary


def _fuller_stored(store: Store, articles: Sequence[Article], summary: RunSummary) -> set[str]:
    """The ids among ``articles`` (stored already) whose stored account of the story came
    from another kind of source and is longer (a saved page, against a feed's summary of
    it): that one is kept, with a note, so that the two do not replace each other at each
    update."""
    stories = [a for a in articles if same_story(a)]
    if not stories:
        return set()
    stored = store.text_lengths([a.id for a in stories])
    kept = set()
    for article in stories:
        kind, length = stored.get(article.id, (None, 0))
        if kind != article.source_kind and length > len(article.text):
            kept.add(article.id)
            summary.notes.append(
                Note(
                    article.path or article.id,
                    f"{article.id}: the fuller text stored ({kind}) is kept",
                )
            )
    return kept


def _web(store: Store) -> Web:
    """How an update reads feeds at addresses: asking conditionally, as the store
    remembers them, and not fetching again the pages of items it holds."""
    from .sources.feeds import Web

    return Web(memory=store, known=lambda ids: store.text_hashes(ids).keys())


def _stored_by_path(store: Store) -> dict[str, list[str]]:
    """The stored articles' ids by the file they were read from (resolved: stores made
    before paths were stored resolved hold them as typed)."""
    by_path: dict[str, list[str]] = defaultdict(list)
    resolved: dict[str, str] = {}  # articles of one JSON Lines file share its path
    for article_id, stored_path in store.article_paths().items():
        if stored_path:
            if stored_path not in resolved:
                resolved[stored_path] = str(Path(stored_path).resolve())
            by_path[resolved[stored_path]].append(article_id)
    return by_path


def _parse_all(
    articles: Iterable[Article],
    gazetteer: Gazetteer,
    recognize: Recognizer,
    workers: int,
    scheduler: str | None,
    *,
    events: bool = True,
) -> Generator[ArticleResult, None, None]:
    """The engine's results for ``articles``, in order: ``workers`` local processes, or
    the Dask cluster at ``scheduler`` when one is given. Each article's language is known
    before it is sent: a worker sends back mentions and events, not the article."""
    articles = map(with_language, articles)
    if scheduler is None:
        return parse_all(articles, gazetteer, recognize, workers, events=events)
    from . import cluster  # dask.distributed is an optional extra

    return cluster.parse_all(articles, gazetteer, recognize, scheduler, events=events)


def with_language(article: Article) -> Article:
    """``article`` with its language: its own, else the one it is detected in."""
    if article.lang is not None:
        return article
    return replace(article, lang=detect_language(article.text))


def _fingerprint(store_digest: str, options: MapOptions, gazetteer: Gazetteer) -> str:
    """What the outputs are made from: the stored articles (as parsed), the map options,
    the gazetteer and geomap's own code."""
    key = f"{store_digest}\x1f{_options_key(options, gazetteer)}\x1f{options.combined}"
    return hashlib.sha256(key.encode()).hexdigest()


def _options_key(options: MapOptions, gazetteer: Gazetteer) -> str:
    """The map options, gazetteer, pipeline and code versions, as one canonical string."""
    from .publish import code_version

    selection = options.selection
    key = {
        "offline": options.offline,
        "per_article": options.per_article,
        "title": options.title,
        "since": str(selection.since),
        "until": str(selection.until),
        "types": sorted(selection.types),
        "bbox": selection.bbox,
        "gazetteer": gazetteer.version,
        "pipeline": PIPELINE_VERSION,
        "code": code_version(),
        # (each file by its content: an edited reference redraws the maps)
        "references": [_file_digest(spec) for spec in options.references],
    }
    return json.dumps(key, sort_keys=True)


def _file_digest(spec: str) -> str:
    from .reference import split_spec

    path, side = split_spec(spec)
    try:
        content = path.read_bytes()
    except OSError:
        content = b""  # (said when the reference is read)
    return f"{spec}:{hashlib.sha256(content).hexdigest()}:{side}"


def _up_to_date(
    out: OutputDir,
    fingerprint: str,
    store: Store,
    article_ids: set[str] | None,
    options: MapOptions,
    summary: RunSummary,
) -> bool:
    """Whether every output was written from exactly these inputs and is untouched since;
    if so, fill ``summary`` from the store's counts and write nothing."""
    # everything geomap wrote here (the chunks of a store, its layers) is as written
    names = {MAP_NAME, *out.names()}
    if options.per_article:
        paths = store.article_paths()
        if article_ids is not None:
            paths = {i: p for i, p in paths.items() if i in article_ids}
        names.update(article_map_names(paths).values())
    if not out.current(fingerprint, names):
        return False
    summary.mentions, summary.resolved, summary.events = store.counts(article_ids)
    summary.up_to_date = True
    return True


def _nothing_read(summary: RunSummary) -> str:
    bad = summary.skipped
    listed = "; ".join(str(s) for s in bad[:3]) + ("; ..." if len(bad) > 3 else "")
    return f"no article could be read ({len(bad)} skipped: {listed})"


def _nothing_found(sources: Sequence[str | Path]) -> str:
    names = ", ".join(str(s) for s in sources)
    return f"no articles found in {names} (looked for .txt, .jsonl, .ndjson)"


def _prepared_output(
    out_dir: str | Path, overwrite: bool, options: MapOptions, names: Sequence[str] | None = None
) -> OutputDir:
    """The output folder, checked before any work: no user's file in the way of ``names``
    (by default the page and the layers ``options`` ask for), the offline assets present
    when needed."""
    if names is None:
        names = OUTPUTS if options.combined else (MAP_NAME,)
    out = OutputDir(out_dir, overwrite=overwrite)
    out.probe()
    for name in names:
        out.check(name)
    if options.offline:
        from .assets import check

        check()
    return out


def _save(
    store: Store,
    result: ArticleResult,
    gazetteer_version: str,
    recognizer_name: str,
    replaces: Sequence[str] = (),
) -> None:
    article = result.article
    store.save(
        article,
        result.mentions,
        result.events,
        content_hash=content_hash(article, gazetteer_version, recognizer_name),
        pipeline_version=PIPELINE_VERSION,
        gazetteer_version=gazetteer_version,
        recognizer=recognizer_name,
        replaces=replaces,
    )


def _publish(
    store: Store,
    out: OutputDir,
    gazetteer: Gazetteer,
    options: MapOptions,
    summary: RunSummary,
    article_ids: set[str] | None = None,
    stage: Callable[[str], None] | None = None,
) -> None:
    """Write the GeoJSON layers and the maps of the store's articles (all, or
    ``article_ids``) unless they were already written from exactly these inputs; count
    what they show into ``summary``. Runs
    while the caller holds the update lock, so two updaters never write the same outputs
    at once (and the parts of the outputs kept in the store are made by one of them)."""
    out.reload()  # another geomap may have written the folder while we waited for the lock
    fingerprint = _fingerprint(store.digest(article_ids), options, gazetteer)
    if _up_to_date(out, fingerprint, store, article_ids, options, summary):
        return
    summary.mentions, summary.resolved, summary.events = store.counts(article_ids)
    if stage:
        stage(f"writing the maps and GeoJSON of {summary.events} events")
    out.unmark()  # until every file is written, the folder is not up to date
    with out.deferred():  # the files and the mark saved at once
        summary.outputs = write_outputs(store, out, gazetteer, options, article_ids)
        out.mark(fingerprint)


def write_outputs(
    store: Store,
    out: OutputDir,
    gazetteer: Gazetteer,
    options: MapOptions,
    article_ids: set[str] | None = None,
    *,
    geojson: bool = True,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the overview map (``index.html``) of what ``options.selection`` keeps of the
    store's articles (all, or ``article_ids``), with ``geojson`` the GeoJSON layers, and
    with ``options.per_article`` one map per article in ``articles/`` (named by article;
    an article's map already drawn from the same article is not drawn again).
    ``progress`` hears of each map written.

    The whole store, unfiltered, is published in chunks from the parts of the outputs
    kept in the store (:mod:`geomap.publish`), which costs what changed since; the
    whole-store ``events.geojson`` and ``places.geojson`` are written with
    ``options.combined``. A selection or some of the articles are drawn from what is
    loaded for them, into one page with its data and whole layers.
    """
    from .publish import Publishing, chunk_output_name, publish_store
    from .render import render_map

    banks = gazetteer.places_of_kind("bank")
    paths: dict[str, str | None] = {}
    if article_ids is not None or options.per_article:
        paths = store.article_paths()
    if article_ids is not None and article_ids != set(paths):
        paths = {i: p for i, p in paths.items() if i in article_ids}
    else:
        article_ids = None
    pages = article_map_names(paths) if options.per_article else {}
    selection = options.selection
    shown = len(paths) if article_ids is not None else store.article_count()
    title = options.title or "geomap: " + (selection.describe() or f"{shown} articles")
    from .reference import read_references

    reference = read_references(options.references)
    if article_ids is None and selection.is_everything:
        how = Publishing(
            base=_options_key(options, gazetteer),
            offline=options.offline,
            title=title,
            # the page is the same whatever the data: its own title counts no articles
            page_title=options.title or "geomap",
            pages=pages,
            geojson=geojson,
            combined=options.combined,
            reference=reference,
        )
        written = publish_store(store, out, gazetteer, how)
    else:
        articles = {a.id: a for a in store.articles() if a.id in paths}
        mentions = store.mentions(article_ids=article_ids)
        events = store.events(article_ids=article_ids)
        layers = export_layers(articles, mentions, events, banks)
        files = export_files(layers, "geojson")
        overview = render_map(
            articles,
            selection.mentions(mentions, articles),
            selection.events(events, articles),
            banks=banks,
            gazetteer=gazetteer,
            offline=options.offline,
            title=title,
            article_maps=pages,
            layers=layers if selection.is_everything else None,
            reference=reference,
        )
        with out.deferred():
            written = [out.write(name, files[name]) for name in GEOJSON_NAMES if geojson]
            written.append(out.write(MAP_NAME, overview))
            for name in out.names():  # a store's chunks, which this page does not read
                if chunk_output_name(name):
                    out.remove(name)
    if progress:
        progress(1, 1 + len(pages), MAP_NAME)
    return written + _write_article_maps(out, store, pages, gazetteer, options, progress)


def _write_article_maps(
    out: OutputDir,
    store: Store,
    pages: Mapping[str, str],
    gazetteer: Gazetteer,
    options: MapOptions,
    progress: Progress | None,
) -> list[Path]:
    """Each article's own map (``pages``: file names by article id), drawn again only
    when the article (or the options, gazetteer or geomap) changed since it was drawn."""
    from .render import render_map

    if not pages:
        return []
    base = _options_key(options, gazetteer)
    hashes = store.content_hashes()
    # An article's own map depends on that article alone.
    keys = {i: hashlib.sha256(f"{base}\x1f{hashes.get(i, '')}".encode()).hexdigest() for i in pages}
    redraw = [i for i, name in pages.items() if not out.current(keys[i], [name], ":" + name)]
    articles = store.articles_by_id(redraw)
    mentions_of: dict[str, list[Mention]] = defaultdict(list)
    for mention in store.mentions(article_ids=redraw) if redraw else ():
        mentions_of[mention.article_id].append(mention)
    events_of: dict[str, list[Event]] = defaultdict(list)
    for event in store.events(article_ids=redraw) if redraw else ():
        events_of[event.article_id].append(event)
    banks = gazetteer.places_of_kind("bank")
    links = {i: "../" + name for i, name in pages.items()}
    written = []
    with out.deferred():
        for number, (article_id, name) in enumerate(pages.items(), start=2):
            if article_id in articles:
                only = options.selection.for_article(article_id)
                one = {article_id: articles[article_id]}
                page = render_map(
                    one,
                    only.mentions(mentions_of[article_id], one),
                    only.events(events_of[article_id], one),
                    banks=banks,
                    gazetteer=gazetteer,
                    offline=options.offline,
                    title=article_label(articles[article_id]),
                    article_maps=links,
                )
                written.append(out.write(name, page))
                out.mark(keys[article_id], ":" + name)
            if progress:
                progress(number, 1 + len(pages), name)
    return written


def export_store(
    store_path: str | Path,
    out_dir: str | Path,
    gazetteer: Gazetteer,
    formats: Sequence[str],
    *,
    overwrite: bool = False,
) -> list[Path]:
    """Write the store's layers (events, places, front line, bridges) in each of
    ``formats`` (see :data:`geomap.export.EXPORT_FORMATS`) into ``out_dir``; queues
    behind an update of the store."""
    from .publish import store_layers

    out = OutputDir(out_dir, overwrite=overwrite)
    with open_store(store_path) as store, store.updating(wait=True):
        layers = store_layers(store, gazetteer.places_of_kind("bank"))
        # the layers read their features from the store: made while it is open
        files = {name: data for fmt in formats for name, data in layers.files(fmt).items()}
    for name in files:
        out.check(name)  # all or nothing
    return [out.write(name, data) for name, data in files.items()]


def open_store(store_path: str | Path) -> Store:
    """An existing store (a file, a folder holding one, or a database's URL); never
    creates one."""
    from .store import Store
    from .store.postgis import is_url

    if is_url(store_path):
        return Store(store_path, create=False)
    path = Path(store_path)
    if path.is_dir():
        path = path / STORE_NAME
    if not path.is_file():
        raise StoreError(
            f"no store at {path}; make one with 'geomap run SOURCES --out DIR' "
            f"or 'geomap update SOURCES --out DIR' (it is DIR/{STORE_NAME})"
        )
    return Store(path)


def render_store(
    store_path: str | Path,
    out_dir: str | Path,
    gazetteer: Gazetteer,
    options: MapOptions,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the HTML maps of what the store at ``store_path`` holds (see
    :func:`write_outputs`); queues behind an update of the store."""
    out = _prepared_output(out_dir, overwrite, options, [MAP_NAME])
    with open_store(store_path) as store, store.updating(wait=True):
        return write_outputs(store, out, gazetteer, options, geojson=False, progress=progress)


def picture_store(
    store_path: str | Path,
    targets: Sequence[Path],
    gazetteer: Gazetteer,
    options: MapOptions,
    *,
    size: tuple[int, int] = (1600, 1000),
    overwrite: bool = False,
) -> list[Path]:
    """Pictures (PNG, or PDF by the name) of the map of what the store at ``store_path``
    holds, as ``options`` select it, showing their box (else the map's first view); the
    map is drawn offline in a folder of its own, not kept (see :mod:`geomap.picture`)."""
    import tempfile

    from .errors import OutputExistsError
    from .picture import find_chromium, take_picture

    for target in targets:
        if target.exists() and not overwrite:
            raise OutputExistsError(f"{target} exists; --overwrite replaces it")
    chromium = find_chromium()  # (before drawing: said at once when there is none)
    offline = replace(options, offline=True, per_article=False)
    with tempfile.TemporaryDirectory(prefix="geomap-picture-") as folder:
        render_store(store_path, folder, gazetteer, offline)
        page = Path(folder) / MAP_NAME
        box = options.selection.bbox
        return [
            take_picture(page, target, size=size, box=box, chromium=chromium) for target in targets
        ]


def article_map_names(paths: Mapping[str, str | None]) -> dict[str, str]:
    """Per article id (with the file it was read from, in ``paths``), the file name of its
    own map: ``articles/<file stem>.html``; where several articles share a stem, the id's
    letters and a hash of the whole id are added. Names hold only ``a-z0-9-``: an id such
    as ``/../../x`` or ``a#b?c`` can neither leave the folder nor break a link, and two ids
    never share a page."""
    stems = {i: slug(Path(p).stem) if p else "" for i, p in paths.items()}
    shared = Counter(stems.values())
    names = {}
    for article_id in sorted(paths):
        stem = stems[article_id]
        if not stem or shared[stem] > 1:
            digest = hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:10]
            stem = "-".join(part for part in (stem, slug(article_id)[:24], digest) if part)
        names[article_id] = f"{ARTICLE_MAPS_DIR}/{stem}.html"
    return names


def content_hash(
    article: Article, gazetteer_version: str, recognizer_name: str = "gazetteer"
) -> str:
    """What decides whether a stored article must be parsed again."""
    key = "\x1f".join(
        [
            PIPELINE_VERSION,
            recognizer_name,
            gazetteer_version,
            article.text,
            article.date.isoformat() if article.date else "",
            article.title or "",
            article.url or "",
            article.source or "",
            *([article.author] if article.author else []),
        ]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
