"""Page lines that a copy ran together, cut back into the paragraphs of the outline.

A PDF copy may put two blocks of a page on one line: a paragraph's end and the next item number
(…新格局。（二）供给能力提升工程), or a box's last line and the paragraph after it (…平台建设。 促进区域…);
a web page's copy may lose the breaks between items (第三条 …规范。（一）…。（二）…). ``_run_on_breaks`` cuts
such a line where the outline's numbering continues after a sentence end (any text), or where spaces follow
a sentence end (a hard-wrapped text only), before ``paragraphs`` builds the outline from the lines.
Gold README (tests/gold/obligations/README.md), unit convention 2: a paragraph is the paragraph as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.ingest.extract.headings import _SENTENCE_MARK, _numbered, stage_dates_only
from policykg.ingest.extract.lines import _Raw

_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
# in a hard-wrapped text, a sentence end, then spaces and more text on the same page line: two blocks of the page
# (a box's last line and the next paragraph) that the copy put on one line
_SPACED_BREAK = re.compile(r"(?<=。)[ \u3000]+(?=[\u4e00-\u9fa5])")
# an item number as a line may open with it: (3), （三）, 3., 三、 (what follows decides whether it is one: _numbered)
_ITEM_MARK = r"[（(]?[一二三四五六七八九十\d]{1,3}[）)]?[、.．]?"
# (the 。 is matched, not looked behind, so that ``re`` skips to each 。; the break is group 1, after it)
_RUN_ON_NUMBER = re.compile(r"。([ \u3000]*)(?=" + _ITEM_MARK + ")")
# …集聚发展7.狠抓招才引智。会同…, …建设格局，17.提升…能力。推动…, …可控性(八)明确系统边界和安全响应。企业…: the next item
# number run into a sentence whose 。 the copy lost, known by the run-in title closed by 。 right after it; an ordinal
# (第三、四季度) or numbers listed (三、四季度完成, 一等奖，2.二等奖) are no item number: a title opens with no numeral
# after 一 (一体化推进… may: a second number listed is never 一)
# (the number's first character is tested first: ``re`` tries the pattern at every position, and most fail there)
_RUN_ON_TITLED = re.compile(r"(?=[（(一二三四五六七八九十\d])(?<=[\u4e00-\u9fa5，,）)”])(?<!第)()(?=" + _ITEM_MARK +
                            r"(?![二三四五六七八九十])[^，,。；;：:、.．\d\s（）()]{2,20}。)")
_NOT_IN_NUMBER = re.compile(r"[（()）、.．\s]")


@lru_cache(maxsize=512)  # (asked for every numbered line; the numbers written are few)
def _number_value(num: str) -> int | None:
    """The value of an item number as written (（二） 2, 3. 3, 十二、 12), or None."""
    core = _NOT_IN_NUMBER.sub("", num)
    if core.isdigit():
        return int(core)
    if not core or any(c not in _NUMERALS and c != "十" for c in core) or len(core) > 3:
        return None
    tens, _, ones = core.rpartition("十") if "十" in core else ("", "", core)
    value = (_NUMERALS.get(tens, 1) * 10 if "十" in core else 0) + (_NUMERALS.get(ones, 0) if ones else 0)
    return value or None


def _title_like(line: str, hit: tuple[int, str, str, float, int]) -> bool:
    """A numbered line whose number has no more than its heading on the line (as lines._raw_lines reads it)."""
    tail = line[hit[4]:]
    after = tail.split(hit[2], 1)[1] if hit[2] and hit[2] in tail else ""
    return len(after.split("\n", 1)[0].strip("。；：: ")) < 4 or stage_dates_only(hit[2], after)


def _first_cut(cur: _Raw, last: dict[float, int]) -> tuple[int, int, tuple[int, str, str, float, int] | None] | None:
    """The first item number run on inside ``cur``'s text that continues the outline (``last``: the value of the
    last item number of each rank): where the piece before it ends, where the item after it starts, and its number."""
    marks = sorted([*_RUN_ON_NUMBER.finditer(cur.text), *_RUN_ON_TITLED.finditer(cur.text)], key=lambda m: m.end())
    for m in marks:
        hit = _numbered(cur.text[m.end():])
        v = _number_value(hit[1]) if hit is not None else None
        # the next number of its kind, or the first item under the line's own number (第三条 …。（一）…) after a 。
        # (with no 。 before it only the next number continues the outline: 安全第一、预防为主的方针。 cuts nothing)
        if hit is not None and v is not None and (last.get(hit[3]) == v - 1 or v == 1 and cur.hit is not None
                                                  and cur.hit[3] < hit[3] and m.re is _RUN_ON_NUMBER):
            return (m.start(1), m.end(), hit)
    return None


def _run_on_breaks(raws: list[_Raw]) -> list[_Raw]:
    """The text's lines, each cut where the copy ran two paragraphs into one line: after a 。, the next item
    number of the outline (…新格局。（二）供给能力提升工程, …全面融通。2.加强标准研制。 after 1.; the first item of a
    list after a line with a number of a higher rank, 第三条 …。（一）…); the next item number with its run-in title
    where the copy lost the 。 before it too (…集聚发展7.狠抓招才引智。会同… after 6.); or, in a hard-wrapped text, spaces before
    more text (…平台建设。 促进区域…发展。: a box's last line and the paragraph after it). The item number must
    continue its kind's last number, so a number inside a sentence (…。3个…) cuts nothing."""
    out: list[_Raw] = []
    last: dict[float, int] = {}  # the value of the last item number of each rank
    for r in raws:
        pieces = [r]
        while True:
            cur = pieces[-1]
            if cur.hit is not None and (v := _number_value(cur.hit[1])) is not None:
                last[cur.hit[3]] = v
            if cur.attachment is not None:
                break
            cut = _first_cut(cur, last)
            first, nl, _ = cur.text.partition("\n")
            if cut is None and cur.wrapped and pieces[-1] is not r and cur.hit is not None and nl and len(first) <= 40 \
                    and not _SENTENCE_MARK.search(first):
                cut = (len(first), len(first) + 1, None)  # （二）供给能力提升工程 cut off above: a title line over its text
            if cut is None and cur.wrapped:
                m = _SPACED_BREAK.search(cur.text)
                cut = (m.start(), m.end(), None) if m else None
            if cut is None:
                break
            head, rest = cur.text[:cut[0]], cur.text[cut[1]:]
            head_hit = _numbered(head) if cur.hit is not None else None  # (its heading ends where its line does)
            pieces[-1] = _Raw(head, cur.start, head_hit, _title_like(head, head_hit) if head_hit else False,
                              cur.attachment, cur.tail_width, cur.wrapped)
            hit = cut[2]
            pieces.append(_Raw(rest, cur.start + cut[1], hit, _title_like(rest, hit) if hit else False, None,
                               cur.tail_width, cur.wrapped))
        out.extend(pieces)
    return out
