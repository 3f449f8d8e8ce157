"""Helpers the source readers share: plain text from HTML fragments, timestamps as sources give them."""
from __future__ import annotations

import datetime as _dt
import re

_BLANKS = re.compile(r"[ \t\u00a0]+")
_MANY_LINES = re.compile(r"\n{3,}")


def tidy(text: str) -> str:
    """Runs of spaces made one, lines stripped, at most one blank line between paragraphs."""
    lines = [_BLANKS.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _MANY_LINES.sub("\n\n", "\n".join(lines)).strip()


def html_fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content): block elements become paragraphs."""
    import lxml.html

    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment:
        return tidy(fragment)
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for bad in root.xpath(".//script|.//style|.//figcaption|.//figure"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.xpath(".//p|.//div|.//li|.//h1|.//h2|.//h3|.//h4|.//blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    return tidy(root.text_content())


def iso_minute(moment: _dt.datetime) -> str:
    """``2024-08-14T09:32+03:00``: a moment to the minute, with its UTC offset when it has one."""
    text = moment.strftime("%Y-%m-%dT%H:%M")
    off = moment.utcoffset()
    if off is None:
        return text
    if off == _dt.timedelta(0):
        return text + "Z"
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{text}{sign}{minutes // 60:02d}:{minutes % 60:02d}"
