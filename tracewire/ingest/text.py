"""Plain-text articles: an optional headline line followed by a blank line, then the body.

A text with no other record of when it appeared may say so itself, in a dateline ("KABUL, Dec 12,
2024 - ...") or a label line ("Analysis | April 27, 2025"); that date is its publication date, so
that "on Monday" and "last week" in it can be resolved."""

from __future__ import annotations

import re
from datetime import date

from tracewire.model import Document, Source

_MAX_TITLE = 200
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
# a month's name in full or cut short ("March", "Mar.", "Sept."), and nothing else ("Mayor")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
# "March 13, 2025", "Mar. 13, 2025", "13 March 2025", with an optional weekday before it
_DATE = (r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
         r"(?:(?P<month>" + _MONTH + r")\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)"
         r"|(?P<day2>\d{1,2})\s+(?P<month2>" + _MONTH + r")\.?,?\s+(?P<year2>(?:19|20)\d\d))")
# a dateline: a place in capitals (perhaps with a country), the date, then a dash; letters with
# accents count ("BOGOTÁ, Colombia", "ABIDJAN, Côte d'Ivoire", "BISSAU, Guinea-Bissau")
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_DATELINE = re.compile(r"[" + _UPPER + r"][" + _UPPER + r".'\u2019\- ]+"
                       r"(?:,\s*[" + _UPPER + r"][^\W\d_][\w.'\u2019\- ]*?)?,\s+" + _DATE
                       + r"\s*[-\u2013\u2014](?:\s|$)")
# a label line: "Analysis | April 27, 2025", "Ouagadougou | Friday, August 30, 2024", and a place
# name (capitalised words, "/" between places) with a dash before a date that ends the line
# ("PORT-AU-PRINCE - April 3, 2025"; not a headline such as "Remembering the attack - May 3, 2013")
_LABEL = re.compile(r"(?:[^\n|]{1,40}\||[" + _UPPER + r"][\w.'\u2019\-]*(?:\s+(?:[" + _UPPER
                    + r"][\w.'\u2019\-]*|/|de|do|da|del|es|el|al|du|la|le))*\s+[-\u2013\u2014])\s*" + _DATE + r"\s*$")


def parse_text(text: str, path: str | None = None, url: str | None = None) -> Document:
    """The whole text is the document (offsets point into it); a short first paragraph is its title."""
    first, sep, rest = text.lstrip("\ufeff").partition("\n\n")
    title = None
    if sep and rest.strip() and 0 < len(first.strip()) <= _MAX_TITLE and "\n" not in first.strip():
        title = first.strip()
    body = rest if title else text.lstrip("\ufeff")
    # a short first paragraph may be the label or dateline itself ("Analysis | April 27, 2025")
    published = dateline_date(title or "") or dateline_date(body)
    return Document(text=text, source=Source(path=path, url=url, title=title, published=published),
                    format="text")


def dateline_date(body: str) -> str | None:
    """The ISO date a body's opening dateline, or a label line among its first three, gives."""
    head = body.lstrip()[:240]
    # "By our correspondent\nNairobi | Wednesday, ...", "By Staff Reporter\nISLAMABAD, Oct 19, 2025 - ..."
    lines = head.split("\n\n", 1)[0].split("\n")[:3]
    m = next((found for line in lines if (found := _DATELINE.match(line.strip())) is not None), None)
    if m is None:
        m = next((found for line in lines if (found := _LABEL.match(line.strip())) is not None), None)
    if m is None:
        return None
    month = (m.group("month") or m.group("month2") or "")[:3].lower()
    day = m.group("day") or m.group("day2")
    year = m.group("year") or m.group("year2")
    if month not in _MONTHS or day is None or year is None:
        return None
    try:
        return date(int(year), _MONTHS[month], int(day)).isoformat()
    except ValueError:
        return None  # "February 30": no such day
