"""The ``geomap`` command line: a thin layer over :mod:`geomap.pipeline` and the stages."""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import functools
import gc
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import GeomapError


class _Group(click.Group):
    """Turns any :class:`GeomapError` into a one-line message and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        import sqlite3

        try:
            return super().invoke(ctx)
        except GeomapError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:  # a full disk, a folder that vanished: one line, not a trace
            where = f"{exc.filename}: " if exc.filename else ""
            full = " (the disk is full: free some space and run again)" * (exc.errno == 28)
            raise click.ClickException(f"{where}{exc.strerror or exc}{full}") from None
        except sqlite3.Error as exc:
            raise click.ClickException(
                f"the store could not be read or written ({exc}); what was saved before is "
                "kept: if the disk is full, free some space and run the same command again"
            ) from None


def _say(quiet: bool) -> Any:
    return (lambda message: None) if quiet else (lambda message: click.echo(message, err=True))


def _open_gazetteer(path: str | None, quiet: bool) -> Any:
    from .gazetteer import Gazetteer

    return Gazetteer.open(path, progress=_say(quiet))


gazetteer_option = click.option(
    "--gazetteer",
    "gazetteer_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="A compiled gazetteer index to use instead of the default one.",
)
quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")


class _Source(click.ParamType):
    """An article source: a file or folder that exists, or a feed's http(s) address."""

    name = "SOURCE"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from .sources import is_url

        if is_url(value):
            return str(value)
        return str(click.Path(exists=True).convert(value, param, ctx))


SOURCE = _Source()


class _StoreLocation(click.ParamType):
    """A store: a SQLite file (or, for reading, the folder holding geomap.sqlite), or the
    URL of a PostgreSQL database (``postgresql://USER@HOST/DB``), taken as given."""

    name = "STORE"

    def __init__(self, path: click.Path) -> None:
        self._path = path

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from .store.postgis import is_url

        if is_url(value):
            return str(value)
        return str(self._path.convert(value, param, ctx))


store_option = click.option(
    "--store",
    "store_path",
    type=_StoreLocation(click.Path(dir_okay=False)),
    help="The store to update: a SQLite file, or a PostgreSQL database with PostGIS shared by "
    "a team (postgresql://USER@HOST/DB) [default: OUT/geomap.sqlite].",
)
out_option = click.option(
    "--out",
    "-o",
    "out_dir",
    default="maps",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for the maps and exports.",
)
#: The store the reading commands read: a file, or the folder that holds geomap.sqlite.
store_argument = click.argument(
    "store", default="maps", type=_StoreLocation(click.Path(exists=True))
)


def out_beside_store(what: str) -> Any:
    """--out for commands that write beside a store unless told otherwise."""
    return click.option(
        "--out",
        "-o",
        "out_dir",
        default=None,
        type=click.Path(file_okay=False),
        help=f"Folder for {what} [default: the store's folder].",
    )


wait_option = click.option(
    "--wait",
    is_flag=True,
    help="If another geomap is updating the same store, wait for it instead of failing.",
)
overwrite_option = click.option(
    "--overwrite",
    is_flag=True,
    help="Replace output files that geomap did not write (or that were edited).",
)


def reading_options(command: Any) -> Any:
    """--strict, --max-article-bytes and --verbose, shared by the commands that read
    articles; the command receives ``reading`` (a :class:`geomap.articles.ReadOptions`)
    and ``verbose``."""
    from .articles import MAX_ARTICLE_BYTES

    options = [
        click.option(
            "--strict",
            is_flag=True,
            help="Stop at the first bad item (a file that is not UTF-8, a bad JSON line, a "
            "malformed date line, an article too large) before storing anything. Without it "
            "each bad item is reported in one line and skipped, the rest is processed, and "
            "the exit status is 1.",
        ),
        click.option(
            "--max-article-bytes",
            type=click.IntRange(min=1),
            default=MAX_ARTICLE_BYTES,
            show_default=True,
            help="Skip (and report) an article larger than this many bytes of UTF-8.",
        ),
        click.option(
            "--verbose",
            "-v",
            is_flag=True,
            help="Also list the files in the folders that are not articles (.docx, pictures), "
            "and what each source gave.",
        ),
        click.option(
            "--feeds",
            "feeds_file",
            type=click.Path(exists=True, dir_okay=False),
            help="A file of feed addresses (RSS or Atom), one per line ('#' starts a "
            "comment), read as if given as SOURCES.",
        ),
        click.option(
            "--fetch-pages",
            is_flag=True,
            help="Fetch the page each feed item links to and read its whole text (politely: "
            "one request a second per site; an update does not fetch again the pages of the "
            "items its store holds).",
        ),
        click.option(
            "--lang",
            metavar="CODE",
            callback=_language_option,
            help="The language of every article (en, uk or ru; ISO 639-1), instead of the "
            "language each is detected in (or a JSON Lines record's 'lang'). Ukrainian and "
            "Russian are read with their morphology; other languages as English.",
        ),
        click.option(
            "--telegram-channel",
            metavar="NAME",
            help="The public channel a Telegram export (result.json) is of, by its username "
            "(@name or its t.me link): its messages get their t.me links and ids by name. "
            "Telegram Desktop's export does not say it.",
        ),
        *(
            click.option(
                f"--{field}-column",
                default=None,
                metavar="NAME",
                help=f"The column of a CSV, TSV or Parquet file that holds the {what} "
                f"[default: {field}].",
            )
            for field, what in TABLE_COLUMNS.items()
        ),
    ]

    @functools.wraps(command)
    def with_reading_options(**kwargs: Any) -> Any:
        from .articles import ReadOptions
        from .sources.tables import Columns

        named = {f: kwargs.pop(f"{f}_column") for f in TABLE_COLUMNS}
        kwargs["reading"] = ReadOptions(
            strict=kwargs.pop("strict"),
            max_article_bytes=kwargs.pop("max_article_bytes"),
            columns=Columns(**{f: name for f, name in named.items() if name}),
            fetch_pages=kwargs.pop("fetch_pages"),
            telegram_channel=kwargs.pop("telegram_channel"),
            lang=kwargs.pop("lang"),
        )
        feeds_file = kwargs.pop("feeds_file")
        if feeds_file:
            kwargs["sources"] = (*kwargs["sources"], *_feed_list(feeds_file))
        return command(**kwargs)

    for option in reversed(options):
        with_reading_options = option(with_reading_options)
    return with_reading_options


#: The columns of a table that ``--<name>-column`` names, and what each holds.
TABLE_COLUMNS = {
    "text": "article's text",
    "id": "article's id",
    "date": "article's date",
    "title": "title",
    "url": "address",
    "source": "publisher",
    "author": "author",
}


def _language_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from .languages.detect import LanguageError, checked_language

    try:
        return checked_language(value)
    except LanguageError as exc:
        raise click.BadParameter(str(exc)) from None


def _feed_list(path: str) -> list[str]:
    """The feed addresses of a ``--feeds`` file."""
    from .errors import ArticleError
    from .sources import is_url

    addresses = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path}: not UTF-8 text (byte {exc.start}): save it as UTF-8") from None
    for number, line in enumerate(text.splitlines(), start=1):
        # a comment: a line that starts with "#", or "#" after a space (an address may
        # hold "#" itself)
        address = "" if line.lstrip().startswith("#") else re.split(r"\s#", line)[0].strip()
        if not address:
            continue
        if not is_url(address):
            raise ArticleError(f"{path}:{number}: {address[:60]!r} is not an http(s) address")
        addresses.append(address)
    return addresses


def _need_sources(sources: tuple[str, ...]) -> None:
    if not sources:
        raise click.UsageError("give SOURCES (files, folders or feed addresses) or --feeds FILE")


def report_sources(summary: Any, verbose: bool, quiet: bool) -> None:
    """Say what the sources gave: by kind (each source with ``verbose``), and what they
    said (a feed not changed since it was last read)."""
    if quiet:
        return
    by_kind: dict[str, list[int]] = {}
    for where, count in summary.sources.items():
        totals = by_kind.setdefault(count.kind, [0, 0, 0])
        totals[0] += 1
        totals[1] += count.articles
        totals[2] += count.skipped
        if verbose:
            click.echo(
                f"read {where} ({count.kind}): {_counted(count.articles, 'article')}"
                + (f", {count.skipped} skipped" if count.skipped else ""),
                err=True,
            )
    if len(by_kind) > 1 or not set(by_kind) <= {"text", "jsonl"}:
        parts = [
            f"{kind} {_counted(sources, 'source')}: {_counted(articles, 'article')}"
            + (f", {skipped} skipped" if skipped else "")
            for kind, (sources, articles, skipped) in sorted(by_kind.items())
        ]
        click.echo("read " + "; ".join(parts), err=True)
    for note in summary.notes:
        click.echo(f"note {note}", err=True)


def _counted(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'s' * (number != 1)}"


def report_skipped(summary: Any, verbose: bool, quiet: bool) -> None:
    """Say what was not read, one line each (other files only with ``verbose``), and exit
    with status 1 when an item was bad."""
    report_sources(summary, verbose, quiet)
    for item in summary.skipped:
        click.echo(f"skipped {item}", err=True)
    if summary.other_files and not quiet:
        if verbose:
            for item in summary.other_files:
                click.echo(f"not read: {item}", err=True)
        else:
            count = len(summary.other_files)
            click.echo(
                f"note: {count} file{'s' * (count != 1)} in the folders are not articles "
                "(--verbose lists them)",
                err=True,
            )
    if summary.duplicates and not quiet:
        click.echo(
            f"note: {summary.duplicates} article{'s' * (summary.duplicates != 1)} read twice "
            "(same id and text) were kept once",
            err=True,
        )
    if summary.undated and not quiet:
        click.echo(
            f"note: {summary.undated} article{'s' * (summary.undated != 1)} had no date: "
            "their events are dated only by their own words",
            err=True,
        )
    if summary.skipped:
        count = len(summary.skipped)
        raise click.ClickException(
            f"{count} item{'s' * (count != 1)} skipped (listed above); the rest was processed"
        )


workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    show_default="the number of usable cores",
    help="Parse articles in N processes (1: in this process, no pool). The output is the "
    "same, byte for byte, for any N.",
)


def _workers(workers: int | None) -> int:
    from .parallel import default_workers

    return workers if workers is not None else default_workers()


def engine_options(command: Any) -> Any:
    """--engine and --scheduler: where the articles are parsed (the store is written here)."""
    command = click.option(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        default=None,
        help="The address of the Dask scheduler, for --engine dask (what 'dask scheduler' "
        "prints). Its workers need geomap, the same version, and its gazetteer index: see "
        "the README, 'On a cluster'.",
    )(command)
    return click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="Where articles are parsed. local: in --workers processes on this machine. "
        "dask: on the workers of a dask.distributed cluster (pip install 'geomap[dask]'), "
        "e.g. --engine dask --scheduler tcp://dask-head:8786. Either way the results are "
        "saved here, in order, and the outputs are the same, byte for byte.",
    )(command)


def _scheduler(engine: str, scheduler: str | None, workers: int | None) -> str | None:
    """The scheduler address the pipeline parses on, or None to parse here."""
    if engine == "local":
        if scheduler is not None:
            raise click.UsageError("--scheduler is for --engine dask")
        return None
    if not scheduler:
        raise click.UsageError(
            "--engine dask needs --scheduler tcp://HOST:PORT, the address of a running "
            "'dask scheduler'"
        )
    if workers is not None:
        raise click.UsageError(
            "--workers is for --engine local; with --engine dask the cluster's workers parse"
        )
    return scheduler


def ner_options(command: Any) -> Any:
    """--ner and --ner-model, shared by the commands that recognise place names."""
    command = click.option(
        "--ner-model",
        default=None,
        metavar="NAME",
        help="The spaCy pipeline for --ner spacy (a package or a folder; default en_core_web_sm).",
    )(command)
    return click.option(
        "--ner",
        type=click.Choice(["gazetteer", "spacy", "natasha"]),
        default="gazetteer",
        show_default=True,
        help="How place names are found: gazetteer names and context rules (no model; "
        "Ukrainian and Russian with their morphology), the GPE/LOC/FAC entities of an "
        "installed spaCy model, or, for Russian articles, natasha's NER (pip install "
        "'geomap[natasha]'; other articles keep the default).",
    )(command)


def map_options(command: Any) -> Any:
    """What the HTML maps show and how, shared by ``run`` and ``map``; the command receives
    one ``map_opts`` (a :class:`geomap.pipeline.MapOptions`)."""
    options = [
        click.option(
            "--offline",
            is_flag=True,
            help="Maps that need no network: Leaflet and its plugins inlined and a basemap drawn "
            "from local data instead of OpenStreetMap tiles (needs 'geomap assets install' "
            "once). The map of a store reads its data from OUT/data/: keep the folder together.",
        ),
        click.option(
            "--since",
            type=click.DateTime(["%Y-%m-%d"]),
            help="Map only events on or after this date (YYYY-MM-DD).",
        ),
        click.option(
            "--until",
            type=click.DateTime(["%Y-%m-%d"]),
            help="Map only events on or before this date (YYYY-MM-DD).",
        ),
        click.option(
            "--type",
            "event_types",
            multiple=True,
            metavar="TYPE",
            help="Map only events of this type (repeat, or separate with commas), e.g. "
            "--type advance,withdrawal. Types: " + ", ".join(_type_codes()) + ".",
        ),
        click.option(
            "--bbox",
            metavar="W,S,E,N",
            help="Map only what lies in this lon/lat box, e.g. --bbox 31.5,46,34,47.5.",
        ),
        click.option(
            "--per-article",
            is_flag=True,
            help="Also write one map per article, in OUT/articles/.",
        ),
        click.option("--title", help="The maps' page title."),
        click.option(
            "--reference",
            "references",
            multiple=True,
            metavar="FILE[:SIDE]",
            help="A reference front line to draw beside the articles' (repeatable): a GeoJSON "
            "file of the areas each side holds (DeepStateMap's or ISW's polygons), each with "
            "a 'side' property or the side after the name (occupied.geojson:RU), dated by a "
            "'date' property or by the file's name (front-2022-11-15.geojson). It is drawn "
            "as of the end date; control claims it contradicts are marked.",
        ),
    ]

    @functools.wraps(command)
    def with_map_options(**kwargs: Any) -> Any:
        from .pipeline import MapOptions
        from .selection import Selection, parse_bbox, parse_types

        since, until = kwargs.pop("since"), kwargs.pop("until")
        bbox = kwargs.pop("bbox")
        try:
            selection = Selection(
                since=since.date() if since else None,
                until=until.date() if until else None,
                types=parse_types(kwargs.pop("event_types")),
                bbox=parse_bbox(bbox) if bbox else None,
            )
        except GeomapError as exc:
            raise click.UsageError(str(exc)) from None
        kwargs["map_opts"] = MapOptions(
            offline=kwargs.pop("offline"),
            selection=selection,
            per_article=kwargs.pop("per_article"),
            title=kwargs.pop("title"),
            references=tuple(kwargs.pop("references")),
        )
        return command(**kwargs)

    for option in reversed(options):
        with_map_options = option(with_map_options)
    return with_map_options


def _type_codes() -> list[str]:
    from .selection import TYPE_CODES

    return list(TYPE_CODES)


@contextlib.contextmanager
def _progress_bar(label: str, quiet: bool) -> Iterator[_Bar | None]:
    """A progress callback ``(done, total, name)`` that draws a bar on a terminal, and is
    silent (``None``) with --quiet or when stderr is not a terminal (CI, pipes)."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    bar = _Bar(label)
    try:
        yield bar
    finally:
        bar.finish()


class _Bar:
    """A progress bar on stderr; ``stage`` ends it and says what comes next."""

    def __init__(self, label: str) -> None:
        self._bar = click.progressbar(length=1, label=label, file=sys.stderr)
        self._finished = False

    def __call__(self, done: int, total: int, name: str) -> None:
        self._bar.length = total
        self._bar.update(done - self._bar.pos)

    def stage(self, message: str) -> None:
        self.finish()
        click.echo(message, err=True)

    def finish(self) -> None:
        if not self._finished:
            self._bar.render_finish()
            self._finished = True


def _store_in(store_path: str | None, out_dir: str) -> str | Path:
    """--store, else the store inside --out."""
    from .pipeline import STORE_NAME

    return _store_at(store_path) if store_path else Path(out_dir) / STORE_NAME


def _store_at(store: str) -> str | Path:
    """A store's URL as given, or its path."""
    from .store.postgis import is_url

    return store if is_url(store) else Path(store)


def _beside(store: str | Path, out_dir: str | None) -> Path:
    """--out, else the folder of the store (or the folder given as the store; ``maps``
    for a database)."""
    if out_dir or isinstance(store, str):
        return Path(out_dir or "maps")
    return store if store.is_dir() else store.parent


def _recognizer(ner: str, model: str | None) -> tuple[Any, str]:
    """The recogniser and the name runs store with their results."""
    from .ner import recognizer

    name = ner if ner in ("gazetteer", "natasha") else f"{ner}:{model or 'en_core_web_sm'}"
    return recognizer(ner, model), name


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geomap")
def cli() -> None:
    """Turn news articles into maps.

    geomap finds the places that articles mention, resolves them against a local,
    offline gazetteer, attaches the reported events, and writes an interactive map and
    GeoJSON. Start with:

      geomap run seeds --out maps

    then open maps/index.html in a browser.
    """


@cli.command()
@click.argument("sources", nargs=-1, type=SOURCE)
@click.option(
    "--out",
    "-o",
    "out_dir",
    default="maps",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for the map, the exports and the store.",
)
@overwrite_option
@wait_option
@map_options
@reading_options
@ner_options
@workers_option
@engine_options
@gazetteer_option
@quiet_option
def run(
    sources: tuple[str, ...],
    out_dir: str,
    map_opts: Any,
    overwrite: bool,
    wait: bool,
    reading: Any,
    verbose: bool,
    ner: str,
    ner_model: str | None,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    gazetteer_path: str | None,
    quiet: bool,
) -> None:
    """Process article files or folders into a map and GeoJSON.

    SOURCES are files or folders (read recursively) and feed addresses: dated
    text (first line ' date YYYY-MM-DD'), plain .txt, JSON Lines with a 'text'
    field per line, saved web pages (.html), RSS/Atom feeds (.rss, .atom, .xml,
    or https://... addresses), Telegram channel exports (result.json), and
    CSV/TSV/Parquet tables with a 'text' column (see --text-column).
    Writes OUT/index.html (the map), OUT/events.geojson, OUT/places.geojson,
    OUT/frontline.geojson (dated lines of contact and held places),
    OUT/bridges.geojson (bridge references with status) and the store
    OUT/geomap.sqlite; articles already stored unchanged are not parsed again.
    The map options (--since, --type, ...) narrow the HTML maps only, not the
    GeoJSON; 'geomap map' draws more maps from the store later.

    \b
    Examples:
      geomap run seeds --out maps
      geomap run news/ extra.jsonl --out /tmp/kherson --offline --per-article
      geomap run archive/ --out maps --engine dask --scheduler tcp://dask-head:8786
    """
    from .pipeline import run as run_pipeline

    _need_sources(sources)

    cluster = _scheduler(engine, scheduler, workers)
    recognize, recognizer_name = _recognizer(ner, ner_model)
    gazetteer = _open_gazetteer(gazetteer_path, quiet)
    with _progress_bar("articles", quiet) as progress:
        summary = run_pipeline(
            sources,
            out_dir,
            gazetteer,
            overwrite=overwrite,
            wait=wait,
            progress=progress,
            stage=progress.stage if progress else None,
            map_options=map_opts,
            recognize=recognize,
            recognizer_name=recognizer_name,
            reading=reading,
            workers=_workers(workers),
            scheduler=cluster,
        )
    if not quiet:
        click.echo(
            f"{summary.articles} articles ({summary.parsed} parsed, {summary.unchanged} unchanged), "
            f"{summary.mentions} place mentions ({summary.resolved} resolved), {summary.events} events",
            err=True,
        )
        for path in summary.outputs:
            click.echo(f"wrote {path}", err=True)
        if summary.up_to_date:
            click.echo(f"the maps and GeoJSON in {out_dir} are up to date", err=True)
    report_skipped(summary, verbose, quiet)


@cli.command()
@click.argument("sources", nargs=-1, type=SOURCE)
@store_option
@out_option
@click.option(
    "--reparse",
    is_flag=True,
    help="Also parse again the stored articles that an older pipeline, another gazetteer or "
    "another --ner produced (after an upgrade or a 'gazetteer import').",
)
@click.option(
    "--combined",
    is_flag=True,
    help="Also write each layer whole in one file: OUT/events.geojson, places.geojson, "
    "frontline.geojson, bridges.geojson (slower on a large store: they hold everything; the "
    "layers are always in OUT/events/ by day and OUT/places/, OUT/frontline/, OUT/bridges/ "
    "by country and square degree).",
)
@wait_option
@overwrite_option
@map_options
@reading_options
@ner_options
@workers_option
@engine_options
@gazetteer_option
@quiet_option
def update(
    sources: tuple[str, ...],
    store_path: str | None,
    out_dir: str,
    reparse: bool,
    combined: bool,
    wait: bool,
    overwrite: bool,
    map_opts: Any,
    reading: Any,
    verbose: bool,
    ner: str,
    ner_model: str | None,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    gazetteer_path: str | None,
    quiet: bool,
) -> None:
    """Add new and changed articles to a store; redraw its maps and exports.

    SOURCES are files, folders and feed addresses, of every kind 'geomap run'
    reads. Parses only the articles of SOURCES that are new or whose text changed (an
    edited text file replaces its earlier version), then writes the maps and
    GeoJSON of everything the store holds. They are written in chunks (events
    by day; places, the front line and bridges by country and square degree:
    OUT/events/2022-11-14.geojson, OUT/places/UA-N46-E032.geojson,
    OUT/frontline/UA-N46-E032.geojson, and the map's data in OUT/data/), and
    only the chunks that changed are
    written again, so an update costs what it adds, not what the store holds.
    The whole-store layers that 'geomap run' writes (events.geojson, ...) are
    removed by an update unless --combined keeps them current. With nothing
    new it parses nothing and every output stays byte-identical. Each article is saved in its own
    transaction, so an interrupted update loses nothing already saved; run it
    again to finish. Articles that an older version of geomap or another
    gazetteer parsed are reported; --reparse parses them again.

    \b
    Examples:
      geomap update news/ --out maps
      geomap update today.jsonl --store archive.sqlite --out /srv/maps --offline
        geomap update https://example.org/feed.xml saved-pages/ --out maps
      geomap update --feeds feeds.txt --fetch-pages --out maps
      geomap update channel/result.json export.csv --text-column body --out maps
    geomap update --reparse --out maps          # after upgrading geomap
      geomap update archive/ --out maps --engine dask --scheduler tcp://dask-head:8786
    """

    from .pipeline import update as update_store

    if not sources and not reparse:
        raise click.UsageError("give SOURCES to add, or --reparse to refresh the store")
    cluster = _scheduler(engine, scheduler, workers)
    recognize, recognizer_name = _recognizer(ner, ner_model)
    gazetteer = _open_gazetteer(gazetteer_path, quiet)
    store = _store_in(store_path, out_dir)
    map_opts = dataclasses.replace(map_opts, combined=combined)
    with _progress_bar("articles", quiet) as progress:
        summary = update_store(
            sources,
            store,
            out_dir,
            gazetteer,
            reparse=reparse,
            overwrite=overwrite,
            wait=wait,
            progress=progress,
            stage=progress.stage if progress else None,
            recognize=recognize,
            recognizer_name=recognizer_name,
            map_options=map_opts,
            reading=reading,
            workers=_workers(workers),
            scheduler=cluster,
        )
    if quiet:
        report_skipped(summary, verbose, quiet)
        return
    say = _say(False)
    say(
        f"{summary.articles} articles read: {summary.parsed} new or changed, "
        f"{summary.unchanged} unchanged"
        + (f", {summary.replaced} earlier versions replaced" if summary.replaced else "")
        + (f"; {summary.reparsed} re-parsed" if summary.reparsed else "")
    )
    if summary.stale:
        say(
            f"note: {summary.stale} stored articles were parsed by another geomap version, "
            "gazetteer or --ner; 'geomap update --reparse' parses them again"
        )
    from .store.postgis import shown

    say(
        f"store {shown(str(store))}: {summary.mentions} place mentions "
        f"({summary.resolved} resolved), "
        f"{summary.events} events"
    )
    for path in summary.outputs:
        say(f"wrote {path}")
    if summary.up_to_date:
        say(f"the maps and GeoJSON in {out_dir} are up to date")
    report_skipped(summary, verbose, quiet)


@cli.command()
@store_argument
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    type=click.Choice(["geojson", "geojsonl", "gpkg", "csv"]),
    help="Repeat for several [default: gpkg]. geojson: one RFC 7946 file per layer; geojsonl: "
    "one feature per line; gpkg: one GeoPackage (geomap.gpkg) with a layer per kind; csv: one "
    "file per layer with lon/lat columns (and wkt for lines and areas).",
)
@out_beside_store("the files")
@overwrite_option
@gazetteer_option
@quiet_option
def export(
    store: str,
    formats: tuple[str, ...],
    out_dir: str | None,
    overwrite: bool,
    gazetteer_path: str | None,
    quiet: bool,
) -> None:
    """Export a store's layers for GIS tools (QGIS, ArcGIS, pandas).

    STORE is a store file, the folder holding geomap.sqlite, or a PostgreSQL
    store's URL (postgresql://USER@HOST/DB) [default: maps].
    The layers are events, places, frontline and bridges, with the properties
    listed in the README (flat, ISO dates, WGS84 lon/lat).

    \b
    Examples:
      geomap export maps --format gpkg              # maps/geomap.gpkg
      geomap export maps -f csv -f geojsonl --out /tmp/kherson
    """
    from .pipeline import export_store

    store_path = _store_at(store)
    out = _beside(store_path, out_dir)
    gazetteer = _open_gazetteer(gazetteer_path, quiet)
    for path in export_store(store_path, out, gazetteer, formats or ("gpkg",), overwrite=overwrite):
        _say(quiet)(f"wrote {path}")


@cli.command()
@store_argument
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def stats(store: str, fmt: str) -> None:
    """Summarise a store: articles, mentions, unresolved names, events by type and date.

    STORE is a store file, the folder holding geomap.sqlite, or a PostgreSQL
    store's URL (postgresql://USER@HOST/DB) [default: maps].
    """
    from .pipeline import open_store

    with open_store(store) as opened:
        summary = opened.stats()
    if fmt == "json":
        click.echo(json.dumps(summary, indent=1))
        return
    s = summary
    share = f"{s['resolved'] / s['mentions']:.0%}" if s["mentions"] else "-"
    lines = [
        f"store      {s['store']} ({s['size_bytes'] / 1e6:.1f} MB, schema {s['schema_version']})",
        f"articles   {s['articles']:,} ({s['first_date'] or '-'} to {s['last_date'] or '-'}; "
        f"{s['undated_articles']:,} undated)",
        "  from     "
        + ", ".join(f"{kind} {n:,}" for kind, n in s["articles_by_source_kind"].items()),
        "  in       " + ", ".join(f"{lang} {n:,}" for lang, n in s["articles_by_language"].items()),
        f"mentions   {s['mentions']:,} place names, {s['resolved']:,} resolved ({share}) to "
        f"{s['places']:,} places; {s['unresolved']:,} unresolved "
        f"({s['unresolved_names']:,} names: 'geomap unresolved' lists them)",
        f"events     {s['events']:,}; {s['control_claims']:,} control claims",
    ]
    lines += [f"  {code:<26}{count:>8,}" for code, count in s["events_by_type"].items()]
    lines.append(
        "certainty  " + ", ".join(f"{k} {v:,}" for k, v in s["events_by_certainty"].items())
    )
    lines.append("events by date")
    lines += [f"  {day:<12}{count:>8,}" for day, count in s["events_by_date"].items()]
    lines.append("parsed by")
    lines += [
        f"  pipeline {p['pipeline']}, gazetteer {p['gazetteer']}, {p['recognizer']}: "
        f"{p['articles']:,} articles"
        for p in s["parsed_by"]
    ]
    click.echo("\n".join(lines))


@cli.command()
@store_argument
@click.option("--limit", type=int, default=None, help="Show only the N most frequent names.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "tsv", "json"]),
    default="text",
    show_default=True,
)
def unresolved(store: str, limit: int | None, fmt: str) -> None:
    """List the names that found no place, most frequent first, with counts.

    STORE is a store file, the folder holding geomap.sqlite, or a PostgreSQL
    store's URL (postgresql://USER@HOST/DB) [default: maps].
    Add the frequent ones to the gazetteer (gazetteer/aliases.tsv, or
    'geomap gazetteer import'), then 'geomap update --reparse'.
    """
    from .pipeline import open_store

    with open_store(store) as opened:
        rows = opened.unresolved(limit)
    if fmt == "json":
        click.echo(
            json.dumps([{"name": n, "mentions": m, "articles": a} for n, m, a in rows], indent=1)
        )
    elif fmt == "tsv":
        click.echo("name\tmentions\tarticles")
        for name, mentions, articles in rows:
            click.echo(f"{name}\t{mentions}\t{articles}")
    elif not rows:
        click.echo("every name found resolved to a place")
    else:
        for name, mentions, articles in rows:
            click.echo(f"{mentions:>6} mentions in {articles:>5} articles  {name}")


@cli.command()
@click.argument("sources", nargs=-1, type=SOURCE)
@store_option
@out_option
@click.option(
    "--interval",
    type=click.FloatRange(min=0.05),
    default=2.0,
    show_default=True,
    help="Seconds between looks at the folders.",
)
@click.option(
    "--debounce",
    type=click.FloatRange(min=0),
    default=3.0,
    show_default=True,
    help="Seconds the files must stay unchanged before an update (lets copies finish).",
)
@click.option(
    "--feed-interval",
    type=click.FloatRange(min=10),
    default=300.0,
    show_default=True,
    help="Seconds between two reads of the feeds among SOURCES (an unchanged feed costs "
    "its server a '304 Not Modified'; one that cannot be reached is tried again then).",
)
@overwrite_option
@map_options
@reading_options
@ner_options
@workers_option
@gazetteer_option
@quiet_option
def watch(
    sources: tuple[str, ...],
    store_path: str | None,
    out_dir: str,
    interval: float,
    debounce: float,
    feed_interval: float,
    overwrite: bool,
    map_opts: Any,
    reading: Any,
    verbose: bool,
    ner: str,
    ner_model: str | None,
    workers: int | None,
    gazetteer_path: str | None,
    quiet: bool,
) -> None:
    """Update the store and maps whenever articles arrive in SOURCES.

    Runs 'geomap update SOURCES' once at the start, then again each time
    article files are added or changed and have settled (polling; Ctrl-C
    stops). For a newsroom folder that receives articles. A bad item (a file
    that is not UTF-8, a bad JSON line) is reported once and skipped; the
    other articles go on the map.

    SOURCES may include feed addresses (or --feeds FILE): they are read at the
    start and every --feed-interval seconds.

    \b
    Examples:
      geomap watch /srv/incoming --out /srv/maps --offline
      geomap watch --feeds feeds.txt /srv/incoming --out /srv/maps --fetch-pages
    """

    from .pipeline import update as update_store
    from .watch import watch as watch_sources

    _need_sources(sources)

    recognize, recognizer_name = _recognizer(ner, ner_model)
    gazetteer = _open_gazetteer(gazetteer_path, quiet)
    store = _store_in(store_path, out_dir)
    say = _say(quiet)
    workers = _workers(workers)
    reported: set[str] = set()

    def on_change(files: list[str]) -> None:
        summary = update_store(
            files,
            store,
            out_dir,
            gazetteer,
            overwrite=overwrite,
            recognize=recognize,
            recognizer_name=recognizer_name,
            map_options=map_opts,
            reading=reading,
            workers=workers,
        )
        news = [("skipped", i) for i in summary.skipped]
        news += [("not read:", i) for i in summary.other_files] if verbose else []
        for word, item in news:
            if str(item) not in reported:  # once, not at every update
                reported.add(str(item))
                click.echo(f"{word} {item}", err=True)
        say(
            f"updated: {summary.parsed} new or changed, {summary.unchanged} unchanged; "
            f"{summary.events} events on the map in {out_dir}"
        )

    say(f"watching {', '.join(sources)} every {interval:g} s (Ctrl-C stops)")
    try:
        watch_sources(
            sources,
            on_change,
            interval=interval,
            debounce=debounce,
            feed_interval=feed_interval,
            say=say,
        )
    except KeyboardInterrupt:
        say("stopped")


def _size(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*", value or "")
    size = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    if not all(50 <= n <= 10_000 for n in size):
        raise click.BadParameter(
            f"{value!r}: expected WIDTHxHEIGHT in pixels, each 50 to 10000, e.g. 1600x1000"
        )
    return size


@cli.command("map")
@store_argument
@out_beside_store("the maps")
@overwrite_option
@map_options
@click.option(
    "--png",
    "png",
    type=click.Path(dir_okay=False),
    help="Write a picture of the map to this PNG file instead of the HTML maps: the view "
    "of --bbox (else the map's first view), the events of --since/--until/--type, with "
    "the legend and credits (needs Chromium).",
)
@click.option(
    "--pdf",
    "pdf",
    type=click.Path(dir_okay=False),
    help="The same picture as a one-page PDF.",
)
@click.option(
    "--size",
    default="1600x1000",
    show_default=True,
    metavar="WxH",
    help="The picture's size in pixels.",
)
@gazetteer_option
@quiet_option
def map_command(
    store: str,
    out_dir: str | None,
    overwrite: bool,
    map_opts: Any,
    png: str | None,
    pdf: str | None,
    size: str,
    gazetteer_path: str | None,
    quiet: bool,
) -> None:
    """Draw HTML maps from a store, without parsing anything.

    STORE is a store file or the folder holding geomap.sqlite (what 'geomap run'
    made), or a PostgreSQL store's URL [default: maps]. Writes OUT/index.html, an overview of everything the
    filters keep, and with --per-article OUT/articles/<article>.html per article.
    Events are kept by their date, place mentions by their article's date.

    \b
    Examples:
      geomap map maps --out /tmp/november --since 2022-11-01 --until 2022-11-30
      geomap map maps --out /tmp/bridges --type bridge_destroyed --offline
      geomap map maps --out /tmp/kherson --bbox 32,46,34,47.5 --per-article
      geomap map maps --png kherson.png --bbox 32,46.2,34,47.3 --until 2022-11-15
      geomap map maps --pdf report.pdf --size 1200x800 --type advance,withdrawal
    """
    from .pipeline import picture_store, render_store

    store_path = _store_at(store)
    if png or pdf:
        picture_size = _size(size)
        gazetteer = _open_gazetteer(gazetteer_path, quiet)
        targets = [Path(p) for p in (png, pdf) if p]
        for given, suffix in ((png, ".png"), (pdf, ".pdf")):
            if given and Path(given).suffix.lower() != suffix:
                raise click.BadParameter(
                    f"{given}: the file's name must end in {suffix}",
                    param_hint="--png" if suffix == ".png" else "--pdf",
                )
        for made in picture_store(
            store_path, targets, gazetteer, map_opts, size=picture_size, overwrite=overwrite
        ):
            _say(quiet)(f"wrote {made}")
        return
    out = _beside(store_path, out_dir)
    gazetteer = _open_gazetteer(gazetteer_path, quiet)
    with _progress_bar("maps", quiet) as progress:
        written = render_store(
            store_path, out, gazetteer, map_opts, overwrite=overwrite, progress=progress
        )
    more = (
        f" and {len(written) - 1} article maps in {written[-1].parent}" if len(written) > 1 else ""
    )
    _say(quiet)(f"wrote {written[0]}{more}")


@cli.command()
@click.argument("sources", nargs=-1, type=SOURCE)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "text"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON object per article (a stable interface); text: a table to read.",
)
@click.option(
    "--dump-text",
    is_flag=True,
    help="Print each article's text as read (a page's extracted text, a feed item's, a "
    "Telegram message's), which the offsets refer to, instead of its mentions.",
)
@reading_options
@ner_options
@workers_option
@engine_options
@gazetteer_option
@quiet_option
def parse(
    sources: tuple[str, ...],
    fmt: str,
    dump_text: bool,
    reading: Any,
    verbose: bool,
    ner: str,
    ner_model: str | None,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    gazetteer_path: str | None,
    quiet: bool,
) -> None:
    """Print the place mentions of each article.

    \b
    With --format jsonl (the default), one line per article:
      {"id", "date", "mentions": [{"start", "end", "text", "literal", "role", "score",
       "place": {"id", "name", "kind", "lat", "lon", "country", "admin1"} or null}],
       "demonyms": [the same for "Russian", "Americans": place is the country]}
    role: "location" (a place as such), "modifier" ("Ohio" in "Ohio Department of
    Transportation") or "metonym" (literal false: "Moscow said", "the size of Belgium").
    Offsets are Unicode code points into the article text exactly as read: the whole
    file for text articles, the "text" value for JSON Lines, the extracted text of a
    web page, feed item, Telegram message or table row (--dump-text prints it). Ids are
    content hashes, the given "id" (JSON Lines, tables), a page's or feed item's
    address, or telegram:CHANNEL:MESSAGE.

    \b
    Examples:
      geomap parse seeds/ --format text
      geomap parse saved/page.html --dump-text
      geomap parse https://example.org/feed.xml --fetch-pages
      geomap parse export.csv --text-column body --date-column published
    """
    from .pipeline import RunSummary, iter_results, parse_record

    _need_sources(sources)
    if dump_text:
        from .pipeline import read_sources, source_list

        summary = RunSummary()
        files, summary.other_files = source_list(sources)
        for _, articles, _ in read_sources(files, summary, reading):
            for article in articles:
                title = f" {article.title}" if article.title else ""
                click.echo(f"== {article.id}{title} ({article.date or 'no date'})")
                click.echo(article.text)
        report_skipped(summary, verbose, quiet)
        return

    cluster = _scheduler(engine, scheduler, workers)
    recognize, _ = _recognizer(ner, ner_model)
    gazetteer = _open_gazetteer(gazetteer_path, quiet)
    summary = RunSummary()
    # parse prints mentions only: no events are extracted
    results = iter_results(
        sources, gazetteer, recognize, summary, reading, _workers(workers), cluster, events=False
    )
    with contextlib.closing(results):  # stops the workers however the loop ends
        for result in results:
            if fmt == "jsonl":
                click.echo(json.dumps(parse_record(result), ensure_ascii=False))
                continue
            article = result.article
            click.echo(f"# {article.path or article.id} ({article.date or 'no date'})")
            for m in result.mentions:
                where = (
                    (
                        f"{m.place.name} [{m.place.kind}, {m.place.country or '-'}] "
                        f"{m.place.lat:.4f},{m.place.lon:.4f}"
                    )
                    if m.place
                    else "unresolved"
                )
                flag = "" if m.role == "location" else f" ({m.role})"
                click.echo(f"{m.start:>6}-{m.end:<6} {m.text!r:32} {m.score:4.2f} {where}{flag}")
    report_skipped(summary, verbose, quiet)


@cli.command()
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, help="Evaluate only the first N articles.")
@click.option(
    "--literal-only",
    is_flag=True,
    help="Leave out metonyms ('a victory for Kyiv', 'Moscow said'), which LGL and GeoVirus "
    "annotate as toponyms.",
)
@click.option(
    "--demonyms",
    is_flag=True,
    help="Score demonyms too ('Russian' as Russia), for corpora that annotate them (LGL).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@ner_options
@gazetteer_option
def evaluate(
    corpus: str,
    limit: int | None,
    literal_only: bool,
    demonyms: bool,
    fmt: str,
    ner: str,
    ner_model: str | None,
    gazetteer_path: str | None,
) -> None:
    """Score geomap on an annotated corpus (LGL/TR-News or GeoVirus XML).

    Prints recognition precision/recall/F1 (exact and overlapping spans), resolution
    accuracy within 161 km, mean/median error and AUC on matched toponyms, end-to-end
    F1@161, and articles per second (parsing only, gazetteer load excluded).

    \b
    Example:
      geomap evaluate ../shared/corpora/lgl.xml
    """
    from . import pipeline
    from .evaluate import DEFAULT_ROLES, read_corpus
    from .evaluate import evaluate as run_evaluation

    gold = read_corpus(corpus)[:limit]
    recognize, _ = _recognizer(ner, ner_model)
    gaz = _open_gazetteer(gazetteer_path, quiet=fmt == "json")
    roles = tuple(r for r in DEFAULT_ROLES if not (literal_only and r == "metonym"))
    roles += ("demonym",) if demonyms else ()
    scores = run_evaluation(
        gold, lambda article: pipeline.mentions_of(article, gaz, recognize), roles=roles
    ).as_dict()
    if fmt == "json":
        click.echo(json.dumps(scores, indent=1))
        return
    click.echo(
        f"{corpus}: {scores['articles']} articles, {scores['gold']} gold toponyms, "
        f"{scores['predicted']} predicted"
    )
    for kind in ("exact", "overlap"):
        m = scores[kind]
        click.echo(
            f"  recognition ({kind:7}) P {m['precision']:.3f}  R {m['recall']:.3f}  "
            f"F1 {m['f1']:.3f}"
        )
    r = scores["resolution"]
    click.echo(
        f"  resolution on {r['matched_with_coordinates']} matched: acc@161 {r['acc161']:.3f}"
        f"  mean {r['mean_km']:.0f} km  median {r['median_km']:.1f} km  AUC {r['auc']:.3f}"
    )
    e = scores["end_to_end"]
    click.echo(
        f"  end to end @161 km     P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}"
    )
    click.echo(f"  speed: {scores['docs_per_second']:.0f} articles/s ({scores['seconds']:.2f} s)")


@cli.group()
def gazetteer() -> None:
    """Build, inspect and query the offline gazetteer."""


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Rebuild even when an up-to-date index exists.")
@quiet_option
def gazetteer_build(force: bool, quiet: bool) -> None:
    """Compile the default world gazetteer (GeoNames cities500, countries, geomap's tables).

    Runs automatically on first use; takes under a minute and needs no network.
    """
    from .gazetteer import build_lock
    from .gazetteer_build import build_gazetteer, default_index_path

    path = default_index_path()
    if path.is_file() and not force:
        _say(quiet)(f"up to date: {path}")
        return
    with build_lock(path, _say(quiet)):  # one build at a time, however started
        build_gazetteer(path, progress=_say(quiet))
    _say(quiet)(f"built {path}")


@gazetteer.command("info")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@gazetteer_option
def gazetteer_info(fmt: str, gazetteer_path: str | None) -> None:
    """Show the gazetteer's sources, counts and build details."""
    info = _open_gazetteer(gazetteer_path, quiet=False).info()
    if fmt == "json":
        click.echo(json.dumps(info, indent=1, ensure_ascii=False))
        return
    for key, value in info.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for sub, count in value.items():
                click.echo(f"  {sub}: {count:,}" if isinstance(count, int) else f"  {sub}: {count}")
        else:
            click.echo(f"{key}: {value:,}" if isinstance(value, int) else f"{key}: {value}")


@gazetteer.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--name", "layer", help="Name of the layer [default: the file name, e.g. UA].")
@click.option(
    "--alternate-names",
    type=click.Path(exists=True, dir_okay=False),
    help="GeoNames alternateNamesV2.txt (or its .zip) with more names for the dump's places.",
)
@click.option(
    "--feature-classes",
    default="PAHLSTRUV",
    show_default=True,
    help="GeoNames feature classes to keep (P places, A divisions, H water, S sites...).",
)
@click.option(
    "--min-population", default=0, show_default=True, help="Skip smaller populated places."
)
@click.option("--name-field", default="name", show_default=True, help="Vector: the name field.")
@click.option(
    "--alt-name-field",
    "alt_name_fields",
    multiple=True,
    help="Vector: another name field (repeatable) [default: other text fields called name*].",
)
@click.option("--kind", help="Vector: the kind of every feature (river, lake, bridge...).")
@click.option("--kind-field", help="Vector: a field holding each feature's kind.")
@click.option("--id-field", help="Vector: a field with stable ids (else ids come from names).")
@click.option("--country", help="Vector: ISO 3166 alpha-2 country of every feature.")
@click.option("--replace", is_flag=True, help="Rebuild an existing layer of the same name.")
@quiet_option
def gazetteer_import(
    source: str,
    layer: str | None,
    alternate_names: str | None,
    feature_classes: str,
    min_population: int,
    name_field: str,
    alt_name_fields: tuple[str, ...],
    kind: str | None,
    kind_field: str | None,
    id_field: str | None,
    country: str | None,
    replace: bool,
    quiet: bool,
) -> None:
    """Add your own gazetteer data: a GeoNames dump or a vector layer.

    A GeoNames dump is a .txt (or GeoNames' .zip) such as allCountries.txt or UA.txt;
    anything else is read as a vector layer (GeoJSON, Shapefile, GeoPackage...). The
    imported places join the default gazetteer in every later command; 'geomap run'
    re-parses stored articles because the gazetteer changed.

    \b
    Examples:
      geomap gazetteer import UA.zip --alternate-names alternateNamesV2.zip
      geomap gazetteer import ne_10m_rivers_lake_centerlines.shp --kind-field featurecla
      geomap gazetteer import bridges.geojson --kind bridge --country UA --name bridges
    """
    from . import gazetteer_import as importer

    say = _say(quiet)
    if _is_geonames_dump(source):
        path = importer.import_geonames(
            source,
            name=layer,
            alternate_names=alternate_names,
            feature_classes=feature_classes,
            min_population=min_population,
            replace=replace,
            progress=say,
        )
    else:
        path = importer.import_vector(
            source,
            name=layer,
            name_field=name_field,
            alt_name_fields=alt_name_fields or None,
            kind=kind,
            kind_field=kind_field,
            id_field=id_field,
            country=country,
            replace=replace,
            progress=say,
        )
    say(f"imported layer {path.stem!r}: {path}")


def _is_geonames_dump(source: str) -> bool:
    return source.lower().endswith((".txt", ".zip")) and not source.lower().endswith(".shp.zip")


@gazetteer.command("remove")
@click.argument("layer")
def gazetteer_remove(layer: str) -> None:
    """Delete the imported layer LAYER (see 'geomap gazetteer info')."""
    from .gazetteer_import import remove_layer

    click.echo(f"removed {remove_layer(layer)}", err=True)


@gazetteer.command("lookup")
@click.argument("name")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--limit", default=10, show_default=True, help="Show at most this many candidates.")
@gazetteer_option
def gazetteer_lookup(name: str, fmt: str, limit: int, gazetteer_path: str | None) -> None:
    """List the places called NAME, best first (before any context is known).

    \b
    Examples:
      geomap gazetteer lookup Kherson
      geomap gazetteer lookup "Dnieper River" --format json
    """
    from .resolve import rank_by_prior

    places = rank_by_prior(_open_gazetteer(gazetteer_path, quiet=False).candidates(name))[:limit]
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "kind": p.kind,
            "country": p.country,
            "admin1": p.admin1,
            "population": p.population,
            "lat": p.lat,
            "lon": p.lon,
        }
        for p in places
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    if not rows:
        raise click.ClickException(f"no place called {name!r} in the gazetteer")
    for r in rows:
        click.echo(
            f"{r['id']:<32} {r['name']:<28} {r['kind']:<9} {r['country'] or '-':<3} "
            f"pop {r['population']:>10,}  {r['lat']:.4f},{r['lon']:.4f}"
        )


@cli.group()
def assets() -> None:
    """Install the JavaScript and CSS that offline maps inline."""


@assets.command("install")
@quiet_option
def assets_install(quiet: bool) -> None:
    """Fetch Leaflet and its plugins from the npm registry (needs npm) into geomap's data
    folder, so that 'geomap run --offline' can inline them. Run once per machine."""
    from . import assets as assets_module

    folder = assets_module.install(progress=_say(quiet))
    _say(quiet)(f"ready: {folder}")


@assets.command("info")
def assets_info() -> None:
    """Say where the offline assets are and whether they are installed."""
    from . import assets as assets_module

    for package in assets_module.INSTALLED:
        state = (
            "installed" if package.installed() else "not installed (run 'geomap assets install')"
        )
        click.echo(f"{package.name} {package.version}: {state}\n  {package.folder}")


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``geomap`` console script."""
    # the interpreter's last collection at exit walked every object left (the gazetteer's
    # and the morphology's caches), a tenth of a short command, to free memory the process
    # gives back anyway: frozen, they are left out. Nothing is lost: stores commit as they
    # go and outputs are closed where written; the gazetteer is only read.
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    cli.main(args=argv, prog_name="geomap")


if __name__ == "__main__":  # pragma: no cover
    main()
