from __future__ import annotations

import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracewire.errors import FormatError, InputError
from tracewire.ingest import read_bytes, read_inputs
from tracewire.ingest.html import html_to_text, parse_html
from tracewire.ingest.jsonl import parse_jsonl
from tracewire.ingest.text import parse_text
from tracewire.model import Document, content_id

PAGE = """<!doctype html><html><head><title>Envoy meets Taliban officials - Frontier Wire</title>
<meta property="og:site_name" content="Frontier Wire">
<meta property="article:published_time" content="2023-05-14T08:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Envoy meets Taliban officials</h1>
<p>A special envoy met Taliban officials in Kabul on Sunday to discuss the security of the northern border
with Uzbekistan, the foreign ministry said in a statement.</p>
<p>The talks followed a series of meetings in Doha earlier in the year, officials said.</p></article>
<aside>Related: Weather in Kabul | Football results</aside><footer>Copyright Frontier Wire</footer></body></html>"""


def test_html_main_text_and_metadata():
    doc = parse_html(PAGE, path="p.html")
    assert "special envoy met Taliban officials" in doc.text
    assert "Football results" not in doc.text and "Copyright" not in doc.text
    assert doc.source.outlet == "Frontier Wire"
    assert doc.source.published == "2023-05-14"
    assert doc.source.title and doc.source.title.startswith("Envoy meets Taliban officials")


def test_truncated_html_is_a_format_error():
    with pytest.raises(FormatError, match="no article text"):
        parse_html("<!doctype html><html><head><title>Break", path="t.html")


def test_text_title_is_first_paragraph_and_offsets_are_the_file():
    raw = "Headline here\n\nBody text about Kabul."
    doc = parse_text(raw, path="a.txt")
    assert doc.source.title == "Headline here"
    assert doc.text == raw


def test_jsonl_reports_bad_lines_and_keeps_good_ones():
    lines = [json.dumps({"text": "First article about Herat.", "title": "One", "published": "2022-01-02T10:00"}),
             json.dumps({"title": "no text"}), "{not json", json.dumps({"text": "Second article about Balkh."})]
    items = list(parse_jsonl("\n".join(lines), "f.jsonl"))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert [d.source.title for d in docs] == ["One", None]
    assert docs[0].source.published == "2022-01-02"
    assert errors == ["f.jsonl:2: missing field 'text'", "f.jsonl:3: invalid JSON (Expecting property name enclosed in"
                      " double quotes at column 2)"]


RSS = """<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Frontier Wire</title><link>https://example.org</link><description>d</description>
<item><title>Item one</title><link>https://example.org/1</link><pubDate>Tue, 10 Jan 2023 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>First paragraph on Kunduz.</p><p>Second paragraph on Takhar.</p>]]></content:encoded></item>
<item><title>Item two</title><link>https://example.org/2</link><description>Plain summary about Balkh.</description></item>
</channel></rss>"""


def test_rss_items_become_documents():
    items = list(read_bytes(RSS.encode(), "wire.rss", suffix=".rss"))
    assert all(isinstance(i, Document) for i in items)
    first, second = items
    assert first.text == "First paragraph on Kunduz.\n\nSecond paragraph on Takhar."
    assert first.source.published == "2023-01-10" and first.source.outlet == "Frontier Wire"
    assert second.source.url == "https://example.org/2"


def test_not_a_feed_is_reported():
    items = list(read_bytes(b"<rss><channel></channel></rss>", "x.rss", suffix=".rss"))
    assert len(items) == 1 and isinstance(items[0], FormatError)


@given(st.text(max_size=300))
def test_html_to_text_never_fails(fragment):
    assert isinstance(html_to_text(fragment), str)


def test_same_text_same_id_whatever_the_spacing():
    assert content_id("A  b\n\nc ") == content_id("A b c")
    assert content_id("A b c") != content_id("A b d")


def test_folders_are_walked_recursively_and_missing_paths_reported(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Title\n\nText about Kabul and Herat.")
    (tmp_path / "b.html").write_text(PAGE)
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    items = list(read_inputs([str(tmp_path), str(tmp_path / "nope.txt")]))
    assert sum(isinstance(i, Document) for i in items) == 2
    assert [str(i) for i in items if isinstance(i, InputError)] == [f"{tmp_path / 'nope.txt'}: no such file or folder"]


@pytest.fixture()
def http_folder(tmp_path):
    (tmp_path / "page.html").write_text(PAGE)
    (tmp_path / "feed.xml").write_text(RSS)
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a, **k: None  # type: ignore[method-assign]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_urls_are_fetched_from_a_local_server(http_folder):
    items = list(read_inputs([f"{http_folder}/page.html", f"{http_folder}/feed.xml", f"{http_folder}/missing.html"]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert len(docs) == 3
    assert docs[0].source.url == f"{http_folder}/page.html" and docs[0].source.outlet == "Frontier Wire"
    assert errors == [f"{http_folder}/missing.html: HTTP 404 File not found"]


def test_only_http_urls_are_fetched():
    from tracewire.ingest.fetch import fetch

    with pytest.raises(InputError, match="only http"):
        fetch("file:///etc/passwd")


@pytest.mark.parametrize(("body", "published"), [
    ("KHOST, Afghanistan, March 13, 2025 - Gunmen attacked a checkpoint on Monday.", "2025-03-13"),
    ("MOGADISHU, 5 June 2024 \u2014 A car bomb exploded on Friday.", "2024-06-05"),
    ("Analysis | August 20, 2025\n\nThe debate over the militia's arms went on last week.", "2025-08-20"),
    ("Niamey | Friday, August 30, 2024\nSoldiers were deployed on Thursday.", "2024-08-30"),
    ("Officials said on March 3, 2025 - a Monday - that talks had failed.", None),
    ("KABUL, February 30, 2024 - No such day.", None),
    # accented capitals, a country with an accent, an apostrophe or a hyphen
    ("ABIDJAN, Côte d'Ivoire, May 4, 2019 - Police detained two men.", "2019-05-04"),
    ("BOGOTÁ, Colombia, 2 June 2021 - Talks resumed.", "2021-06-02"),
    ("BISSAU, Guinea-Bissau, Feb. 1, 2022 - Gunfire was heard.", "2022-02-01"),
    # a byline before the dateline; a place and a dash before a date on a line of its own
    ("By Staff Reporter\nQUETTA, Oct 19, 2025 - Gunmen fired on a bus.", "2025-10-19"),
    ("PORT-AU-PRINCE - April 3, 2025\n\nGangs took the town.", "2025-04-03"),
    ("Kinshasa / Kigali - February 24, 2025\n\nThe talks ended.", "2025-02-24"),
    ("Troops fought all day - March 3, 2025 was the worst of it.", None),
    # (review guards) a dash that ends the dateline's line; a headline that ends with a date
    ("KABUL, Afghanistan, March 3, 2025 -\nGunmen attacked a checkpoint.", "2025-03-03"),
    ("Remembering the Westgate attack - September 21, 2013\n\nTen years on, the mall has reopened.", None),
    ("Dar es Salaam - April 3, 2025\n\nPolice detained two men.", "2025-04-03"),
])
def test_text_dateline_is_the_publication_date(body: str, published: str | None) -> None:
    doc = parse_text("A headline\n\n" + body)
    assert doc.source.published == published
    assert doc.text == "A headline\n\n" + body  # offsets still point into the whole text


def test_dateline_resolves_relative_dates_in_events() -> None:
    from tracewire.extract import extract_one

    text = ("Gunmen storm checkpoint\n\nKHOST, Afghanistan, March 13, 2025 - Fighters of the Islamic State attacked a police "
            "checkpoint in Khost on Monday, killing four officers, the provincial police chief said.")
    events = extract_one(parse_text(text)).events
    attack = next(e for e in events if e.type == "ATTACK")
    assert attack.time == "2025-03-10"


@given(st.text(max_size=200))
def test_dateline_date_never_fails(body: str) -> None:
    from tracewire.ingest.text import dateline_date

    found = dateline_date(body)
    assert found is None or len(found) == 10 and found[4] == "-"


@pytest.mark.parametrize(("text", "published"), [
    ("Analysis | April 27, 2025\n\nThe group's fighters regrouped last week.", "2025-04-27"),
    ("By our East Africa correspondent\nNairobi | Wednesday, January 29, 2025\n\nRebels entered the city.",
     "2025-01-29"),
    ("A headline\n\nPARIS, Mayor 3, 2024 - Not a month.", None),
])
def test_label_lines_and_months_spelled_out(text: str, published: str | None) -> None:
    assert parse_text(text).source.published == published
