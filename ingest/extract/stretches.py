"""Which stretches of a paragraph are units of work (issues 3 and 13).

A paragraph of running text is cut into units here: after each closing responsibility clause
(…体系。（生态环境部牵头，X参与）), into sentences with the label lines after them (…。牵头单位：X；完成时限：Y。),
as a labelled line (派出所：负责…), or kept whole as the text of a numbered item whose title stands on its
own line (1.智能辅助诊断产品 / 揭榜任务：…). Whether a unit states a duty is duty.py's; the walk that calls
these is obligations.py.

Gold README (tests/gold/obligations/README.md): unit convention 1 (an item with several responsibility
clauses is one obligation per clause: ``_CLOSING_CLAUSE``, ``_stretches``), unit convention 2 (a numbered
item's paragraphs are units, its sentences are not: ``_item_paragraph``, ``_item_title``, a 一、 section with no
deeper item being an item: ``section_items``; a paragraph whose sentences each open with their own acting unit stays one
unit too, each unit keeping its own role: unit convention 8), unit convention 3
(punctuation decides sentence units: ``_labelled_sentences`` over record.SENT; label lines after a sentence
label it) and role convention 5 (a labelled clause, （牵头单位：X；责任单位：Y）, closes a stretch as （X牵头） does).
"""

from __future__ import annotations

import re

from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.cues import AGENT_START, DUTY_CUE, VERB, VERB_START
from policykg.ingest.extract.record import SENT, SENT_ACROSS_LINES
from policykg.ingest.extract.site_modifiers import _pos
from policykg.ingest.extract.words import tagged_words
from policykg.ingest.model import Span

# 派出所：负责…: a unit or topic label with its duties on one line
_LABEL = re.compile(r"^[^，。；：:、\s]{2,20}(?:[（(][^）)]{1,8}[）)])?[：:](?=\S)")
# a responsibility clause closing a measure: （生态环境部牵头，X、Y参与）, （X指导，试点城市政府负责落实。）
# or a labelled one: （责任单位：X、Y）, （牵头单位：X；责任单位：Y） (gold unit convention 1)
_CLOSING_CLAUSE = re.compile(r"(?<=[。；;])\s*[（(](?P<body>[^（）()]{0,160}?"
                             r"(?:牵头|负责|指导|配合|参与|落实|责任(?:单位|部门|主体)[：:])[^（）()]{0,80})[）)]")


def _unit_label(label: str) -> bool:
    """Whether a line's label (派出所：, 城建事务中心（绿化）：, constructed) names a unit, not a topic or a clause."""
    return AGENT_START.fullmatch(label.rstrip("：:")) is not None


# （一） and deeper (layout ranks 5+) are items; a 一、 section (rank 4) is one only where no deeper item stands in it
_ITEM_RANK = 5.0
_SECTION_RANK = 4.0


def _item_paragraph(para: pg.Paragraph, section_item: bool = False) -> bool:
    """Whether ``para`` is (one of) the text paragraph(s) of a numbered item whose title stands on its own line
    (gold unit conventions 2: a numbered item's paragraphs are units, its sentences are not); with ``section_item``
    a 一、 section's title counts, the caller having found no deeper item under it (unit 2, fourteenth adjudication)."""
    least = _SECTION_RANK if section_item else _ITEM_RANK
    return para.item_rank is not None and para.item_rank >= least and not para.in_article and not _caption(para.text)


# 专栏2 示范工厂建设行动, 01 研发设计类软件: a short line with no sentence mark titles what follows (a box, an entry);
# it is no text of the item above it
_CAPTION = re.compile(r"[^。；;！!？?]{1,30}")


def _caption(text: str) -> bool:
    return _CAPTION.fullmatch(text.strip()) is not None


def _item_with_text(para: pg.Paragraph) -> bool:
    """Whether ``para`` is a numbered item (（一） or deeper) whose own text runs on its number's line (（一）建设生态
    保护应用体系。实施…), not a title standing alone."""
    hit = pg._numbered(para.text) if para.numbered and not para.heading_only and not para.in_article else None
    return hit is not None and hit[3] >= _ITEM_RANK


# 森林生态系统保护。通过…: a paragraph's run-in title, a short phrase closed by 。 (a noun phrase too), no cue
_TITLE_SENTENCE = re.compile(r"[^，,：:；;。！!？?]{2,16}。")


def _titled_paragraph(text: str) -> bool:
    """Whether a paragraph opens with a run-in title of its own and has text after it: under a numbered item it is
    one of the item's measures, as a numbered item is (gold unit conventions 2 and 10), not running text."""
    m = _TITLE_SENTENCE.match(text.strip())
    return m is not None and len(text.strip()) > m.end() and DUTY_CUE.search(m.group(0)) is None


# a clause with a date of its own (2020年…；2022年12月10日前…): two in one paragraph write a schedule of dated commitments
_DATED = re.compile(r"\d{4}年|\d{1,2}月(?:\d{1,2}日|底|份)|年底|年末|月底")
# a last item headed as the document's implementation (gold unit convention 31's examples: 组织实施, 保障措施, 工作要求,
# 有关要求, …督促检查; 强化考核督导)
_IMPLEMENTATION_TITLE = re.compile(r"组织实施|保障措施|工作要求|有关要求|督促检查|考核督导|督导考核|督查考核")


def next_numbered_lines(paras: list[pg.Paragraph]) -> list[pg.Paragraph | None]:
    """For each ``paras[k]``, the next numbered line after it outside an article (None after the last), in one
    backward pass: a per-paragraph forward scan was quadratic in the paragraphs of an item."""
    out: list[pg.Paragraph | None] = [None] * len(paras)
    nxt: pg.Paragraph | None = None
    for k in range(len(paras) - 1, -1, -1):
        out[k] = nxt
        if paras[k].numbered and not paras[k].in_article:
            nxt = paras[k]
    return out


def _paragraph_after_items(para: pg.Paragraph, item: pg.Paragraph, nxt: pg.Paragraph | None) -> bool:
    """Whether the unnumbered ``para``, written after the run-in numbered ``item`` (its text on its number's line), is
    a paragraph of a numbered item that closes the item list: the next numbered line is shallower than ``item``
    (二、… / 1.–4. / 各推荐单位应…。 / 三、: an item runs down to the next numbered heading, gold unit convention 2's
    thirteenth amendment as the sixteenth adjudication read it), or none follows and ``item``'s run-in title names the
    document's implementation (（五）强化考核督导。… / 各地区…建立…: unit convention 31). A paragraph of two or more dated
    clauses (a schedule of dated commitments) stays read by clause: a known disagreement with the gold, whose unit 4
    seventeenth amendment reads a schedule whose clauses name their units as one unit inside an item; following it
    lowered dev-check deadline_dates (0.775 -> 0.756, session 12), so it is not followed (tests/test_units_s11_after_items.py).
    ``nxt`` is the next numbered line after ``para`` (``next_numbered_lines``)."""
    if sum(1 for c in re.split(r"[。；;]", para.text) if _DATED.search(c)) >= 2:
        return False
    own = pg._numbered(item.text)
    if nxt is None:
        title = _TITLE_SENTENCE.match(item.body.strip())
        return title is not None and _IMPLEMENTATION_TITLE.search(title.group(0)) is not None
    hit = pg._numbered(nxt.text)
    return own is not None and hit is not None and hit[3] < own[3]


def _item_title(paras: list[pg.Paragraph], k: int, j: int, section_item: bool = False) -> pg.Paragraph | None:
    """The title line ``paras[j]`` (the last numbered, title or label line before ``paras[k]``) when it titles a
    numbered item (（一） or deeper, a decimal section 3.2 or 3.2.1 too; with ``section_item`` a 一、 section with no
    deeper item in it) whose text ``paras[k]`` is (one of): 1.智能辅助诊断产品, then 揭榜任务：…; None otherwise. A
    dotted number is numbering the layout writes, like 1. or （一）: the paragraphs under the lowest numbered heading
    are the item's, down to the next numbered line (gold unit convention 2 and its thirteenth-adjudication amendment)."""
    para = paras[k]
    if j >= k or para.numbered or para.in_article or para.heading_only or para.label_only \
            or _item_paragraph(para, section_item) or _caption(para.text):
        return None
    title = paras[j]
    hit = pg._numbered(title.text) if title.numbered and title.heading_only else None
    least = _SECTION_RANK if section_item else _ITEM_RANK
    if hit is None or hit[3] < least or title.context in ("descriptive", "goal"):
        return None
    return title


def section_items(following: list[pg.Paragraph | None]) -> list[bool]:
    """For each paragraph, whether the next numbered line after it (``following``, from ``next_numbered_lines``:
    articles' lines aside) is no deeper than a 一、 section (二、, 第三章, or none): a paragraph of a 一、 section with no
    deeper item below it is then a paragraph of that section's item, one unit, its sentences not (gold unit convention
    2 as the fourteenth adjudication applied it: (constructed) 二、加强监管\n甲局负责…。乙局配合…。\n三、… -> one
    obligation); a paragraph above （一） or 1. opens a section whose items follow and stays running text."""
    return [nxt is None or (hit := pg._numbered(nxt.text)) is None or hit[3] <= _SECTION_RANK for nxt in following]


# 优化网络基础设施。: a run-in title, a short verb phrase closed by 。 with no comma, no cue and no subject of its own
_RUN_IN_TITLE = re.compile(r"[^，,：:；;。]{4,16}。")


def _run_in_title(sent: str) -> bool:
    return _RUN_IN_TITLE.fullmatch(sent) is not None and VERB_START.match(sent) is not None \
        and DUTY_CUE.search(sent) is None


def _opening_title(sent: str) -> bool:
    """A paragraph's first sentence that is a noun phrase titling what follows (声学传感器。, 青岛。): short, closed by
    。, no comma, no cue and no verb (区应急局组建消防工作专班。 is a sentence; a verb-led title is _run_in_title's),
    ending in a noun or a name (各地各部门高度重视。, 某某号文收悉。, 特此通知。 end in a predicate: a statement)."""
    return _TITLE_SENTENCE.fullmatch(sent) is not None and DUTY_CUE.search(sent) is None and VERB.search(sent) is None \
        and _ends_in_noun(sent[:-1])


def _ends_in_noun(phrase: str) -> bool:
    """Whether jieba tags the last word of ``phrase`` a noun, a place or a word it does not know (a name)."""
    words = tagged_words(phrase, _pos())
    return bool(words) and words[-1][1].startswith(("n", "x", "eng"))


def _after_opening_title(sent: str) -> str:
    """The sentence after a paragraph's opening title that is no verb phrase (气体传感器。强化… -> 强化…), else ``sent``."""
    m = _TITLE_SENTENCE.match(sent)
    return sent[m.end():] if m is not None and len(sent) > m.end() and _opening_title(m.group(0)) else sent


def _labelled_sentences(text: str, start: int, wrapped: bool = False) -> list[tuple[str, int, tuple[Span, ...]]]:
    """The sentences of ``text`` as ``sentences`` gives them, less those made only of labels (…。牵头单位：X；
    完成时限：Y。), each with the span of the label sentences right after it: they label it. A run-in title
    (优化网络基础设施。组织…) goes with the sentence after it, as a numbered item's short heading does."""
    out: list[tuple[str, int, tuple[Span, ...]]] = []
    labels: Span | None = None
    title_at: int | None = None  # where the run-in title right before this sentence starts
    for m in (SENT_ACROSS_LINES if wrapped else SENT).finditer(text):
        sent = m.group(0).strip()
        s0 = start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        if out and sent and pg.is_label_line(sent):
            labels = Span(labels.start if labels else s0, s0 + len(sent))
            out[-1] = (out[-1][0], out[-1][1], (labels,))
        elif title_at is not None and sent:
            out[-1] = (text[title_at - start:s0 - start + len(sent)], title_at, ())
            labels = title_at = None
        else:
            labels = None
            out.append((sent, s0, ()))
            # a paragraph's opening title may be a noun phrase too (气体传感器。强化…; 甲市。打造…: unit convention 28)
            title_at = s0 if _run_in_title(sent) or len(out) == 1 and _opening_title(sent) else None
    if len(out) == 1 and _caption(text) and "，" not in text and "," not in text:
        return []  # 申报单位相关证明材料 / X市人民政府办公厅 2019年1月3日印发: a caption, a name or a print line, no sentence
    return [x for x in out if len(x[0]) >= 8]


def _stretches(text: str, start: int) -> list[tuple[str, int, bool]]:
    """``text`` cut after each closing responsibility clause: (stretch, start, ends in a clause).

    A national plan closes each measure with its own clause (…体系。（生态环境部牵头，X参与）), so
    the measure is the stretch of text up to it; text after the last clause is returned as it is."""
    out: list[tuple[str, int, bool]] = []
    pos = 0
    for m in _CLOSING_CLAUSE.finditer(text):
        piece = text[pos:m.end()]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            out.append((piece.strip(), start + pos + lead, True))
        pos = m.end()
    tail = text[pos:]
    if tail.strip():
        out.append((tail.strip(), start + pos + len(tail) - len(tail.lstrip()), False))
    return out

