"""HTML pages: main text by trafilatura (navigation, sidebars and footers dropped), with title,
publication date and outlet from the page's metadata."""

from __future__ import annotations

import re

import trafilatura

from tracewire.errors import FormatError
from tracewire.model import Document, Source

_MIN_WORDS = 5
MAX_DEPTH = 512  # real pages nest a few dozen elements; thousands is an attack on the parser
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr",
))
# often left open on purpose, and closed by the next one: never counted as nesting
_SELF_CLOSING = frozenset((
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "colgroup", "tbody", "thead", "tfoot",
    "rb", "rt", "rp",
))
_FLAT = _VOID | _SELF_CLOSING


def nesting_depth(html: str, stop: int = MAX_DEPTH) -> int:
    """How deep the elements of ``html`` nest (unclosed tags count), up to a little past ``stop``."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(1):
            if m.group(2).lower() not in _SELF_CLOSING:
                depth = max(0, depth - 1)
        elif not m.group(3) and m.group(2).lower() not in _FLAT:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop:
                    break
    return deepest


def parse_html(html: str, path: str | None = None, url: str | None = None) -> Document:
    where = path or url or "<html>"
    depth = nesting_depth(html)
    if depth > MAX_DEPTH:
        raise FormatError(where, f"HTML nested {depth} elements deep (over {MAX_DEPTH}), refused")
    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                             include_tables=False)
    except Exception as exc:  # trafilatura raises many lxml error types on broken markup
        raise FormatError(where, f"cannot parse HTML ({type(exc).__name__})") from None
    body = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if len(body.split()) < _MIN_WORDS:
        raise FormatError(where, "no article text found in the HTML (truncated or empty page?)")
    # one paragraph per line from trafilatura; blank lines keep paragraphs apart for the parser
    text = "\n\n".join(line.strip() for line in body.splitlines() if line.strip())
    return Document(
        text=text,
        source=Source(path=path, url=url or getattr(result, "url", None), title=getattr(result, "title", None),
                      outlet=getattr(result, "sitename", None), published=iso_date(getattr(result, "date", None))),
        format="html",
    )


def iso_date(value: str | None) -> str | None:
    if not value:
        return None
    m = re.match(r"\d{4}-\d{2}-\d{2}", value)
    return m.group(0) if m else None


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's content), one paragraph per block."""
    from lxml import html as lxml_html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = {"p", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"}
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in blocks:
            el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    paragraphs = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)
