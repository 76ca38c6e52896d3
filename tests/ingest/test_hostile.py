"""Hostile input: every parser and normaliser under generated input, bombs, huge and endless files.

The rule under test: bad input gives one clear InputError naming it, never a crash, never
unbounded memory, and nothing already stored is lost.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import subprocess
import sys
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracewire.errors import FormatError, InputError
from tracewire.ingest import MAX_FILE_BYTES, read_bytes, read_inputs
from tracewire.ingest.feed import parse_feed
from tracewire.ingest.html import html_to_text, iso_date, nesting_depth
from tracewire.ingest.jsonl import parse_jsonl
from tracewire.ingest.text import parse_text
from tracewire.model import Document, content_id, name_key, normalise_text

SUFFIXES = ["", ".txt", ".html", ".jsonl", ".xml", ".rss", ".unknown"]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- properties of the parsers -----------------------------------------------------------------


@FAST
@given(st.binary(max_size=2000), st.sampled_from(SUFFIXES))
def test_any_bytes_give_documents_or_input_errors_never_an_exception(data, suffix):
    for item in read_bytes(data, "fuzz", suffix=suffix):
        assert isinstance(item, Document | InputError)
        if isinstance(item, Document):
            assert item.text.strip() and item.id.startswith("sha256:")
        else:
            assert str(item).startswith("fuzz") and "\n" not in str(item)


MARKUP = st.lists(st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<b>", "<br>", "&amp;", "&#0;", "<!--", "-->",
                                   "<script>", "</script>", "<html>", "<body>", "<title>", "</title>", "Kabul", " ",
                                   "\n", "said", "the", "Taliban", "<", ">", "\"", "'", "<![CDATA[", "]]>", "\x00"]),
                  max_size=80).map("".join)


@FAST
@given(MARKUP, st.sampled_from([".html", ".xml", ".txt", ""]))
def test_markup_soup_never_crashes_a_parser(text, suffix):
    for item in read_bytes(text.encode("utf-8", "surrogatepass"), "soup", suffix=suffix):
        assert isinstance(item, Document | InputError)
    html_to_text(text)  # a feed entry's content: any fragment gives some text


@FAST
@given(st.text(max_size=400))
def test_feed_entries_with_any_content(body):
    esc = body.replace("&", "&amp;").replace("<", "&lt;").replace("]]>", "")
    rss = f"<?xml version='1.0'?><rss><channel><title>W</title><item><title>t</title><description>{esc}" \
          "</description></item></channel></rss>"
    try:
        items = list(parse_feed(rss.encode("utf-8", "surrogatepass"), "feed.rss"))
    except FormatError:
        return
    assert all(isinstance(i, Document | FormatError) for i in items)


@FAST
@given(st.lists(st.one_of(
    st.fixed_dictionaries({"text": st.text(min_size=1, max_size=80)},
                          optional={"title": st.one_of(st.none(), st.text(max_size=20), st.integers()),
                                    "published": st.text(max_size=12), "url": st.text(max_size=12)}),
    st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                 lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=4), kids, max_size=3),
                 max_leaves=8)), max_size=6))
def test_jsonl_lines_are_read_or_reported_one_by_one(objects):
    text = "\n".join(json.dumps(o) for o in objects)
    items = list(parse_jsonl(text, "f.jsonl"))
    real = [o for o in objects if isinstance(o, dict) and isinstance(o.get("text"), str) and o["text"].strip()]
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.text for d in docs] == [o["text"] for o in real]
    for item in items:
        if isinstance(item, FormatError):
            assert re.match(r"f\.jsonl:\d+: ", str(item))


@FAST
@given(st.text(min_size=1, max_size=300))
def test_text_articles_keep_their_text_exactly(text):
    doc = parse_text(text, path="a.txt")
    assert doc.text == text  # mention offsets point into exactly this string
    assert doc.source.title is None or (doc.source.title in text and "\n" not in doc.source.title)


# -- properties of the normalisers ---------------------------------------------------------------


@FAST
@given(st.text(max_size=200))
def test_normalised_text_is_a_fixed_point_and_ids_ignore_spacing(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert content_id(text) == content_id("  " + text.replace(" ", "  ") + "\n")


@FAST
@given(st.text(alphabet=st.characters(codec="ascii"), max_size=60))
def test_name_keys_ignore_case_and_hold_only_lowercase_words(name):
    key = name_key(name)
    assert key == name_key(name.upper()) == name_key(name.lower())
    assert key == " ".join(key.split()) and key == key.casefold()


@FAST
@given(st.text(max_size=40))
def test_iso_dates_are_dates_or_nothing(value):
    out = iso_date(value)
    assert out is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", out)


# -- nesting, bombs, huge and endless inputs -------------------------------------------------------


def test_deeply_nested_json_and_html_are_refused_with_a_reason():
    deep_json = '{"text": "x", "a": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (item,) = list(parse_jsonl(deep_json, "deep.jsonl"))
    assert isinstance(item, FormatError) and "nested too deeply" in str(item)
    deep_html = "<html><body>" + "<div>" * 50_000 + "Officials in Kabul said the talks went on." + "</div>" * 50_000
    (item,) = list(read_bytes(deep_html.encode(), "deep.html", suffix=".html"))
    assert isinstance(item, FormatError) and "nested" in str(item) and "refused" in str(item)
    assert nesting_depth("<p>one<p>two<ul><li>a<li>b</ul><br><img src=x>") == 1  # left-open tags are fine


def test_zip_and_gzip_bombs_are_never_unpacked(tmp_path):
    zeros = b"\0" * (32 * 1024 * 1024)
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(zeros, compresslevel=9))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", zeros)
    (tmp_path / "bomb.zip.txt").write_bytes(buf.getvalue())
    (tmp_path / "bomb.jsonl").write_bytes(gzip.compress(zeros))
    errors = [str(i) for i in read_inputs([str(p) for p in sorted(tmp_path.iterdir())])]
    assert len(errors) == 3
    assert all("compressed files are not read, unpack it first" in e for e in errors)


# Peak memory as Linux counts it (VmHWM), reset first: a child process starts with its parent's peak.
PROBE = """
import re, sys, time
from tracewire.ingest import read_inputs
with open("/proc/self/clear_refs", "w") as fh:
    fh.write("5")
t = time.monotonic()
items = [str(i) for i in read_inputs(sys.argv[1:])]
peak = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) // 1024
print(repr(items))
print(peak, round(time.monotonic() - t, 2))
"""


def probe(*targets: str) -> tuple[list[str], int, float]:
    """Read ``targets`` in a fresh process: what it yields, its peak memory (MB) and the seconds it took."""
    out = subprocess.run([sys.executable, "-c", PROBE, *targets], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    items, last = out.stdout.strip().splitlines()
    rss, seconds = last.split()
    return eval(items), int(rss), float(seconds)  # noqa: S307 (our own repr of a list of strings)


def test_a_100_mb_file_and_an_endless_device_are_refused_without_reading_them(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)
    items, rss, seconds = probe(str(huge), "/dev/zero")
    assert items == [f"{huge}: file is 100 MB, over the {MAX_FILE_BYTES // 2**20} MB limit",
                     "/dev/zero: not a regular file (a pipe, socket or device is not read)"]
    assert rss < 150 and seconds < 5


class Endless(BaseHTTPRequestHandler):
    """Streams 1 GB of article text, made on the fly, to whoever asks."""

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(1024**3))
        self.end_headers()
        chunk = b"Officials in Kabul said the talks would go on. " * 1365  # 64 KiB
        try:
            for _ in range(1024**3 // len(chunk)):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def endless_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Endless)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/stream.txt"
    server.shutdown()
    server.server_close()


def test_a_1_gb_stream_is_cut_off_at_the_limit_in_bounded_memory(endless_server):
    items, rss, seconds = probe(endless_server)
    assert items == [f"{endless_server}: response larger than 20 MB, refused"]
    assert rss < 150 and seconds < 30


def test_hostile_files_in_an_ingest_lose_nothing_already_stored(tmp_path, fresh_db):
    from tests.conftest import SAMPLE

    db = fresh_db("hostile")
    bin_ = str(Path(sys.executable).parent / "tracewire")
    first = subprocess.run([bin_, "ingest", str(SAMPLE / "txt"), "--json", "--db", db],
                           capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "deep.jsonl").write_text('{"text": ' + "[" * 50_000 + "]" * 50_000 + "}\n")
    (bad / "bomb.txt").write_bytes(gzip.compress(b"\0" * 10_000_000))
    (bad / "soup.html").write_text("<html><body>" + "<div>" * 5000 + "</body>")
    (bad / "good.txt").write_text("Talks\n\nOfficials in Kabul said the talks with Pakistan would go on.")
    out = subprocess.run([bin_, "ingest", str(bad), "--json", "--db", db], capture_output=True, text=True, timeout=300)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    report = json.loads(out.stdout)
    assert report["new"] == 1 and len(report["failed"]) == 3
    stats = json.loads(subprocess.run([bin_, "stats", "--db", db], capture_output=True, text=True).stdout)
    assert stats["documents"] == json.loads(first.stdout)["new"] + 1
