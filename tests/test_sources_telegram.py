import datetime as dt
import json

from geomap.articles import Note, Skipped
from geomap.model import Article
from geomap.sources.telegram import is_telegram_export, telegram_items


def _export(tmp_path, messages, name="result.json", **chat):
    top = {"name": "Southern Front Notes", "type": "public_channel", "id": 1234567890}
    top.update(chat)
    top["messages"] = messages
    path = tmp_path / name
    path.write_text(json.dumps(top, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _message(number, text, **extra):
    message = {"id": number, "type": "message", "date": "2022-11-11T10:22:33", "text": text}
    message.update(extra)
    return message


def _split(items):
    articles = [item for item in items if isinstance(item, Article)]
    skipped = [item for item in items if isinstance(item, Skipped)]
    return articles, skipped


def test_plain_message_is_an_article(tmp_path):
    text = "Ukrainian forces entered Snihurivka on 10 November."
    path = _export(tmp_path, [_message(7, text, date_unixtime="1668154953")])
    (article,) = telegram_items(path)
    assert article.id == "telegram:1234567890:7"
    assert article.text == text
    assert article.date == dt.date(2022, 11, 11)
    assert article.title is None
    assert article.source == "Southern Front Notes"
    assert article.url is None  # no username: no public link
    assert article.source_kind == "telegram"
    assert article.path == str(path)


def test_username_makes_the_ids_and_links(tmp_path):
    path = _export(tmp_path, [_message(12, "Shelling reported near Nikopol.")])
    (article,) = telegram_items(path, channel="@southfront_notes")
    assert article.id == "telegram:southfront_notes:12"
    assert article.url == "https://t.me/southfront_notes/12"
    path = _export(tmp_path, [_message(13, "A ferry crossing at Kakhovka.")], username="sfn")
    (article,) = telegram_items(path)
    assert (article.id, article.url) == ("telegram:sfn:13", "https://t.me/sfn/13")
    (article,) = telegram_items(path, channel="https://t.me/other_name/99")
    assert article.url == "https://t.me/other_name/13"


def test_private_channel_without_id_is_named_by_a_slug(tmp_path):
    path = tmp_path / "result.json"
    chat = {
        "name": "Kherson Region: Daily",
        "type": "private_channel",
        "messages": [_message(3, "Power returned to Beryslav.")],
    }
    path.write_text(json.dumps(chat), encoding="utf-8")
    (article,) = telegram_items(path)
    assert article.id == "telegram:kherson-region-daily:3"
    assert article.url is None


def test_text_is_joined_from_its_entities(tmp_path):
    parts = [
        {"type": "bold", "text": "Kherson:"},
        " the city was entered this morning, see ",
        {"type": "text_link", "text": "the report", "href": "https://example.org/r"},
        " and ",
        {"type": "link", "text": "https://example.org/map"},
        " ",
        {"type": "hashtag", "text": "#news"},
    ]
    entities = [
        part if isinstance(part, dict) else {"type": "plain", "text": part} for part in parts
    ]
    expected = (
        "Kherson: the city was entered this morning, see the report and "
        "https://example.org/map #news"
    )
    path = _export(
        tmp_path,
        [
            _message(1, parts),  # text only
            _message(2, "stale plain text", text_entities=entities),  # entities first
        ],
    )
    first, second = telegram_items(path)
    assert first.text == expected
    assert second.text == expected


def test_forwarded_message_names_its_origin(tmp_path):
    message = _message(
        5,
        "Bridges over the Inhulets were damaged.",
        forwarded_from="Mykolaiv Evening",
        author="Olena K.",
    )
    path = _export(tmp_path, [message])
    (article,) = telegram_items(path)
    assert article.text == "Bridges over the Inhulets were damaged."
    assert article.source == "Southern Front Notes (forwarded from Mykolaiv Evening)"
    assert article.author == "Olena K."


def test_author_falls_back_to_from(tmp_path):
    path = _export(
        tmp_path, [_message(4, "Queues at the crossing near Zaporizhzhia.", **{"from": "Taras"})]
    )
    (article,) = telegram_items(path)
    assert article.author == "Taras"


def test_media_only_counted_once_and_service_ignored(tmp_path):
    messages = [
        {
            "id": 1,
            "type": "service",
            "date": "2022-11-11T09:00:00",
            "action": "pin_message",
            "text": "",
        },
        _message(2, "", photo="photos/photo_1.jpg"),
        _message(3, [], file="files/video.mp4", media_type="video_file"),
        _message(4, "Residents of Chornobaivka welcomed the soldiers."),
        {
            "id": 5,
            "type": "service",
            "date": "2022-11-11T09:00:00",
            "text": "Channel photo changed",
        },
    ]
    path = _export(tmp_path, messages)
    items = list(telegram_items(path))
    articles, skipped = _split(items)
    assert [article.id for article in articles] == ["telegram:1234567890:4"]
    assert skipped == []  # not faults of the export
    assert items[-1] == Note(str(path), "2 messages without text (media only) left out")


def test_bad_message_date_and_large_text_skip_only_that_message(tmp_path):
    messages = [
        _message(1, "Fighting near Bakhmut.", date="11/11/2022"),
        _message(2, "Kherson " * 40),
        _message(3, "Calm in Odesa."),
    ]
    path = _export(tmp_path, messages)
    articles, skipped = _split(list(telegram_items(path, max_bytes=100)))
    assert [article.text for article in articles] == ["Calm in Odesa."]
    assert [item.where for item in skipped] == [f"{path}#1", f"{path}#2"]
    assert "not a date" in skipped[0].reason
    assert "over the limit of 100" in skipped[1].reason


def test_nul_is_replaced(tmp_path):
    path = _export(tmp_path, [_message(1, "Izium\x00 was retaken.")])
    (article,) = telegram_items(path)
    assert article.text == "Izium\ufffd was retaken."


def test_bad_files_give_one_skipped(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": "x", "messages": [', encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"name": "a list of towns", "towns": ["Lyman"]}), encoding="utf-8")
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"name": "Café", "messages": []}'.encode("latin-1"))
    array = tmp_path / "array.json"
    array.write_text("[1, 2]", encoding="utf-8")
    for path, reason in [
        (broken, "not valid JSON"),
        (other, "not a Telegram export"),
        (latin, "not UTF-8"),
        (array, "not a Telegram export"),
    ]:
        (item,) = telegram_items(path)
        assert isinstance(item, Skipped) and item.where == str(path)
        assert reason in item.reason


def test_too_large_export_is_not_read(tmp_path):
    path = _export(tmp_path, [_message(1, "Snihurivka " * 50)])
    (item,) = telegram_items(path, max_bytes=10)
    assert isinstance(item, Skipped) and "over the limit" in item.reason


def test_sniff_tells_exports_from_other_json(tmp_path):
    export = _export(tmp_path, [_message(1, "Lyman was liberated.")])
    assert is_telegram_export(export)
    compact = tmp_path / "compact.json"
    compact.write_text(
        json.dumps({"name": "n", "type": "private_supergroup", "id": 1, "messages": []}),
        encoding="utf-8",
    )
    assert is_telegram_export(compact)
    nested = tmp_path / "nested.json"
    nested.write_text(
        json.dumps({"meta": {"name": "n", "messages": []}, "messages": {"a": 1}}), encoding="utf-8"
    )
    assert not is_telegram_export(nested)
    keys_in_strings = tmp_path / "strings.json"
    keys_in_strings.write_text(
        json.dumps({"note": '"name": 1, "messages": [', "data": []}), encoding="utf-8"
    )
    assert not is_telegram_export(keys_in_strings)
    listing = tmp_path / "list.json"
    listing.write_text('[{"name": "n", "messages": []}]', encoding="utf-8")
    assert not is_telegram_export(listing)
    assert not is_telegram_export(tmp_path / "missing.json")


def test_sniff_reads_only_the_start(tmp_path):
    # the messages come first and the name after 64 KB: not told as an export, and the
    # rest of the file (invalid) is never parsed
    path = tmp_path / "late.json"
    path.write_text('{"messages": [' + '"x", ' * 20_000 + '"y"], "name": "n"', encoding="utf-8")
    assert not is_telegram_export(path)
    head = tmp_path / "head.json"
    head.write_text('{"name": "n", "type": "public_channel", "messages": [' + "garbage" * 20_000)
    assert is_telegram_export(head)
