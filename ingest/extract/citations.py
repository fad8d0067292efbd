"""Citations: the 《…》 and 文号 a document cites, with the relation its cue gives (issue 4).

Three rules find a citation: a bracketed title (rule ``title``), a bare 文号 (``doc_number``), and an
unbracketed title that a cue makes unambiguous (``cue_title``: 根据兴化市"…"实施方案要求). The relation
comes from the nearest cue word before the citation in the same clause (data/citation_cues.tsv).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from itertools import accumulate, repeat
from operator import add

from policykg.ingest.extract.regions import Gazetteer
from policykg.ingest.model import Citation, Document, Section, Span

MAX_TITLE = 120  # longer than any real title: a missing 》 must not swallow the paragraph
OPEN, CLOSE = "《«", "》»"
INNER = {"〈": "〉", "<": ">", "＜": "＞", "«": "»", "《": "》"}
SENTENCE_END = "。！？；\n"
CLAUSE_END = "，,：:" + SENTENCE_END
QUOTES = {"“": "”", '"': '"', "「": "」", "‘": "’"}

_BRACKETS = "〔〕[]［］()（）【】"
_DOCNUM = re.compile(r"([\u4e00-\u9fff]{1,12})\s*[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*(\d{1,4})\s*号")
# _DOCNUM after its prefix and the spaces before its bracket (see _doc_numbers): opening with the bracket
# class, re finds it by a fast scan for those characters; opening with \s*, it was tried at every position
_DOCNUM_CORE = re.compile(r"[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*\d{1,4}\s*号")
# the 文号 may follow the title directly or after the wrapper words (关于印发《X》的通知（N号）)
_PAREN_DOCNUM = re.compile(r"(?:的(?:通知|意见|决定|批复|函)|文件)?\s*[（(]\s*(" + _DOCNUM.pattern + r")\s*[）)]")
_DOC_TYPES = ("实施方案", "行动方案", "方案", "意见", "通知", "办法", "规定", "条例", "要点", "计划", "细则",
              "规划", "决定", "预案", "清单", "标准", "纲要", "规则", "导则", "指南", "决议")
_CUE_TITLE = re.compile(
    r"(根据|按照|依据|依照|贯彻落实|为落实)"
    r"((?:[\u4e00-\u9fff]{2,8}?(?:自治州|省|市|县|区|州|盟|旗|镇|乡|街道))"
    r"[^，。；、,;\n《》]{2,60}?(?:" + "|".join(_DOC_TYPES) + r"))"
    r"(?:的)?(?:有关)?(要求|部署|精神)")
_ORG_SUFFIX = re.compile(
    r"(委员会|安委会|专委会|消委会|人民政府|政府|办公室|办公厅|管委会|委员会办公室|局|厅|部|委|总队|支队|大队|"
    r"中心|指挥部|领导小组|党委|党组|常委会|人大|院)$")
_JOINERS = ("以及", "及", "与", "由", "的", "符合", "对标", "结合", "学习", "宣贯", "通过", "将", "把", "在", "关于",
            "会同", "联合", "转发", "印发", "实施")
_GENERIC = {normalise_t for normalise_t in ("意见", "办法", "规定", "暂行规定", "管理办法", "实施办法", "实施细则",
                                            "细则", "方案", "实施方案", "通知", "条例", "决定", "预案", "标准", "规则",
                                            "要点", "计划", "本办法", "本规定", "本方案", "本预案", "本条例")}
_FORM_END = re.compile(r"(合同|协议|表|书|证|凭证|告知单|函告单|处理单|通知单|登记单|报告单|函|报告|卡|台账|簿|名册|回执)$")
_LAWS_LIST = re.compile(r"等[^，。；\n]{0,6}法律(?:、)?法规")
_HEADING = re.compile(r"^[ \t#]*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+(?:\.\d+)*\.?)\s*\S{1,16}$",
                      re.MULTILINE)
_SELF_VERBS = ("印发", "转发", "同意", "批准", "发布", "颁布", "下发")
_LAW_END = re.compile(r"((?<![办方做])法|条例)$")
_LEGAL_CUES = {"依照", "依据"}
_RULE_END = ("规定", "办法", "规章", "细则", "规则")


@lru_cache(maxsize=1)
def cue_table() -> tuple[tuple[str, str], ...]:
    """(cue, relation) pairs from the package data, longest cue first."""
    text = resources.files("policykg.ingest.extract").joinpath("data/citation_cues.tsv").read_text("utf-8")
    rows = [line.split("\t")[:2] for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(sorted(((c, r) for c, r in rows), key=lambda cr: -len(cr[0])))


def normalise_doc_number(text: str) -> str | None:
    """A 文号 with its brackets normalised to 〔〕 and spaces removed, or None when ``text`` is not one."""
    m = _DOCNUM.search(text or "")
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号" if m else None


def normalise_title(title: str) -> str:
    """A title reduced for comparison: no spaces, quotes or bracket styles; inner 〈〉 as 《》."""
    t = re.sub(r"\s+", "", title or "")
    t = t.translate(str.maketrans({"〈": "《", "〉": "》", "<": "《", ">": "》", "«": "《", "»": "》",
                                   "（": "(", "）": ")", "—": "-", "–": "-", "－": "-", "“": "", "”": "",
                                   '"': "", "‘": "", "’": "", "「": "", "」": ""}))
    return t.strip("《》")


def carried_title(title: str | None) -> str | None:
    """The plan a 印发/转发/同意 notice carries, read from the notice title (关于印发《X》的通知 -> X)."""
    if not title:
        return None
    m = re.search(r"(?:" + "|".join(_SELF_VERBS) + r")[^《«》»，。]{0,14}?[《«](.+)[》»]", title)
    return m.group(1).strip() if m else None


def _match_title(text: str, start: int) -> tuple[int, str | None]:
    """End (exclusive) of the title opened at ``start`` and a flag; nested brackets are balanced."""
    stack = [CLOSE[OPEN.index(text[start])]]
    limit = min(len(text), start + 1 + MAX_TITLE)
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch in "\n。；" or (i >= limit and stack):
            return _cut(text, start, i, limit)
        if ch == stack[-1]:
            stack.pop()
            if not stack:
                return i + 1, None
        elif ch in INNER and not (ch in "<＜" and text[i + 1:i + 2].isdigit()):
            stack.append(INNER[ch])
        elif ch in CLOSE and len(stack) > 1:  # an inner bracket never closed: let the outer close anyway
            return i + 1, "unbalanced"
        i += 1
    return _cut(text, start, i, limit)


def _cut(text: str, start: int, stop: int, limit: int) -> tuple[int, str]:
    """Where to cut a title whose 》 never comes: at the first sentence or clause end, else the bound."""
    for j in range(start + 1, min(stop, limit)):
        if text[j] in SENTENCE_END + "，":
            return j, "unbalanced"
    closes = text.find(CLOSE[OPEN.index(text[start])], start + 1)
    newline = text.find("\n", start + 1)
    runaway = closes != -1 and (newline == -1 or closes < newline)
    return min(stop, limit), "runaway_title" if runaway else "unbalanced"


def _mask(text: str) -> str:
    """The text with titles and quoted phrases blanked, so cue words inside them are never read as cues."""
    return _QUOTED.sub(lambda m: "□" * (m.end() - m.start()), text)  # same length: offsets stay


_QUOTED = re.compile(r"[《«][^》»\n]*[》»]|“[^”\n]*”|\"[^\"\n]*\"")


@lru_cache(maxsize=4)  # text and its masked copy, sentence and clause ends: one document
def _stop_ends(text: str, stops: str) -> list[int]:
    """One past the position of every stop character in ``text``, once per text (a str caches its hash, so
    the look-up is cheap): finding a sentence's bounds is then a bisection, never a rescan of the text. The
    pieces between stops, each with its stop, summed in C: no Python step per stop."""
    pieces = re.split("[" + re.escape(stops) + "]", text)
    pieces.pop()  # the tail after the last stop
    return list(accumulate(map(add, map(len, pieces), repeat(1))))


def _bounds(text: str, start: int, end: int, stops: str) -> tuple[int, int]:
    """The sentence (or clause) around [start, end)."""
    ends = _stop_ends(text, stops)
    before = bisect.bisect_left(ends, start + 1)  # the stops before ``start``
    after = bisect.bisect_left(ends, end + 1)  # the first stop at or after ``end``
    return (ends[before - 1] if before else 0), (ends[after] if after < len(ends) else len(text))


def _relation(masked: str, start: int, title: str, doc: Document) -> tuple[str, str]:
    """Relation and rule for a citation at ``start``: the last cue in its clause before it."""
    clause_start, clause_end = _bounds(masked, start, start, CLAUSE_END)
    prefix = masked[clause_start:start]
    if re.match(r"(?:关于)?修改", title) and title.endswith("决定"):
        return "mention", "amendment"  # 根据…《关于修改〈X〉的决定》修正: the amendment history, not a basis
    best: tuple[int, str, str] | None = None
    for cue, rel in cue_table():
        pos = prefix.rfind(cue)
        if pos != -1 and (best is None or pos + len(cue) > best[0] or
                          (pos + len(cue) == best[0] and len(cue) > len(best[1]))):
            best = (pos + len(cue), cue, rel)
    if best is None:
        if not _under_basis_heading(doc, masked, start):
            return "mention", "cue:none"
        best = (0, "依据", "basis")  # listed under an 编制依据 heading
    _, cue, rel = best
    bare = re.sub(r"[（(][^）)]*[）)]$", "", title)
    if rel == "basis" and (_LAW_END.search(bare) or (cue in _LEGAL_CUES and bare.endswith(_RULE_END))):
        return "legal_basis", f"cue:{cue}+law"
    if rel == "basis" and _LAWS_LIST.search(masked[start:clause_end]):
        return "legal_basis", f"cue:{cue}+laws_list"  # 根据《…》《…》等法律法规
    return rel, f"cue:{cue}"


def _under_basis_heading(doc: Document, text: str, start: int) -> bool:
    """Whether ``start`` lies under a heading such as 编制依据 / 制定依据 (a list of sources)."""
    for span in _basis_spans(doc.sections):
        if span.start <= start < span.end:
            return True
    head = _last_heading(text, start)
    return head is not None and "依据" in head.group(0) and start - head.end() < 600


_BASIS_CACHE: dict[int, tuple[tuple[Section, ...], tuple[Span, ...]]] = {}


def _basis_spans(sections: tuple[Section, ...]) -> tuple[Span, ...]:
    """Spans of the 依据 sections, found once per document (not once per citation: that was quadratic)."""
    hit = _BASIS_CACHE.get(id(sections))
    if hit is None or hit[0] is not sections:
        _BASIS_CACHE.clear()  # one document at a time: keep only the latest
        hit = (sections, tuple(sec.span for sec in sections if "依据" in sec.heading))
        _BASIS_CACHE[id(sections)] = hit
    return hit[1]


# A heading further back than this cannot decide (the 600 above), so the scan for the last heading before
# a position starts at the end of a heading found this far back: no rescan from the top of the text.
_HEADING_WINDOW = 4096


@lru_cache(maxsize=2)
def _heading_ends(text: str) -> list[int]:
    """Where each heading of a scan over the whole text ends."""
    return [m.end() for m in _HEADING.finditer(text)]


def _last_heading(text: str, start: int) -> re.Match[str] | None:
    """The last heading of a scan of ``text[:start]`` that ends within _HEADING_WINDOW of ``start``
    (the scan resumes where the whole-text scan found a heading, so it sees the same headings)."""
    ends = _heading_ends(text)
    k = bisect.bisect_right(ends, start - _HEADING_WINDOW)
    last = None
    for last in _HEADING.finditer(text, ends[k - 1] if k else 0, start):
        pass
    return last


def _issuer_before(text: str, start: int) -> str | None:
    """An issuing body written right before the 《 (平顺县安全生产委员会《…》), else None."""
    before = re.sub(r"(?:关于)?(?:印发|转发|发布|制定|制订|下发)的?$", "", text[max(0, start - 46):start])
    m = re.search(r"[\u4e00-\u9fff0-9]{2,40}$", before)
    if not m:
        return None
    run = m.group(0)
    # the body starts after the last cue or joining word: 按照长治市安委会《 -> 长治市安委会
    words = _JOINERS + tuple(c for c, _ in cue_table())
    cut = max((run.rfind(w) + len(w) for w in words if w in run), default=0)
    body = re.sub(r"^[0-9年月日]*[和及与并]?", "", run[cut:])
    return body if 3 <= len(body) <= 30 and _ORG_SUFFIX.search(body) else None


def _issuer_in_title(title: str) -> str | None:
    """The body named at the head of a title (X关于印发…的通知 -> X)."""
    m = re.match(r"(.{2,40}?)关于", title)
    return m.group(1) if m and _ORG_SUFFIX.search(m.group(1)) else None


def _own_titles(doc: Document) -> set[str]:
    """Titles that name the document itself, never a citation of another document."""
    own = {doc.title, doc.carried_title, carried_title(doc.title)}
    return {normalise_title(t) for t in own if t}


def extract_citations(doc: Document) -> tuple[Citation, ...]:
    """Every document ``doc`` cites, in text order, each with its cue sentence and relation."""
    text, masked = doc.text, _mask(doc.text)
    own, own_number = _own_titles(doc), normalise_doc_number(doc.doc_number or "")
    skip = _Spans(_editorial_spans(text))
    found: list[Citation] = []
    claimed: list[tuple[int, int]] = []
    aliases: dict[str, Citation | None] = {}  # 以下简称《X》 -> the citation it abbreviates (None: the doc itself)
    last: Citation | None = None
    i = 0
    while (i := _next_open(text, i)) != -1:
        end, flag = _match_title(text, i)
        title = text[i + 1:end - (0 if flag else 1)].strip()
        if flag == "unbalanced" and re.match(r"(?:为|根据|按照|依据|依照|贯彻|认真)", title):
            i += 1  # a stray 《 before a sentence (《为认真贯彻落实…«X»…): no title opens here
            continue
        after = _PAREN_DOCNUM.match(text, end)
        stop = after.end() if after else end
        claimed.append((i, stop))
        key = normalise_title(title)
        if _inside(i, skip) or not key:
            pass
        elif re.search(r"简称\s*$", text[max(0, i - 6):i]):
            aliases[key] = last
        elif key in aliases:
            ref = aliases[key]
            if ref is not None:
                found.append(_citation(text, i, stop, ref.title, ref.doc_number, ref.issuer,
                                       _relation(masked, i, ref.title or "", doc)[0], "title;alias", None))
        elif _is_own(key, own) or key in _GENERIC or (_FORM_END.search(key) and "关于" not in key):
            last = None if _is_own(key, own) or key in _GENERIC else last
        else:
            number = normalise_doc_number(after.group(1)) if after else None
            rel, rule = _relation(masked, i, title, doc)
            if re.match(r"\s*[（(]附件\s*\d*[）)]", text[end:end + 8]):
                # 对照《排查清单》（附件3）: the list travels with this document as its attachment
                rel, rule, flag = "checklist", rule if rel == "checklist" else "attachment", flag or "attachment"
            last = _citation(text, i, stop, title, number, _issuer_before(text, i) or _issuer_in_title(title),
                             rel, "title;" + rule, flag)
            found.append(last)
        i = end if end > i else i + 1
    claimed_spans = _Spans(claimed)
    for m in _doc_numbers(text):
        number = normalise_doc_number(m.group(0))
        if number == own_number or _inside(m.start(), claimed_spans) or _inside(m.start(), skip):
            continue
        rel, rule = _relation(masked, m.start(), "", doc)
        found.append(_citation(text, m.start(), m.end(), None, number, None, rel, "doc_number;" + rule, None))
    for m in _CUE_TITLE.finditer(masked):
        title = text[m.start(2):m.end(2)]
        if not _names_a_place(title) or _inside(m.start(2), claimed_spans) or _inside(m.start(2), skip) or _is_own(normalise_title(title), own):
            continue
        rel, rule = _relation(masked, m.start(2), title, doc)
        found.append(_citation(text, m.start(2), m.end(2), title, None, None, rel, "cue_title;" + rule, None))
    return tuple(sorted(found, key=lambda c: c.span.start))


def _names_a_place(title: str) -> bool:
    """An unbracketed title counts only when it opens with a real place (兴化市…), not 国家和省有关规定."""
    hits = Gazetteer.load().scan(title[:12])
    return bool(hits) and hits[0][1] == 0


def _is_own(key: str, own: set[str]) -> bool:
    """The document's own title, or its tail (《加强某项工作实施方案》 in 某街道加强某项工作实施方案: constructed)."""
    return key in own or (len(key) >= 8 and any(o.endswith(key) for o in own))


def _inside(pos: int, spans: list[tuple[int, int]] | _Spans) -> bool:
    if isinstance(spans, _Spans):
        return spans.covers(pos)
    return any(a <= pos < b for a, b in spans)


class _Spans:
    """Spans sorted by start, asked whether any covers a position: a bisection, not a scan of all spans."""

    def __init__(self, spans: list[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []  # the furthest end among the spans up to each one
        for _, b in ordered:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def covers(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos)
        return k > 0 and self.reach[k - 1] > pos


def _editorial_spans(text: str) -> list[tuple[int, int]]:
    """Front matter and quoted editorial notes (markdown ``>`` lines): not the document's own words."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"^>.*$", text, re.MULTILINE)]
    front = re.match(r"\s*---\n.*?\n---\n", text, re.DOTALL)
    return spans + ([(front.start(), front.end())] if front else [])


_OPENER = re.compile("[" + re.escape(OPEN) + "]")


def _next_open(text: str, start: int) -> int:
    """Index of the next top-level title opener at or after ``start``, or -1 (one forward search: finding
    each opener apart rescanned the text to its end for an opener it does not hold)."""
    m = _OPENER.search(text, start)
    return m.start() if m else -1


def _doc_numbers(text: str) -> Iterator[re.Match[str]]:
    """What ``_DOCNUM.finditer(text)`` yields (scan.finditer_near with the core ``\\s*`` + _DOCNUM_CORE): a
    match starts at most 12 characters (its prefix) before the spaces that open its core, and those spaces are
    the run right before the leftmost bracket core (a bracket is no space, so no later core's run reaches
    back past it)."""
    pos = 0
    while (core := _DOCNUM_CORE.search(text, pos)) is not None:
        start = core.start()
        while start > pos and text[start - 1].isspace():  # str.isspace is re's \s on str patterns
            start -= 1
        m = _DOCNUM.search(text, max(pos, start - 12))
        if m is None:
            return
        yield m
        pos = m.end()


def _citation(text: str, start: int, end: int, title: str | None, number: str | None, issuer: str | None,
              relation: str, rule: str, flag: str | None) -> Citation:
    """A Citation with its cue sentence."""
    s, e = _bounds(text, start, end, SENTENCE_END)
    cue = text[s:e].strip()
    lead = len(text[s:e]) - len(text[s:e].lstrip())
    return Citation(title=title, doc_number=number, issuer=issuer, relation=relation,  # type: ignore[arg-type]
                    cue=cue, span=Span(start, end), cue_span=Span(s + lead, s + lead + len(cue)), flag=flag,
                    rule=rule)
