"""Obligations: the units of work of a document, in text order (issues 3 and 13).

A unit is a numbered item at the lowest level of the outline, a paragraph under a measure's title line,
a sentence of running text, a stretch closed by its own responsibility clause, or a row of a task table
(序号 | 工作内容 | 责任单位, also when it arrives one cell per line). Whether a unit states a duty is the
grammar of duty.py; the record with its agencies, deadlines, targets and site types is built by record.py;
goal paragraphs are read by goals.py. Here: which stretches of text are units, tables, lists whose lead is
the duty, and the site types headings pass down.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from policykg.ingest import layout
from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.agencies import AgencyHit, parse_unit_list
from policykg.ingest.extract.cues import AGENT_START, DUTY_CUE, VERB, VERB_START
from policykg.ingest.extract.deadlines import column_deadlines, extract_deadlines
from policykg.ingest.extract.duty import (
    CATCH_ALL,
    CLAUSE,
    CONDITION,
    NOT_A_TASK,
    cue_outside_titles,
    states_duty,
)
from policykg.ingest.extract.goals import goals_of
from policykg.ingest.extract.record import (
    BULLET,
    SENT,
    SENT_ACROSS_LINES,
    doc_reference,
    make_obligation,
)
from policykg.ingest.extract.record import duty_holder_site as _duty_holder_site  # noqa: F401 (tests)
from policykg.ingest.extract.record import strip_lead as _strip_lead  # noqa: F401 (tests, roles)
from policykg.ingest.extract.roles import roles_from_list
from policykg.ingest.extract.sitetypes import concepts_of, with_heading_sites, with_item_sites
from policykg.ingest.model import AgencyMention, Deadline, Document, Obligation, Span, Table

__all__ = ["GOAL_HEADING", "extract_obligations", "states_duty", "table_obligations"]

GOAL_HEADING = pg.GOAL_HEADING
# 派出所：负责…: a unit or topic label with its duties on one line
_LABEL = re.compile(r"^[^，。；：:、\s]{2,20}(?:[（(][^）)]{1,8}[）)])?[：:](?=\S)")
# a responsibility clause closing a measure: （生态环境部牵头，X、Y参与）, （X指导，试点城市政府负责落实。）
# or a labelled one: （责任单位：X、Y）, （牵头单位：X；责任单位：Y） (gold unit convention 1)
_CLOSING_CLAUSE = re.compile(r"(?<=[。；;])\s*[（(](?P<body>[^（）()]{0,160}?"
                             r"(?:牵头|负责|指导|配合|参与|落实|责任(?:单位|部门|主体)[：:])[^（）()]{0,80})[）)]")


def _unit_label(label: str) -> bool:
    """Whether a line's label (派出所：, 城市建设管理事务中心（水务）：) names a unit, not a topic or a clause."""
    return AGENT_START.fullmatch(label.rstrip("：:")) is not None


# 应当设置以下地下空间安全设施、设备：: a lead-in whose items are things to have, not acts
_THINGS_LIST = re.compile(r"(?:以下|下列)[^，。；：:]{0,12}(?:设施|设备|器材|物资|装备|材料|资料|装置|系统)[^：:]*[：:]\s*$")
_THING = re.compile(r"(?:设施|设备|器材|物资|装备|材料|资料|装置|系统)$")
# 本人有效身份证件；/ 森林消防基础设施建设经费；: an item that names a thing to bring, keep or pay for, one noun
# phrase whose head is a word for things (a verb inside it, 建设经费, qualifies the head)
_THING_HEAD = re.compile(r"(?:设施|设备|器材|物资|装备|材料|资料|装置|经费|费用|资金|证件|证书|证明|文件|复印件|照片|原件)$")
_ASIDE = re.compile(r"[（(][^（）()]*[）)]")


def _thing_item(body: str) -> bool:
    """An item that is one noun phrase naming a thing (2.学历证书材料（在…查阅到的，不需提供）。): its aside dropped, no
    clause break, no cue, no verb opening it, a head word for things."""
    core = _ASIDE.sub("", body).strip().rstrip("。；;")
    return bool(core) and not re.search(r"[，,：:。；;]", core) and _THING_HEAD.search(core) is not None \
        and not DUTY_CUE.search(core) and not VERB_START.match(core)


def _listed_thing(lead: str, para: pg.Paragraph, things: bool) -> str | None:
    """The rule by which a numbered line under the lead-in ``lead`` is one of the things or kinds the lead's duty
    names (应当设置以下设施：（一）…; 对下列生产经营单位应当进行重点检查：; 需携带以下资料备审：1.本人有效身份证件；;
    应当将森林消防经费列入…预算，保障…需要：（一）…日常工作经费；), so that the lead is the unit of work, or None.
    Only the items of a list of sites or kinds (site-type convention 13) pass their sites to the lead."""
    if (para.context == "duties" and _content_item(para.body) if _THINGS_LIST.search(lead)
            else DUTY_CUE.search(lead) and _kind_item(lead, para.body)):
        return "duty_list_lead"
    return "duty_things_lead" if things and _thing_item(para.body) else None


# 对下列生产经营单位应当进行重点检查：: a duty whose items are the kinds of unit, site or person it bears on
_KINDS_LIST = re.compile(r"(?:以下|下列)[^，。；：:]{0,12}?(?P<kind>单位|企业|场所|人员|建筑|项目|工程|机构)[^：:]*[：:]\s*$")


def _kind_item(lead: str, body: str) -> bool:
    """An item that is a kind of what the lead names (（五）被举报…经核查属实的生产经营单位。 under 下列生产经营单位)."""
    m = _KINDS_LIST.search(lead)
    return m is not None and body.rstrip("。；;").endswith(m.group("kind")) and not DUTY_CUE.search(body)


def _content_item(body: str) -> bool:
    """An item of a list of things: one clause, no verb before its last 的 (（三）防水挡板、沙袋等物资器材；)."""
    if "，" in body or "," in body:
        return False
    k = body.rfind("的")
    if not VERB.search(body if k < 0 else body[:k]):
        return True
    # 应急预案要求地下空间配备的应急救援设施器材；: a verb inside the clause before 的 describes the thing
    head = body[k + 1:].rstrip("。；;") if k >= 0 else ""
    return bool(_THING.search(head)) and not VERB_START.match(body) and not DUTY_CUE.search(body)


_LAST_SENTENCE = re.compile(r"[^。！!？?]*[：:]\s*$")


def _duty_before_list(para: pg.Paragraph) -> bool:
    """Whether a numbered or article lead over a list (…：) holds, before the sentence that opens the list, a
    sentence of its own that states a duty (第十九条 本镇依照…规定制定…保护要求。保护要求…可以分为以下三类：)."""
    if not (para.numbered or para.in_article):
        return False  # a notice's preamble (…。现就有关事项通知如下：) opens the whole text, not a list
    body = para.body if para.numbered else para.text
    m = _LAST_SENTENCE.search(body)
    head = body[:m.start()].strip() if m else ""
    if head and head[-1] in "。！!？?":
        return states_duty(head)
    # 乡和村的护林员应当明确森林消防责任区域，履行以下…职责：: the clauses before the one that opens the list
    # give work of their own (an act with its object after the cue), the list is more of it
    clauses = CLAUSE.split(body.strip())
    head = "，".join(clauses[:-2] if len(clauses) > 1 and not clauses[-1].strip() else clauses[:-1]).strip()
    cue = DUTY_CUE.search(head)
    if not head or cue is None or _LIST_WORD.search(head) or _RELATIVE_CUE.match(head, cue.start()):
        return False
    act = _BASIS_OR_MEANS.sub("", head[cue.end():])
    return any(v.group(0) not in _ANSWERS_FOR for v in VERB.finditer(act)) and states_duty(head)


_LIST_WORD = re.compile(r"下列|以下|如下")
# 对本单位安全生产工作全面负责，履行下列职责：: answering for the work is what the list spells out
_ANSWERS_FOR = frozenset({"负责", "履行", "承担"})
# …应当具备的安全生产条件所必需的资金投入，主要用于下列事项：: the cue inside a relative clause qualifies a noun
_RELATIVE_CUE = re.compile(r"(?:应当|应|必须|须)[\u4e00-\u9fa5]{1,4}的")
# 按照职责对…进行监督检查: the basis of an act before it (its 管理 or 职责 names no act)
_BASIS_OR_MEANS = re.compile(r"^(?:依照|按照|依据|根据|结合|参照)[^，,。；;]{0,30}?(?:规定|要求|实际|情况|职责|准则|标准|程序)")



# （一） and deeper (layout ranks 5+): a 一、 section's paragraphs stay running text, read by the sentence
_ITEM_RANK = 5.0


def _item_paragraph(para: pg.Paragraph) -> bool:
    """Whether ``para`` is (one of) the text paragraph(s) of a numbered item whose title stands on its own line
    (gold unit conventions 2: a numbered item's paragraphs are units, its sentences are not)."""
    return para.item_rank is not None and para.item_rank >= _ITEM_RANK and not para.in_article


_SENTENCE = re.compile(r"[^。；;！!？?]+")


def _item_title(paras: list[pg.Paragraph], k: int, j: int) -> pg.Paragraph | None:
    """The title line ``paras[j]`` (the last numbered, title or label line before ``paras[k]``) when it titles a
    numbered item (（一） or deeper, not a decimal section 3.2) whose text ``paras[k]`` is (one of): 1.智能辅助诊断产品,
    then 揭榜任务：…; None otherwise."""
    para = paras[k]
    if j >= k or para.numbered or para.in_article or para.heading_only or para.label_only or _item_paragraph(para):
        return None
    title = paras[j]
    hit = pg._numbered(title.text) if title.numbered and title.heading_only else None
    if hit is None or hit[3] < _ITEM_RANK or "." in hit[1] or title.context in ("descriptive", "goal"):
        return None
    return title


# a clause that opens with a preposition names a field or a basis, not its subject (面向…骨科、眼科等领域，研发…)
_PREPOSITION = re.compile(r"^(?:面向|针对|围绕|聚焦|依托|按照|根据|依据|结合|对于|对|在|为|通过|以|从|基于|利用)")


def _opens_with_unit(sentence: str) -> bool:
    """Whether a sentence opens with a unit that acts (由区住建委负责…, 区应急局会同…), after any label (揭榜任务：)."""
    body = sentence.strip()
    label = _LABEL.match(body)
    clauses = [c.strip() for c in CLAUSE.split(body[label.end():] if label else body) if c.strip()]
    agent = AGENT_START.match(clauses[0]) if clauses and not _PREPOSITION.match(clauses[0]) else None
    return agent is not None and (VERB.search(clauses[0], agent.end()) is not None
                                  or len(clauses) > 1 and VERB.search(clauses[1]) is not None)


def _labelled_sentences(text: str, start: int, wrapped: bool = False) -> list[tuple[str, int, tuple[Span, ...]]]:
    """The sentences of ``text`` as ``sentences`` gives them, less those made only of labels (…。牵头单位：X；
    完成时限：Y。), each with the span of the label sentences right after it: they label it."""
    out: list[tuple[str, int, tuple[Span, ...]]] = []
    labels: Span | None = None
    for m in (SENT_ACROSS_LINES if wrapped else SENT).finditer(text):
        sent = m.group(0).strip()
        s0 = start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        if out and sent and pg.is_label_line(sent):
            labels = Span(labels.start if labels else s0, s0 + len(sent))
            out[-1] = (out[-1][0], out[-1][1], (labels,))
        else:
            labels = None
            out.append((sent, s0, ()))
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


def table_obligations(doc: Document, tables: tuple[Table, ...]) -> list[Obligation]:
    """One obligation per row of a task table; a bad row is kept as text and flagged."""
    out: list[Obligation] = []
    for t in tables:
        cols = pg.task_columns(t.header)
        if cols is None:
            continue
        num_i, task_i = cols.number, cols.task
        prev_units: dict[int, list[AgencyHit]] = {}
        section = pg.section_at(doc, t.span.start) or (t.attachment or "")
        expected = 1
        for k, row in enumerate(t.rows):
            span = t.row_spans[k] if k < len(t.row_spans) else t.span
            raw = doc.text[span.start:span.end]
            if len(row) <= task_i or not row[task_i].strip():
                out.append(Obligation(raw.strip(), span, section, source="table",
                                      flag="malformed_row", rule="table_row"))
                continue
            task = row[task_i].strip()
            t_start = doc.text.find(task, span.start, span.end + 1)
            t_start = t_start if t_start >= 0 else span.start
            flag = None
            if num_i is not None and len(row) > num_i and row[num_i].strip().isdigit():
                n = int(row[num_i])
                flag = None if n == expected else f"row_number:{n}!={expected}"
                expected = expected + 1 if flag else n + 1
            mentions, rule = _row_units(doc, row, cols, span, prev_units)
            due = _cell(doc, row, cols.deadline, span)
            extra = column_deadlines(due[0], doc_reference(doc), due[1]) if due is not None else ()
            ob = make_obligation(doc, task, t_start, section, rule, mentions, "table", flag,
                             extra_deadlines=tuple(d for d in extra if d.span.start < t_start or d.span.start >=
                                                   t_start + len(task)))
            out.append(ob)
    return out


def _row_units(doc: Document, row: tuple[str, ...], cols: pg.TaskColumns, span: Span,
               prev_units: dict[int, list[AgencyHit]]) -> tuple[list[AgencyMention], str]:
    """The agencies of a task-table row by column kind: a 牵头单位 column leads; a 责任单位 column beside it
    cooperates (the units that share the work under the named lead), alone it reads its own marks (X牵头)
    or is a list of equals; a 配合单位 column cooperates. The first unit column's merged (empty) cell
    carries the units of the row above; the rule says which happened."""
    mentions: list[AgencyMention] = []
    rule = "table_row"
    has_lead = cols.lead is not None
    for n, (col, kind) in enumerate(cols.unit_columns()):
        cell = _cell(doc, row, col, span)
        written, at = cell if cell is not None else ("", 0)
        if cell is not None:
            units = parse_unit_list(written, doc.region, at)
            if n == 0:
                prev_units[col] = units
        elif n == 0:  # a merged cell: the units of the row above carry on
            units, rule = prev_units.get(col, []), "table_row:inherited_units"
        else:
            continue
        if kind == "lead":
            mentions += [_as_role(m, "lead") for m in roles_from_list(units, "table_row:lead")]
        elif kind == "cooperate" or has_lead:
            label = "table_row:cooperate" if kind == "cooperate" else "table_row:units_beside_lead"
            mentions += [_as_role(m, "cooperate") for m in roles_from_list(units, label)]
        else:
            mentions += roles_from_list(units, rule, text=written, offset=at)
    taken = {(m.name, m.role) for m in mentions if m.role == "lead"}
    return [m for m in mentions if m.role == "lead" or (m.name, "lead") not in taken], rule


def _as_role(m: AgencyMention, role: str) -> AgencyMention:
    """The mention in ``role``; a collective (各街镇) stays a collective whatever its column."""
    return m if m.role == "collective" or m.role == role else replace(m, role=role)  # type: ignore[arg-type]


def _cell(doc: Document, row: tuple[str, ...], col: int | None, span: Span) -> tuple[str, int] | None:
    """A non-empty cell of ``row`` and where it starts in the text."""
    if col is None or len(row) <= col or not row[col].strip():
        return None
    cell = row[col].strip()
    at = doc.text.find(cell, span.start, span.end + 1)
    return cell, at if at >= 0 else span.start


def _tables_of(doc: Document) -> tuple[Table, ...]:
    """The layout's tables of a Document that was built without layout (the pipeline's are final)."""
    if doc.body_span is not None:
        return ()
    return tuple(layout.find_tables(layout.lines_of(doc.text), list(doc.attachments)))


def extract_obligations(doc: Document) -> tuple[Obligation, ...]:
    """Every unit of work of ``doc``, in text order."""
    tables = doc.tables or _tables_of(doc)
    table_spans = [t.span for t in tables if pg.task_columns(t.header) is not None]
    out = table_obligations(doc, tables)
    notice = doc.notice_span
    lead_in: pg.Paragraph | None = None  # the open 应当设置以下设施：, until the next heading
    led: set[int] = set()
    things = False  # the open lead-in's numbered items all name things (_things_lead)
    lead_date: tuple[Deadline, ...] = ()  # the first date of the goal paragraph the bullets below belong to
    lead_headings: tuple[str, ...] = ()
    paras = pg.paragraphs(doc, skip=table_spans)
    title_at, unit_opens = 0, False  # the last numbered, title or label line; whether a unit opens a sentence since
    for k, para in enumerate(paras):
        if para.numbered or para.heading_only or para.label_only:
            title_at, unit_opens = k, False
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
            if not BULLET.match(para.text) or para.headings != lead_headings:  # a lead of the bullets after it
                lead_headings = para.headings
                lead_date = () if para.numbered or BULLET.match(para.text) else \
                    tuple(d for d in extract_deadlines(para.text, doc_reference(doc), para.start) if d.date)[:1]
            out.extend(goals_of(doc, para, lead_date))
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
                    and not CATCH_ALL.search(para.body) or para.context == "violations" and para.numbered \
                    and not CATCH_ALL.search(para.body):  # （二）未按照规定设置安全总监的: the duty it breaks
                out.append(make_obligation(doc, para.text, para.start, para.section,
                                       "numbered_item" if para.numbered else "bullet_item", **ctx))
            continue
        # running text outside any heading (a notice, a preamble) asks for a duty cue
        outline = bool(para.headings) and not (notice and notice.start <= para.start < notice.end)
        title = _item_title(paras, k, title_at)
        if title is not None:
            # …。区住建委负责…。各街镇配合…: once a sentence of the item opens with its own acting unit, its
            # paragraphs are read by the sentence
            unit_opens = unit_opens or any(_opens_with_unit(s) for s in _SENTENCE.findall(para.text))
            title = None if unit_opens else title
        labelled = title is None and not para.text.startswith("附件") and _LABEL.match(para.text) or None
        if labelled and pieces and (any(p[2] for p in pieces) or not _unit_label(labelled.group(0))):
            labelled = None  # a bracket after a unit's label (城市建设管理事务中心（水务）：) closes no measure
        if labelled and states_duty(para.text[labelled.end():]):  # 派出所：负责…；…。 one unit of work
            out.append(make_obligation(doc, para.text, para.start, para.section, "labelled_paragraph", **ctx))
            continue
        if (title is not None or _item_paragraph(para)) and not any(p[2] for p in pieces):
            # a paragraph under a numbered item's title line is the item's text: one unit, as an article's is; the
            # item's first paragraph is read with its title (1.智能辅助诊断产品 / 揭榜任务：…), the item's own text
            if states_duty(para.text, numbered=True):
                start = title.body_start if title is not None and paras[k - 1] is title else para.start
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
            for sent, s0, own_labels in _labelled_sentences(text, start, para.wrapped):
                if states_duty(sent) if outline else cue_outside_titles(sent) and not NOT_A_TASK.search(sent):
                    out.append(make_obligation(doc, sent, s0, para.section, "duty_sentence",
                                           **{**ctx, "labels": own_labels + ctx["labels"]}))
    return tuple(sorted(_heading_sites_passed(out, paras), key=lambda o: o.span.start))


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


def _items_of(paras: list[pg.Paragraph], k: int) -> list[str]:
    """The lines right after the lead-in ``paras[k]`` that stand under it (its items and their text)."""
    return [p.text for p in _under(paras, k)]


def _under(paras: list[pg.Paragraph], k: int) -> list[pg.Paragraph]:
    """The paragraphs right after the lead-in ``paras[k]`` that stand under it."""
    lead = re.sub(r"\s", "", paras[k].text)
    items = []
    for p in paras[k + 1:]:
        if not any(lead.startswith(re.sub(r"\s", "", h)) for h in p.headings):
            break
        items.append(p)
    return items


def _things_lead(paras: list[pg.Paragraph], k: int) -> bool:
    """Whether ``paras[k]`` is a lead-in with a duty cue whose numbered items all name things
    (…应当将森林消防经费列入本级财政预算，保障森林消防工作需要：（一）…日常工作经费；（二）…建设经费；…)."""
    lead = paras[k]
    if not lead.text.rstrip().endswith(("：", ":")) or DUTY_CUE.search(lead.text) is None:
        return False
    items = [p for p in _under(paras, k) if p.numbered]
    # (a list of duties or of acts forbidden, 不得实施下列行为：, lists acts that may end in a thing: 出具虚假的…材料)
    return bool(items) and all(p.context not in ("duties", "violations") and _thing_item(p.body) for p in items)
