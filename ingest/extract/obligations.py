"""Obligations: the units of work of a document, in text order (issues 3 and 13).

A unit is a numbered item at the lowest level of the outline, a paragraph under a measure's title line,
a sentence of running text, a stretch closed by its own responsibility clause, or a row of a task table
(序号 | 工作内容 | 责任单位, also when it arrives one cell per line). Whether a unit states a duty is the
grammar of duty.py; the record with its agencies, deadlines, targets and site types is built by record.py;
goal paragraphs are read by goals.py. Here: the walk over the outline that decides, paragraph by paragraph,
which kind of unit it holds, and the context it passes down (the headings and stage of each paragraph, the
date of a goal lead over its bullets, the site types of title headings and lead-ins).

The parts the walk decides from live beside it: which stretches of a paragraph are units (``stretches``),
when a lead-in over a list is the unit (``lead_ins``), the rows of task tables (``task_rows``). Callers
keep importing from this module.

Gold README (tests/gold/obligations/README.md): schema "one obligation per unit of work" (numbered items,
running-text sentences, article paragraphs, table rows; descriptive text is none), unit convention 4 and its
amendment (the date of the lead right above goal bullets governs them: ``goals.GoalLeads``) and site-type
convention 2 (a title heading's or lead-in's site passes down: ``_heading_sites_passed``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache

from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.duty import (
    CATCH_ALL,
    CONDITION,
    NOT_A_TASK,
    cue_outside_titles,
    points_elsewhere,
    states_duty,
)
from policykg.ingest.extract.goals import GoalLeads
from policykg.ingest.extract.headings import approach_section
from policykg.ingest.extract.headless import headless_starts
from policykg.ingest.extract.lead_ins import (
    _KINDS_LIST,
    _THINGS_LIST,
    _duty_before_list,
    _items_of,
    _listed_thing,
    _things_lead,
)
from policykg.ingest.extract.record import BULLET, make_obligation
from policykg.ingest.extract.record import duty_holder_site as _duty_holder_site
from policykg.ingest.extract.record import strip_lead as _strip_lead
from policykg.ingest.extract.sitetypes import concepts_of, with_heading_sites, with_item_sites
from policykg.ingest.extract.stretches import (
    _LABEL,
    _SECTION_RANK,
    _after_opening_title,
    _caption,
    _item_paragraph,
    _item_title,
    _item_with_text,
    _labelled_sentences,
    _paragraph_after_items,
    _stretches,
    _titled_paragraph,
    _unit_label,
    next_numbered_lines,
    section_items,
)
from policykg.ingest.extract.task_rows import _tables_of, table_obligations
from policykg.ingest.model import Document, Obligation

# (_duty_holder_site and _strip_lead are imported from here by the tests and roles)
__all__ = ["GOAL_HEADING", "_duty_holder_site", "_strip_lead", "extract_obligations", "states_duty",
           "table_obligations"]

GOAL_HEADING = pg.GOAL_HEADING


def extract_obligations(doc: Document) -> tuple[Obligation, ...]:
    """Every unit of work of ``doc``, in text order."""
    tables = doc.tables or _tables_of(doc)
    table_spans = [t.span for t in tables if pg.task_columns(t.header) is not None]
    out = table_obligations(doc, tables)
    notice = doc.notice_span
    lead_in: pg.Paragraph | None = None  # the open 应当设置以下设施：, until the next heading
    led: set[int] = set()
    things = False  # the open lead-in's numbered items all name things (_things_lead)
    goal_leads = GoalLeads(doc)  # the goal lead whose date governs the bullets below it
    paras = pg.paragraphs(doc, skip=table_spans)
    headless = headless_starts(doc, paras)  # running text of a policy text that lost its outline (headless.py)
    # the last numbered item whose text runs on its number's line and gives work (（一）建设…。…): the item, and whether it
    # does, asked only when a titled paragraph or a paragraph after the items (_paragraph_after_items) follows it (most
    # items have none)
    run_in_item: pg.Paragraph | None = None
    item_gives_work: bool | None = None
    title_at = 0  # the last numbered, title or label line
    following = next_numbered_lines(paras)  # the next numbered line after each paragraph, computed once
    shallow = section_items(following)  # a 一、 section's paragraphs are its item's where no （一） or 1. stands in it
    dated_only: list[tuple[int, int]] = []  # the spans of an approach section's paragraphs (unit 25, fifteenth amendment)
    for k, para in enumerate(paras):
        if para.context == "descriptive" and not para.heading_only and not para.label_only \
                and approach_section(para.headings + ((para.text[:60],) if para.numbered else ())):
            # 总体布局 / （1）强化…体系建设。…: the approach restates the measures in general form; a sentence or item in it
            # with a date or number of its own is still work, read as task text and kept only when it has one
            dated_only.append((para.start, para.start + len(para.text)))
            para = replace(para, context="task", goal=False)
        if para.numbered or para.heading_only or para.label_only:
            title_at = k
        if para.numbered or para.heading_only or para.label_only or run_in_item is not None and _caption(para.text):
            # a box's caption (专栏2 …) ends the item's text; an item that reports what is (（一）发展成效。…以来，…) has no
            # measures, and its titled paragraphs (综合实力显著增强。…达到…) report too
            run_in_item, item_gives_work = para, None
        if para.heading_only:
            things = _things_lead(paras, k)
            lead_in = para if _THINGS_LIST.search(para.text) or _KINDS_LIST.search(para.text) or things else None
        if para.heading_only and para.context != "descriptive" and para.start not in led and _duty_before_list(para):
            led.add(para.start)  # 本镇制定…保护要求。保护要求可以分为以下三类：: the sentence before the list is work
            out.append(make_obligation(doc, para.text, para.start, para.section, "duty_before_list",
                                   headings=para.headings, stage=para.stage))
        if para.heading_only or para.context == "descriptive" or para.label_only:
            continue
        listed = _listed_thing(lead_in.text, para, things) if lead_in is not None and para.numbered else None
        if listed:
            if lead_in.start not in led:  # its items are things to have: the lead-in is the duty
                led.add(lead_in.start)
                out.append(make_obligation(doc, lead_in.text, lead_in.start, lead_in.section, listed,
                                       headings=lead_in.headings, stage=lead_in.stage))
            continue
        if para.context == "goal":
            out.extend(goal_leads.goals(para))
            continue
        ctx = {"headings": para.headings, "stage": para.stage, "own_stage": para.own_stage,
               "labels": (para.labels,) if para.labels else ()}
        pieces = _stretches(para.text, para.start) if "（" in para.text or "(" in para.text else []
        # a bullet (——, ●) under a heading is an item too
        item = para.numbered or bool(para.headings) and BULLET.match(para.text) is not None
        if item and sum(1 for p in pieces if p[2]) <= 1:
            pieces = []  # one measure with its clause: the whole item
        if item and not pieces:
            body = para.body if para.numbered else BULLET.sub("", para.body, count=1)
            if states_duty(body, numbered=True) or para.context == "duties" and not CONDITION.search(para.body) \
                    and not CATCH_ALL.search(para.body) and not points_elsewhere(para.body) or para.context == "violations" and para.numbered \
                    and not CATCH_ALL.search(para.body):  # （二）未按照规定设置安全总监的: the duty it breaks
                out.append(make_obligation(doc, para.text, para.start, para.section,
                                       "numbered_item" if para.numbered else "bullet_item", **ctx))
            continue
        # running text outside any heading (a notice, a preamble) asks for a duty cue, unless it is read as an outline's
        outline = (bool(para.headings) or para.start in headless) and not (notice and notice.start <= para.start < notice.end)
        # a paragraph that opens with a run-in title of its own under a 一、 section with no deeper item (甲市。打造…。依托…)
        # is a paragraph of that numbered item too (unit convention 28's sixteenth-adjudication amendment); only the
        # entries of a box, under a caption line (专栏1 …) after the section title, stay running text
        titled = _titled_paragraph(para.text)
        section_item = shallow[k] and not (titled and _after_caption(paras, title_at, k))
        title = _item_title(paras, k, title_at, section_item)
        # (such a titled paragraph under a 一、 title is a unit where a sentence of it states a duty as running text would:
        # the layout decides where its unit ends, not whether it gives work)
        by_sentence = titled and title is not None and pg._numbered(title.text)[3] <= _SECTION_RANK
        in_item = _item_paragraph(para, section_item)
        labelled = title is None and not para.text.startswith("附件") and _LABEL.match(para.text) or None
        if labelled and pieces and (any(p[2] for p in pieces) or not _unit_label(labelled.group(0))):
            labelled = None  # a bracket after a unit's label (constructed: 城建事务中心（绿化）：) closes no measure
        if labelled and states_duty(para.text[labelled.end():]):  # 派出所：负责…；…。 one unit of work
            out.append(make_obligation(doc, para.text, para.start, para.section, "labelled_paragraph", **ctx))
            continue
        later = run_in_item is not None and not para.in_article \
            and (titled or _paragraph_after_items(para, run_in_item, following[k]))
        if later and item_gives_work is None:
            item_gives_work = _item_with_text(run_in_item) and states_duty(run_in_item.body, numbered=True)
        later = later and bool(item_gives_work)
        # a labelled responsibility clause inside the paragraph (…。牵头单位：X；完成时限：Y。区公安分局要…) closes the
        # stretch before it (unit convention 1): such a paragraph is read by its labelled sentences below
        item_text = title is not None or in_item or later
        # (a label's colon may be full-width or ASCII, as is_label_line reads it: 牵头单位:X splits the paragraph too)
        cut = item_text and ("：" in para.text or ":" in para.text) \
            and any(x[2] for x in _labelled_sentences(para.text, para.start, para.wrapped)[:-1])
        if item_text and not cut and not any(p[2] for p in pieces):
            # a paragraph under a numbered item's title line is the item's text: one unit, as an article's is; the
            # item's first paragraph is read with its title (1.智能辅助诊断产品 / 揭榜任务：…), the item's own text;
            # a later paragraph of an item run into its number line that opens with a title of its own
            # (（一）建设…体系。… / 森林生态系统保护。通过…) is one unit too (unit conventions 2, 10)
            # (a paragraph after the items, with no title of its own, asks for a duty as running text does)
            if _gives_work(para, by_sentence, numbered=title is not None or in_item or titled):
                start = _item_unit_start(doc, paras, k, title, in_item)
                out.append(make_obligation(doc, doc.text[start:para.start + len(para.text)], start, para.section,
                                           "item_paragraph", **ctx))
            continue
        if para.in_article and not any(p[2] for p in pieces):  # an article's paragraph is one unit
            if states_duty(para.text) if outline else cue_outside_titles(para.text) and not NOT_A_TASK.search(para.text):
                out.append(make_obligation(doc, para.text, para.start, para.section, "article_paragraph", **ctx))
            continue
        for text, start, closed in pieces or [(para.text, para.start, False)]:
            if closed:
                out.append(make_obligation(doc, text, start, para.section, "clause_measure", **ctx))
                continue
            framed = False  # the paragraph opens with an assessment (…时期是…的关键五年。): its bare 必须/要 sentences are stances
            for n, (sent, s0, own_labels) in enumerate(_labelled_sentences(text, start, para.wrapped)):
                said = _after_opening_title(sent)  # (气体传感器。强化…: the sentence after a title says the duty)
                if n == 0 and not pieces:
                    framed = _ASSESSMENT.match(said) is not None and not states_duty(said)
                if states_duty(said) if outline else cue_outside_titles(said) and not NOT_A_TASK.search(said):
                    rule = "headless_sentence" if para.start in headless else "duty_sentence"  # (provenance)
                    ob = make_obligation(doc, sent, s0, para.section, rule, **{**ctx, "labels": own_labels + ctx["labels"]})
                    if framed and n and _STANCE.match(said) and not (ob.agencies or ob.deadlines or ob.targets):
                        continue  # gold README unit 25, eighteenth amendment (a): the stance the measures answer
                    out.append(ob)
    if dated_only:
        out = [o for o in out if o.deadlines or o.targets or not _inside(o.span.start, dated_only)]
    return tuple(sorted(_heading_sites_passed(out, paras), key=lambda o: o.span.start))


# a paragraph's first sentence that says what its subject, the period or the work is, in its first clause (“十四五”时期是
# …的关键五年; “无废城市”是…的城市发展模式), assesses; 必须/要/需要 opening a later sentence of that paragraph, with no unit,
# date or number, states the stance that the document's measures answer (gold README unit 25, eighteenth amendment (a))
_ASSESSMENT = re.compile(r"^[^，,。；;]{1,20}?(?<![但就还即总凡要应更也只正于])是(?![否指])")  # (但是, 总是: no 是 of a subject)
_STANCE = re.compile(r"^(?:[^，,。；;]{1,8}[，,])?(?:因此|为此|对此|所以)?[，,]?(?:必须|要|需要|需|亟需)")


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies in one of ``spans`` (start, end), sorted by start."""
    k = bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _item_unit_start(doc: Document, paras: list[pg.Paragraph], k: int, title: pg.Paragraph | None,
                     in_item: bool) -> int:
    """Where the unit of the item paragraph ``paras[k]`` starts: its own start, or the body of the title line right
    above it when that line opens the unit (``title``: the item's title line, ``_item_title``; ``in_item``: ``paras[k]``
    is an item's paragraph, ``_item_paragraph``)."""
    para = paras[k]
    head: pg.Paragraph | None = None
    if title is not None:
        # the title line also opens the unit when the body's opening repeats in the document (unit convention 10: the
        # anchor then starts at the heading): 工业和信息化部、公安部…, written under several titles; a 一、 section's title,
        # 一、工作措施, titles the section: it opens its paragraph's unit only where the body's opening repeats
        if pg._numbered(title.text)[3] > _SECTION_RANK or _opening_repeats(doc, para):
            head = title
    elif k and in_item and paras[k - 1].numbered and paras[k - 1].heading_only and _caption(paras[k - 1].text) \
            and _opening_repeats(doc, para):
        head = paras[k - 1]
    # (not over a stage line between them, 三、实施步骤 / 第一阶段：…（3月1日—3月31日） / 各街镇要…: the stage line heads the
    # paragraph, and a title never opens a unit across it)
    if head is not None and paras[k - 1] is head and not doc.text[head.start + len(head.text):para.start].strip():
        return head.body_start
    return para.start


def _gives_work(para: pg.Paragraph, by_sentence: bool, numbered: bool) -> bool:
    """Whether an item paragraph asks for work: as a whole (``states_duty``), or, ``by_sentence`` (a titled paragraph
    under a 一、 title), where one of its sentences does after its run-in title, as running text would."""
    if by_sentence:
        return any(states_duty(_after_opening_title(sent))
                   for sent, _, _ in _labelled_sentences(para.text, para.start, para.wrapped))
    return states_duty(para.text, numbered=numbered)


def _after_caption(paras: list[pg.Paragraph], title_at: int, k: int) -> bool:
    """Whether a caption line (专栏1 重点产品: a short line with no sentence mark) stands between the last title line
    ``paras[title_at]`` and ``paras[k]``: ``paras[k]`` is then an entry of a box, a layout insert with its own title."""
    return any(_caption(paras[i].text) for i in range(title_at + 1, k))


def _opening_repeats(doc: Document, para: pg.Paragraph) -> bool:
    """Whether the first 25 characters of ``para`` (spaces removed) occur elsewhere in the document too."""
    opening = re.sub(r"\s", "", para.text)[:25]
    return _without_spaces(doc.text).count(opening) > 1


@lru_cache(maxsize=2)
def _without_spaces(text: str) -> str:
    """``text`` with its whitespace removed (a document's whole text: asked again by each item of a document)."""
    return re.sub(r"\s", "", text)


# -- site types of headings (sitetypes.py says what passes; here only which headings are titles) ----------

def _heading_sites_passed(obligations: list[Obligation], paras: list[pg.Paragraph]) -> list[Obligation]:
    """Each unit of running text with the site types of the title headings and lead-ins above it (第三章
    消防设施, （三）高层建筑消防安全治理, 在居民住宅区内不得有下列行为：) beside its own (site-type convention 2),
    and a lead-in that is the duty of its list (对下列生产经营单位应当进行重点检查：) with those of its items.
    A title is a heading-only line; an article's or an item's first sentence over later text is none."""
    titles = sorted(re.sub(r"\s", "", p.text) for p in paras if p.heading_only)
    starts = [p.start for p in paras]
    is_title: dict[str, bool] = {}
    out = []
    for ob in obligations:
        k = bisect_right(starts, ob.span.start) - 1
        para = paras[k] if k >= 0 and ob.source == "text" else None
        if para is None or ob.span.start >= para.start + len(para.text):
            out.append(ob)
            continue
        for h in para.headings:
            if h not in is_title:
                key = re.sub(r"\s", "", h)
                i = bisect_left(titles, key)  # (the first title not before the key starts with it, if any does)
                is_title[h] = i < len(titles) and titles[i].startswith(key)
        sites = with_heading_sites(ob.site_types, tuple(h for h in para.headings if is_title[h]))
        if ob.rule == "duty_list_lead":
            sites = with_item_sites(sites, _items_of(paras, k))
        out.append(ob if sites == ob.site_types else replace(ob, site_types=sites, site_type_concepts=concepts_of(sites)))
    return out

