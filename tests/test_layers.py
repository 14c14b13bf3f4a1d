"""The front line and bridges kept in the store by key give what the whole layers made in
memory give, as articles come, change and go; an update makes again only what it touched."""

from __future__ import annotations

import json

import pytest
from conftest import save_parsed

from geomap.export import export_files, export_layers
from geomap.frontline import Banks
from geomap.layers import refresh_claims
from geomap.pipeline import update
from geomap.publish import store_layers
from geomap.store import Store

#: One article each; dated by their first line, as a saved article is.
ARTICLES = {
    # names one side: the place goes to that side's usual opponent, once the corpus has one
    "withdrawal.txt": (
        "2022-11-12",
        "Russian forces withdrew from Snihurivka on Thursday, the governor said.",
    ),
    "pair.txt": (
        "2022-11-13",
        "Ukrainian troops shelled Russian positions near Bakhmut on Friday.",
    ),
    # generic rebels: read as the force the corpus names near them, once it names one
    "rebels.txt": ("2024-12-08", "Rebels captured Homs on Saturday."),
    "named.txt": ("2024-12-06", "HTS-led rebels entered Hama on Thursday."),
    "bridge.txt": (
        "2022-11-12",
        "Retreating troops blew up the Antonivskyi Bridge over the Dnipro on Friday.",
    ),
}


def write(folder, *names, text=None):
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        date, body = ARTICLES[name]
        (folder / name).write_text(f" date {date} \n\n{text or body}", encoding="utf-8")


def layers_now(store_path, gazetteer):
    """The store's front line and bridge layers, from its parts, and as made in memory
    from everything it holds; and the claims (place, side) the store keeps."""
    banks = gazetteer.places_of_kind("bank")
    with Store(store_path) as store:
        files = store_layers(store, banks).files("geojson")
        articles = {a.id: a for a in store.articles()}
        expected = export_files(
            export_layers(articles, store.mentions(), store.events(), banks), "geojson"
        )
        names = {p.id: p.name for p in store._places().values()}
        claims = {(names[place], side) for _, place, side, _ in store.claims()}
    for name in ("frontline.geojson", "bridges.geojson"):
        assert files[name] == expected[name], name
    return json.loads(files["frontline.geojson"]), claims


@pytest.fixture(params=["sqlite", "postgis"])
def store_path(request, tmp_path):
    """A new store: a SQLite file, or a PostgreSQL database (the same code on both)."""
    if request.param == "postgis":
        return request.getfixturevalue("postgis_url")
    return tmp_path / "out" / "geomap.sqlite"


def test_claims_follow_their_context_as_articles_come_change_and_go(
    tmp_path, gazetteer, store_path
):
    sources, out = tmp_path / "in", tmp_path / "out"
    write(sources, "withdrawal.txt", "rebels.txt")
    update([sources], store_path, out, gazetteer)
    _, claims = layers_now(store_path, gazetteer)
    assert claims == set()  # no opponent for Russia, no named rebels near Homs yet

    write(sources, "pair.txt", "named.txt", "bridge.txt")
    update([sources], store_path, out, gazetteer)
    frontline, claims = layers_now(store_path, gazetteer)
    assert any(path.name.startswith("UA-") for path in (out / "bridges").iterdir())  # named
    assert ("Snihurivka", "UA") in claims  # the usual opponent, learnt from another article
    assert ("Homs", "HTS") in claims  # the rebels, read from another article
    held = {f["properties"]["name"]: f["properties"] for f in frontline["features"]}
    assert held["Homs"]["valid_to"] == "2024-12-08" and held["Homs"]["open_ended"]

    # the named force goes: the generic rebels near it are of no side again
    write(sources, "named.txt", text="Aid reached Hama on Thursday.")
    update([sources], store_path, out, gazetteer)
    _, claims = layers_now(store_path, gazetteer)
    assert ("Homs", "HTS") not in claims and ("Snihurivka", "UA") in claims

    # the only article naming Russia's opponent is edited: Russia has none again
    write(sources, "pair.txt", text="Shelling hit Bakhmut on Friday.")
    update([sources], store_path, out, gazetteer)
    _, claims = layers_now(store_path, gazetteer)
    assert ("Snihurivka", "UA") not in claims


def test_an_update_makes_the_claims_of_its_own_articles_only(tmp_path, gazetteer, store_path):
    sources, out = tmp_path / "in", tmp_path / "out"
    write(sources, "withdrawal.txt", "pair.txt", "bridge.txt")
    update([sources], store_path, out, gazetteer)
    write(sources, "rebels.txt")
    with Store(store_path) as store:
        save_parsed(store, sources / "rebels.txt", gazetteer)
        banks = Banks(gazetteer.places_of_kind("bank"))
        assert refresh_claims(store, banks) == 1
        assert refresh_claims(store, banks) == 0
        # a change of the gazetteer's banks makes them all again
        assert refresh_claims(store, Banks([])) == 4
