"""The raw lines of a document's text, with hard-wrapped lines joined back into their paragraph.

Decides what one line of running text is: a table of contents and page numbers are left out, an attachment
line restarts the numbering, and a line broken inside a sentence (a PDF's page width, Word wrapping) is
joined to the line before it; the wrap width is read from the display width of the lines
(``page_width``, ``display_width``).
Gold README (tests/gold/obligations/README.md), unit convention 2 (a numbered item's paragraphs are units,
its sentences are not) and 3 (punctuation decides sentence units): both need a paragraph to be the
paragraph as written, not a page's line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from policykg.ingest.extract.headings import _SENTENCE_MARK, _next_decimal, _numbered, stage_dates_only
from policykg.ingest.extract.task_tables import is_label_line
from policykg.ingest.model import Document, Span

_ATTACHMENT_LINE = re.compile(r"^附件\s*(\d*)\s*[：:]?\s*$")
# 附件：1.智能网联汽车道路测试申请书, then 2.…申请流程图 …: a list of attachments by title, one a line, no sentence
_ATTACHMENT_LIST = re.compile(r"^附件\s*[：:]\s*(\d{1,2})\s*[.．、]\s*[^。；;！!？?]{2,60}$")
_ATTACHMENT_ITEM = re.compile(r"^(\d{1,2})\s*[.．、]\s*[^。；;！!？?]{2,60}$")
_SENTENCE_END_CHARS = "。；;：:！!？?）)”"
_STOPS = "。；;：:！!？?"  # the marks that end a sentence wherever the line ends


@dataclass
class _Raw:
    text: str
    start: int
    hit: tuple[int, str, str, float, int] | None
    title_like: bool
    attachment: str | None = None
    tail_width: int = 0  # the display width of its last physical line
    wrapped: bool = False  # the document is hard-wrapped at a page's width


# a PDF page's number on a line of its own (1, - 2 -)
_PAGE_NUMBER = re.compile(r"^[-—－]?\s*\d{1,3}\s*[-—－]?$")
_NARROW = re.compile(r"[\x00-\u1fff]+")


def display_width(line: str) -> int:
    """Display width: a CJK character, a full-width sign or a quotation mark counts two, an ASCII one."""
    return len(line) + len(_NARROW.sub("", line))  # (the wide characters are what is left)


def page_width(text: str) -> int | None:
    """The display width at which a document's text was hard-wrapped (a PDF page's), or None when its lines are
    paragraphs (``_wrap_width`` of its non-empty lines)."""
    return _wrap_width([ln.strip(" \t\u3000\ufeff\r") for ln in text.split("\n") if ln.strip()])


def _wrap_width(lines: list[str]) -> int | None:
    """The width at which a PDF's text was broken into lines, or None when its lines are paragraphs.

    Text copied from a PDF keeps the page's line breaks: most lines that end inside a sentence then have one
    display width (the page's), whatever their content; in a text with one paragraph per line such lines are
    rare and of any width."""
    open_lines = [display_width(ln) for ln in lines if len(ln) >= 15 and ln[-1] not in _SENTENCE_END_CHARS]
    if len(open_lines) < 10:
        return None
    counts = Counter(open_lines)
    width, n = counts.most_common(1)[0]
    if n >= 10 and n >= 0.4 * len(open_lines):
        return width
    # a page whose lines hold digits, Latin letters or spaces is not of one width: most open lines then lie in a
    # band a few columns under the widest (the same allowance the joining of lines gives, ``wrap - 6``)
    width = max(counts, key=lambda w: (sum(v for k, v in counts.items() if w - 6 <= k <= w), w))
    n = sum(v for k, v in counts.items() if width - 6 <= k <= width)
    return width if n >= 20 and n >= 0.6 * len(open_lines) else None


def _full_line_goes_on(prev: _Raw, line: str, wrap: int) -> bool:
    """A sentence that ends exactly at the page's edge does not end its paragraph when the next line is as wide as
    the page too: a paragraph's first line is indented (two characters, width ``wrap - 4``), a line that goes on
    is not. Both lines of wide characters only, whose width is the page's to a column (digits and Latin letters
    make it uneven), and the next line no bullet."""
    last = prev.text.rsplit("\n", 1)[-1].strip(" \t\u3000\ufeff\r")
    return prev.text[-1] in "。；;" and display_width(last) >= wrap - 2 and display_width(line) >= wrap - 2 \
        and not _NARROW.search(last) and not _NARROW.search(line) and not _BULLET_START.match(line)


_BULLET_START = re.compile(r"[—－\-─●•■◆▲★☆○◇□▪]")


def _is_body_text(raw: _Raw) -> bool:
    """Text that belongs to the heading above it: a sentence, not a signature, date or attachment line."""
    t = raw.text
    return raw.hit is None and raw.attachment is None and not t.startswith("附件") and bool(
        _SENTENCE_MARK.search(t) or t.endswith(("：", ":")) or (len(t) > 40 and "，" in t))


def _is_toc(line: str) -> bool:
    return "目" in line and re.sub(r"\s", "", line) == "目录"


# 一、总体要求 .......... 3: an entry of a table of contents, its title led by dots to its page number
_TOC_ENTRY = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|-{6,})\s*\d{1,3}\s*$")


def _raw_lines(doc: Document, skip: list[Span]) -> list[_Raw]:
    text = doc.text
    out: list[_Raw] = []
    pos = 0
    toc: list[str] | None = None  # entries of a table of contents, until the body repeats the first one
    last_num = ""  # the number of the last numbered line, as written
    listed_attachment = 0  # the number the next item of a list of attachments (附件：1.X / 2.Y) would have
    # a text hard-wrapped at a page's width (PDF): a line as wide as the page (less a first line's indent of two
    # characters) that ends inside a sentence goes on in the next line, page numbers between them left out
    wrap = page_width(text)
    for raw in text.split("\n"):
        start, pos = pos, pos + len(raw) + 1
        lstrip = len(raw) - len(raw.lstrip(" \t\u3000\ufeff"))
        line = raw.strip(" \t\u3000\ufeff\r")
        if not line or any(s.start <= start < s.end for s in skip):
            continue
        leader = _TOC_ENTRY.search(line) if "." in line or "…" in line or "·" in line or "-" in line else None
        if leader:  # an entry of a table of contents, under 目录 or not: no text of the document's
            if toc is not None:
                toc.append(line[:leader.start()].strip())
            continue
        if toc is not None:
            if not _SENTENCE_MARK.search(line) and len(line) <= 40 and (not toc or line != toc[0]):
                toc.append(line)
                continue
            toc = None
        elif _is_toc(line):
            toc = []
            continue
        start += lstrip
        if listed_attachment:  # 附件：1.X / 2.Y: the list of attachments names documents, it states nothing
            item = _ATTACHMENT_ITEM.match(line)
            if item and int(item.group(1)) == listed_attachment:
                listed_attachment += 1
                continue
            listed_attachment = 0
        att = _ATTACHMENT_LINE.match(line) if line.startswith("附件") else None
        if att:  # an attachment restarts the numbering
            out.append(_Raw(line, start, None, False, "附件" + att.group(1)))
            listed_attachment = 1 if re.search(r"[：:]", line) else 0
            continue
        if line.startswith("附件"):
            first = _ATTACHMENT_LIST.match(line)
            listed_attachment = 2 if first and first.group(1) == "1" else 0
        hit = _numbered(line)
        if hit is None and last_num:
            hit = _next_decimal(line, last_num)
        if hit is not None:
            last_num = hit[1]
        prev = out[-1] if out else None
        if wrap is not None and _PAGE_NUMBER.match(line):
            continue
        # (a line as wide as the page goes on whatever it looks like: a title (8.保障…的安全性。持续), a quotation)
        full = wrap is not None and prev is not None and prev.tail_width >= wrap - 6 and prev.text[-1] not in _STOPS
        if hit is None and prev is not None and prev.attachment is None and not is_label_line(line) and (
                full or prev.text[-1] not in _SENTENCE_END_CHARS and len(prev.text) > 40 and not prev.title_like
                or wrap is not None and _full_line_goes_on(prev, line, wrap)):
            # a line broken inside a sentence (PDF, Word wrapping): the item goes on
            prev.text = text[prev.start:start + len(line)]
            prev.tail_width = display_width(line) if wrap is not None else 0  # (read only in a wrapped text)
            prev.title_like = prev.title_like and not full
            prev.wrapped = wrap is not None
            continue
        title_like = False
        if hit:
            after_head = line[hit[4]:].split(hit[2], 1)[1] if hit[2] and hit[2] in line[hit[4]:] else ""
            title_like = len(after_head.strip("。；：: ")) < 4 or stage_dates_only(hit[2], after_head)
        out.append(_Raw(line, start, hit, title_like, tail_width=display_width(line) if wrap is not None else 0,
                        wrapped=wrap is not None))
    return out
