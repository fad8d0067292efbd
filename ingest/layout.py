"""Layout of a normalised text: the 印发/转发 wrapper notice, headings, tables and attachments.

Everything works on lines of ``Document.text`` and returns spans into it. Tables arrive from every
reader as tab-separated lines (docx, HTML and markdown tables are converted on reading).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from policykg.ingest.flat_tables import flat_tables
from policykg.ingest.model import Attachment, Section, Span, Table

CN_NUM = "〇○零一二三四五六七八九十百千两"  # ○ (U+25CB) stands for 〇 in many typed dates
# a 函 (letter) carries a text as a 通知 does: 关于印发《X》的函
_NOTICE_TITLE = re.compile(r"(?:关于)?(?:印发|转发|下发|颁发)(?P<q>《)?(?P<title>.+?)(?(q)》)(?:的)?"
                           r"(?:通知|通告|函(?![\u4e00-\u9fa5]))")
_DATE_LINE = re.compile(rf"^[（(]?\s*[\d{CN_NUM}]{{4}}\s*年\s*[\d{CN_NUM}]{{1,3}}\s*月\s*[\d{CN_NUM}]{{1,3}}\s*日\s*[）)]?$")
_ATTACH = re.compile(r"^附\s*件\s*(?P<num>[\d一二三四五六七八九十]+(?:[-—－]\d+)?)?\s*[:：]?\s*(?P<title>.*)$")

_WHITESPACE = re.compile(r"\s")
_RUN_IN_END = re.compile(r"(?<=[。；;！])")
_CN_SMALL = "一二三四五六七八九十"


@dataclass(frozen=True)
class HeadingKind:
    """One way of numbering a heading (第X章, 一、, （一）, 1. …) and where it ranks."""

    pattern: re.Pattern[str]  # the number (group "num") and its separator, at the start of a line
    rank: float | None  # section rank, a smaller one encloses a larger one; None: never a layout section
    level: int | None  # nesting level of a numbered paragraph for obligations; None: not a numbered item
    bracketed: bool = False  # written in brackets: the number reads （一）, （1）
    needs_space: bool = False  # 第X条 opens a section only before a space or the line end
    # when set, a numbered paragraph's 第X章/第X条 is written in these numerals only (第一百零一条 is not
    # one): what obligation extraction has always read, kept so that its output does not change
    item_numerals: str = ""


def _kind(number: str, rank: float | None, level: int | None, bracketed: bool = False,
          needs_space: bool = False, item_numerals: str = "") -> HeadingKind:
    return HeadingKind(re.compile("^" + number), rank, level, bracketed, needs_space, item_numerals)


# No line matches two kinds, so their order does not matter.
HEADING_KINDS: tuple[HeadingKind, ...] = (
    _kind(rf"(?P<num>第[{CN_NUM}\d]+编)", 0, None),
    _kind(rf"(?P<num>第[{CN_NUM}\d]+章)", 1, 1, item_numerals=_CN_SMALL + "百"),
    _kind(rf"(?P<num>第[{CN_NUM}\d]+节)", 2, None),
    _kind(rf"(?P<num>第[{CN_NUM}\d]+条)", 3, 3, needs_space=True, item_numerals=_CN_SMALL + "百"),
    _kind(rf"(?P<num>[{_CN_SMALL}]{{1,3}})\s*[、．.]", 4, 1),
    _kind(rf"[（(](?P<num>[{_CN_SMALL}]{{1,3}})[）)]", 5, 2, bracketed=True),
    # 1.9月30日前 is item 1 and a date, not the decimal 1.9 (no decimal is followed by 月 or a 4-digit 年)
    _kind(r"(?P<num>\d{1,2})\s*[.．、﹒·](?:(?!\d)|(?=\d{1,2}\s*月|\d{4}\s*年))", 6, 3),
    # outline numbers of plans (2.1领导机构, 3.2.1组织准备): deeper than 2. and above (1); not a decimal
    # quantity (1.5万元) nor a date (1.12月)
    _kind(r"(?P<num>\d{1,2}\.\d{1,2}\.\d{1,2})(?![\d.])\s*(?=[\u4e00-\u9fa5（(“])(?![万亿千百倍元米个月年日号天周吨次人岁])",
          6.6, 3),
    _kind(r"(?P<num>\d{1,2}\.\d{1,2})(?![\d.])\s*(?=[\u4e00-\u9fa5（(“])(?![万亿千百倍元米个月年日号天周吨次人岁])",
          6.3, 3),
    _kind(r"[（(](?P<num>\d{1,2})[）)]", 7, 4, bracketed=True),
    _kind(r"(?P<num>\d{1,2})[）)]", None, 4, bracketed=True),
    _kind(r"(?P<num>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])", 8, None),
)
# Every kind opens with one of these or with a decimal digit (what \d matches): a cheap test first.
_HEADING_OPENERS = frozenset("第" + _CN_SMALL + "（(①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")


def heading_number(line: str) -> tuple[HeadingKind, str, str] | None:
    """The heading kind ``line`` opens with, its number as read (（一） in brackets) and the text after it."""
    if not line or not (line[0] in _HEADING_OPENERS or line[0].isdecimal()):
        return None
    for kind in HEADING_KINDS:
        m = kind.pattern.match(line)
        if m:
            num = m.group("num")
            return kind, f"（{num}）" if kind.bracketed else num, line[m.end():]
    return None


class Line(NamedTuple):
    """One line of the text with its offsets."""

    text: str
    start: int
    end: int


def lines_of(text: str) -> list[Line]:
    """Split text into lines with offsets (the newline is not part of a line)."""
    out, pos = [], 0
    for part in text.split("\n"):
        out.append(Line(part, pos, pos + len(part)))
        pos += len(part) + 1
    return out


def _squash(s: str) -> str:
    return re.sub(r"[\s《》〈〉“”\"'　]", "", s)


def is_date_line(text: str) -> bool:
    """A line holding only a date (the signature date of a notice)."""
    return bool(_DATE_LINE.match(text.strip()))


@dataclass(frozen=True)
class Wrapper:
    """The wrapper notice found in a text: what it carries and where the carried plan begins."""

    carried_title: str | None
    notice_span: Span | None
    body_span: Span


def find_wrapper(text: str, lines: list[Line] | None = None, head_lines: int = 25) -> Wrapper:
    """Separate a 印发/转发 notice from the plan it carries, when the text has one."""
    lines = lines if lines is not None else lines_of(text)
    whole = Span(0, len(text))
    nonblank = [ln for ln in lines if ln.text.strip()]
    for idx, ln in enumerate(nonblank[:head_lines]):
        m = _NOTICE_TITLE.search(ln.text)
        if not m or len(ln.text) > 120 or ln.text.rstrip().endswith(("。", "；")):
            continue
        carried = m.group("title").strip()
        start = _carried_start(nonblank, idx + 1, carried)
        if start is None:
            return Wrapper(carried, None, whole)
        return Wrapper(carried, Span(0, start), Span(start, len(text)))
    return Wrapper(None, None, whole)


def _carried_start(nonblank: list[Line], first: int, carried: str) -> int | None:
    want = _squash(carried)
    if len(want) < 4:
        return None
    for i in range(first, len(nonblank)):
        joined = ""
        for j in range(i, min(i + 3, len(nonblank))):
            part = nonblank[j].text
            if len(part) > 60 or part.endswith(("。", "：", ":", "；")):
                break  # a sentence, not a title line (the notice's own sentence quotes the title)
            joined += _squash(part)
            if joined.startswith(want) and len(joined) <= len(want) + 12:
                return nonblank[i].start
            if not want.startswith(joined):
                break
    # no title line: the plan starts after the notice's signature date when enough text follows
    for i in range(first, len(nonblank) - 1):
        if is_date_line(nonblank[i].text):
            rest = nonblank[i + 1:]
            if sum(len(x.text) for x in rest) > 300 and not _ATTACH.match(rest[0].text):
                nxt = 1 if rest[0].text.startswith(("（此件", "(此件")) else 0
                return rest[nxt].start if nxt < len(rest) else None
            return None
    return None


def find_attachments(lines: list[Line], text_len: int) -> list[Attachment]:
    """Attachments (附件N) after the main text; a listing followed by a signature is not one."""
    starts: list[tuple[int, str, str]] = []
    nonblank = [ln for ln in lines if ln.text.strip()]
    for i, ln in enumerate(nonblank):
        if i == 0:
            continue  # a document that is itself 附件6 of another starts with its label
        m = _ATTACH.match(ln.text)
        if not m or len(ln.text) > 60:
            continue
        after = nonblank[i + 1:i + 4]
        if any(is_date_line(a.text) for a in after):
            continue  # the notice's list of attachments, before its signature
        label = "附件" + (m.group("num") or "")
        title = m.group("title").strip()
        if not title and i + 1 < len(nonblank):
            title = nonblank[i + 1].text.strip()
        if any(label == s[1] for s in starts):
            starts = [s for s in starts if s[1] != label]  # a later occurrence is the attachment itself
        starts.append((ln.start, label, title))
    out = []
    for k, (start, label, title) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else text_len
        out.append(Attachment(label=label, title=title, span=Span(start, end)))
    return out


def _attachment_at(attachments: list[Attachment], pos: int) -> Attachment | None:
    for a in attachments:
        if a.span.start <= pos < a.span.end:
            return a
    return None


def find_sections(lines: list[Line], text_len: int, body: Span,
                  attachments: list[Attachment]) -> list[Section]:
    """Headings (第X章/第X条, 一、（一）1.（1）) with the span of their body; paths restart per attachment."""
    found: list[tuple[int, str, str, float, Attachment | None]] = []  # start, num, heading, rank, att
    in_toc = False
    for ln in lines:
        s = ln.text
        if "目" in s and _WHITESPACE.sub("", s) == "目录":
            in_toc = True  # a law's table of contents lists chapters that are not sections
            continue
        if in_toc:
            in_toc = bool(s.strip())
            continue
        if not s or "\t" in s or ln.start < body.start:
            continue
        hit = heading_number(s)
        if hit is None or hit[0].rank is None:
            continue
        kind, num, tail = hit
        rank = kind.rank
        if kind.needs_space and tail and not tail[0].isspace():
            continue
        if rank >= 4 and not tail.strip():
            continue  # a bare number is not a heading
        if rank == 3:  # an article's heading is its number; its text is the body
            heading = num
        elif len(s) <= 40:
            heading = s
        else:  # a run-in heading: "（一）攻坚治理消防安全隐患。瞄准…" -> up to the first stop
            heading = _RUN_IN_END.split(s, maxsplit=1)[0][:80]
        found.append((ln.start, num, heading, rank, _attachment_at(attachments, ln.start)))
    out: list[Section] = []
    stack: list[tuple[float, str]] = []
    current_att: Attachment | None = None
    for k, (start, num, heading, rank, att) in enumerate(found):
        if att is not current_att:
            stack, current_att = [], att
        while stack and stack[-1][0] >= rank:
            stack.pop()
        stack.append((rank, num))
        end = att.span.end if att else (attachments[0].span.start if attachments else text_len)
        for j in range(k + 1, len(found)):
            start2, _n, _h, rank2, att2 = found[j]
            if att2 is not att or rank2 <= rank:
                end = start2
                break
        prefix = f"{att.label}/" if att else ""
        path = prefix + "/".join(n for _r, n in stack)
        out.append(Section(path=path, heading=heading, depth=len(stack), span=Span(start, end)))
    return out


def _cells(line: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in line.split("\t"))


def find_tables(lines: list[Line], attachments: list[Attachment]) -> list[Table]:
    """Runs of tab-separated lines (a header repeated on every page continues the same table), and tables
    that arrived one cell per line (序号 / 项目名称 / 责任单位 / 1 / … on lines of their own, see flat_tables)."""
    tables = _tab_tables(lines, attachments)
    if any(len(ln.text) <= 8 and "号" in ln.text and "\t" not in ln.text for ln in lines):
        taken = [t.span for t in tables]
        for f in flat_tables(lines, [_ends_table(ln.text) for ln in lines]):
            if any(x.start <= f.span.start < x.end for x in taken):
                continue
            att = _attachment_at(attachments, f.span.start)
            tables.append(Table(header=f.header, rows=f.rows, span=f.span, row_spans=f.row_spans,
                                attachment=att.label if att else None))
        tables.sort(key=lambda t: t.span.start)
    return tables


def _ends_table(line: str) -> bool:
    """A line no table row runs into: a heading of rank 一、/（一）or above, an attachment label, a date."""
    s = line.strip()
    if not s:
        return False
    hit = heading_number(s)
    if hit is not None and hit[0].rank is not None and hit[0].rank <= 5 and hit[2].strip():
        return True
    return bool(_ATTACH.match(s) and len(s) <= 60) or is_date_line(s)


def _tab_tables(lines: list[Line], attachments: list[Attachment]) -> list[Table]:
    tables: list[Table] = []
    i, n = 0, len(lines)
    while i < n:
        if "\t" not in lines[i].text:
            i += 1
            continue
        header = _cells(lines[i].text)
        rows: list[tuple[str, ...]] = []
        spans: list[Span] = []
        start, end = lines[i].start, lines[i].end
        j = i + 1
        while j < n:
            t = lines[j].text
            if "\t" in t:
                cells = _cells(t)
                if cells != header:  # a page's repeated header is not a row
                    rows.append(cells)
                    spans.append(Span(lines[j].start, lines[j].end))
                end = lines[j].end
                j += 1
                continue
            # a blank line or page break between two parts of one table: look past it
            k = j
            while k < n and not lines[k].text.strip():
                k += 1
            if k < n and k > j and "\t" in lines[k].text and _cells(lines[k].text) == header:
                j = k
                continue
            break
        if rows:
            att = _attachment_at(attachments, start)
            tables.append(Table(header=header, rows=tuple(rows), span=Span(start, end),
                                row_spans=tuple(spans), attachment=att.label if att else None))
        i = j
    return tables
