"""Obligations: units of work with agencies, deadlines, targets and site types (issues 3 and 13).

A unit is a numbered item at the lowest level of the outline, a sentence of running text, or a row of
a task table (序号 | 工作内容 | 责任单位, also when it arrives one cell per line). It is kept when it has a
duty cue (要、应、必须、负责 …), an agent doing something (区应急局会同…对…) or an action verb, and it is not
descriptive (definitions, the purpose of a plan, the wrapper's 现印发给你们). Principles and guiding ideas
are skipped; in a goal section (主要目标, 总体要求) a dated or quantified sentence is a goal, so checks can
compare it along a chain. Agencies come from the responsibility clause (（市住建局牵头，…按职责分工负责）),
the 责任单位/配合单位 cells of a table row, or the subject of the duty, read after the item number.
Each unit carries its heading chain and the date range of its stage heading to the role functions.
"""

from __future__ import annotations

import inspect
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from datetime import date
from functools import lru_cache

from policykg.ingest import layout
from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.agencies import AgencyHit, parse_unit_list
from policykg.ingest.extract.cues import AGENT_START, DUTY_CUE, UNIT_HEAD, VERB, VERB_START
from policykg.ingest.extract.deadlines import column_deadlines, extract_deadlines, reference_date
from policykg.ingest.extract.roles import (
    carried_agencies,
    dedupe,
    heading_agencies,
    labelled_clause,
    responsibility_clause,
    roles_from_list,
    subject_agencies,
)
from policykg.ingest.extract.sitetypes import (
    concepts_of,
    find_site_types,
    with_heading_sites,
    with_item_sites,
)
from policykg.ingest.extract.targets import extract_targets
from policykg.ingest.model import AgencyMention, Deadline, Document, Obligation, Span, Table

_NOT_A_TASK = re.compile(r"^为[^。]*(?:通知如下|如下|制定本|特制定|现制定)|负责(?:管理和)?解释"
                         r"|自(?:\d|[〇○一二三四五六七八九十]|本|印发|发布|公布)\S{0,20}?(?:起)?(?:施行|实施|生效)(?!之日)"
                         r"|有效期至|现(?:予)?(?:印发|转发)给你们|请(?![求示])\S{0,12}(?:执行|落实)|^特此(?:通知|通告)")
# (自本办法颁布实施之日起6个月内 counts a limit from the effect date; 请求/请示 are acts, not the wrapper's 请)
# what a text is, not what someone must do: definitions, scope, abbreviations, past results, principles
_DEFINITION = re.compile(r"是指|系指|所称|指的是|统称|^[^，。；]{2,30}[，,]指(?![导定出示挥派向南标数令])")
# 法律、法规、规章规定的其他职责。: a catch-all at the end of a list names no work of its own
# （四）国家及本市其他有关地下空间消防安全的管理规定。: the other rules that also apply, named, not done
_CATCH_ALL = re.compile(r"规定的其他[^，。；]{0,24}?(?:职责|义务|禁止性?行为|行为|事项|工作|情形|责任|条件|投入|措施)[。；;]?$"
                        r"|^(?![^。；]*(?:要|应|须|负责))其他[^，。；]{0,24}?(?:职责|义务|行为|事项|情形|责任|条件|投入|措施)的?[。；;]?$"
                        # 其他依法应当履行的职责。: the cue sits inside the noun phrase the list closes with
                        r"|^其他(?:依法|依照[^，。；]{0,16}|按照[^，。；]{0,16}|法律[^，。；]{0,16}规定)?(?:应当|应|必须|须|需要)"
                        r"[^，。；]{0,12}的[^，。；的]{0,12}(?:职责|义务|行为|事项|情形|责任|条件|投入|措施)[。；;]?$"
                        r"|^(?:(?:国家|本市|全市|本省|法律|法规)[^，。；]{0,30})?其他(?:有关|相关)?[^，。；]{0,40}"
                        r"(?:规定|要求|标准|规范)[。；;]?$")
_DESCRIPTIVE = re.compile(r"下同[）)]|本(?:办法|规定|细则|方案|条例|意见|预案|标准|计划|制度|规范)"
                          r"(?:适用于|所称|中所)|适用于本|适用于以下|适用本"
                          r"|由[^，。；]{1,80}(?:组成|担任|兼任)"  # who sits on a body: organisation, not work
                          r"|(?<![但就还即总凡要应])是(?:本|全|我)?[^，。；]{0,60}(?:机构|部门|单位|主体|组织|平台|力量|依据|基础)"
                          r"[。；;]?$"
                          r"|^以[^，。；]{2,40}为(?:指导|引领|统领)")  # 以习近平…思想为指导: a guiding idea
# 应当依法承担相应的责任: who answers for a wrong, not work; (三)…的备案情况；: an item of a list of contents
# 安全生产规章制度应当包括…等制度 / 应急征用凭证应当载明…等要素: what a document must hold, not an act
_DOCUMENT_CONTENT = re.compile(r"^[^，。；]{0,20}?(?:凭证|协议|预案|报告|制度|合同|方案|清单|记录|台账|证书|文书|书|单|表)中?"
                               r"(?:应当|应|须|必须)(?:载明|包括|包含|明确|写明|注明|列明|涵盖)")
_CONTENT_VERB = re.compile(r"载明|包括|包含|明确|写明|注明|列明|涵盖")  # (a cheap test before the sentences are read)
_LIABILITY = re.compile(r"承担(?:相应的?)?(?:法律)?责任$|追究[^，。；]{0,12}责任$")
_CONTENT_ITEM = re.compile(r"情况[；;。]?$")
_MODAL = re.compile(r"应当|必须|(?<![必])须|(?<![主重需必])要(?![求点])|(?<![响适相对供反])应(?![急用对])")
# 主要负责人对本地区安全生产工作全面负责 / 主要负责人是…第一责任人: who answers for the work, a person, not a unit's act
_PERSON_ANSWERS = re.compile(r"^[^。；;]{0,40}?(?:负责人|责任人|负责同志)(?:[^，,。；;]{0,30}?(?:全面负责|负总责|负责$)|负有[^，,。；;]{0,30}"
                             r"(?:责任|职责|权)|[^，,。；;]{0,30}?承担[^，,。；;]{0,12}责任|是[^，,。；;]{0,40}(?:责任人|负责人))")
_SANCTION = re.compile(r"责令|给予[^，。；]{0,8}处分|处以|予以处罚")
# a numbered line that names a document or a form (1.古美路街道独居老人排摸统计表), as attachment lists do
_TITLE_ONLY = re.compile(r"^[^，。；：:]{2,60}(?:表|清单|名单|名录|目录|方案|办法|细则|规定|意见|通知|预案|制度|指南|标准|规范|实例|"
                         r"台账|手册)$")
# 鼓励…, 支持…: an invitation; 可/可以: a power; 按照…规定执行: a bare reference; …的；: a condition
_INVITATION = re.compile(r"^(?:[^，。；]{0,12}?)(?:鼓励|倡导|提倡|欢迎)")
# 鼓励…, 第二十二条 鼓励…: an invitation with no subject (本市应急管理部门鼓励… names who acts)
_BARE_INVITATION = re.compile(r"^(?:第[一二三四五六七八九十百\d]+条\s*)?(?:鼓励|倡导|提倡|欢迎)")
_PERMISSION = re.compile(r"(?<![认许不宁])可(?:以|在|由|按|结合|根据|参照|向|对|适当|委托|申请|采取|组织|邀请|将|不|视|予|作)"
                         r"|有权")
_REFERENCE = re.compile(r"^[^。；]{0,40}?(?:按照|依照|参照|按)[^。；]{2,60}?(?:规定|办法|要求|制度|文件|执行)[^。；]{0,8}"
                        r"(?:执行|办理|实施|为准)。?$|从其规定。?$")
_CONDITION = re.compile(r"的[；;。]?$")
# (2)未按照招标文件要求派驻人员; (4)不按时进场施工: an item that names a failure is a case a rule applies to
_NEGATED_ACT = re.compile(r"^(?:未(?!来)|不(?=按|能|履行|严格|执行|签|服从|配合|接受|及时|如实|具备|符合|遵守|办理)|擅自|拒绝|"
                          r"拒不|无故)")
# （以下统称举报人，应当为自然人）: a defined term's aside, whose cue gives no one work
_DEFINED_TERM = re.compile(r"[（(]以下[^（）()]{0,40}[）)]")
# 重庆市人民政府办公厅关于…的实施意见.doc: a download link names a file, it asks nothing
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|ofd|zip|rar|txt)\s*$", re.IGNORECASE)
_TITLES_AND_GLUE = re.compile(r"《[^《》]*》|<[^<>]*>|[、和及与等，,。；;：:\s第条款项\d一二三四五六七八九十]")
_TIME_PREFIX = re.compile(r"^(?:到|在|于)?(?:\d{4}\s*年(?:底|末)?)?(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?)?(?:底|末|上旬|中旬|下旬)?"
                          r"(?:前|之前|以前|内)?")
# 按照国家和省有关规定对…给予奖励: the rule an act follows, before the act
_BASIS_PREFIX = re.compile(r"^(?:按照|依照|根据|依据)[^，。；]{1,30}?(?:规定|要求|标准|程序|办法)")
_PRINCIPLE = re.compile(r"(?:的|等)(?:原则|方针)。?$")
# 安全生产工作坚持中国共产党的领导 / 居民住宅区消防安全管理贯彻…的方针: an activity, not a unit, is the
# subject, and what it follows is a principle, a leadership or a system of supervision
_ACTIVITY_SUBJECT = re.compile(r"^[^，。；、]{2,16}?(?:工作|管理)(?:应当|应|必须)?(?=[^，。；]{0,4}(?:坚持|遵循|贯彻|实行|以))")
_PRINCIPLE_WORD = re.compile(r"原则|方针|理念|领导|体制")
_LIST_INTRO = re.compile(r"(?:下列|以下|如下)[^。；]{0,40}[：:]$|(?:下列|以下|如下)[^，。；]{0,16}(?:职责|事项|工作|内容)。$")
_PAST = re.compile(r"(?<![为除])了(?!解)|取得|已经|成效明显|有所")
GOAL_HEADING = pg.GOAL_HEADING
_SENT = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_GOAL_SENT = re.compile(r"[^。！!？?\n]+[。！!？?]?")  # a goal's commitments run on after a ；
_CLAUSE = re.compile(r"[，,：:]")
# 派出所：负责…: a unit or topic label with its duties on one line
_LABEL = re.compile(r"^[^，。；：:、\s]{2,20}(?:[（(][^）)]{1,8}[）)])?[：:](?=\S)")
_HEAD_SENTENCE = re.compile(r"^[^。；，,]{2,20}[。：:]")  # an item's run-in heading (强化组织领导。)
# a responsibility clause closing a measure: （生态环境部牵头，X、Y参与）, （X指导，试点城市政府负责落实。）
_CLOSING_CLAUSE = re.compile(r"(?<=[。；;])\s*[（(](?P<body>[^（）()]{0,160}?(?:牵头|负责|指导|配合|参与|落实)"
                             r"[^（）()]{0,80})[）)]")
# a clause that sets the time, place or basis of the main clause: 12月底前，/ 冬春火灾防控期间，/ 按照…要求，
_LEAD_CLAUSE = re.compile(r"^(?:按照|根据|依据|结合|围绕|针对|对于|对|在|以|为|通过|依托|紧盯|聚焦|坚持|同时|其中|此外|另外"
                          r"|原则上|\d|[一二三四五六七八九十]{1,3}[是要])|(?:前|后|期间|以前|之前|时|中|内|下|上|的|起|止)$")
_ITEM_NUMBER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}\s*[、．.]"
                          r"|\d{1,2}(?:[.．]\d{1,2}){1,3}(?![\d.．月日年%％万亿元个])|\d{1,2}\s*[.．、﹒·）)]"
                          r"|第[一二三四五六七八九十百\d]+条|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")
_BULLET = re.compile(r"^\s*(?:——|—|●|•|■|◆|▲|★|☆|○|◇|□|▪|－|-)\s*")
_LEAD_WORDS = re.compile(r"(?:原则上|同时|此外|另外|其中)[，,]?\s*")  # matched at the item's start


def _when(doc: Document) -> date | None:
    """What the document's dates without a year are read against (its date, else its title's year)."""
    return reference_date(doc.date, doc.title)


def _strip_lead(text: str, start: int) -> tuple[str, int]:
    """``text`` without its item number and 原则上, so that the subject opens the clause."""
    k = 0
    m = _ITEM_NUMBER.match(text)
    if m:
        k = m.end()
    m = _LEAD_WORDS.match(text, k)
    if m:
        k = m.end()
    return text[k:], start + k


@lru_cache(maxsize=32)
def _parameters(fn) -> frozenset[str]:
    try:
        return frozenset(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return frozenset()


def _context_kw(fn, **context) -> dict:
    """The context keywords (headings, stage) that the role function ``fn`` declares: roles.py takes
    them up one function at a time, and a function without them is called as before."""
    names = _parameters(fn)
    return {k: v for k, v in context.items() if k in names}


def _obligation(doc: Document, text: str, start: int, section: str, rule: str,
                agencies: list[AgencyMention] | None = None, source: str = "text",
                flag: str | None = None, *, kind: str = "task", headings: tuple[str, ...] = (),
                stage: Deadline | None = None, own_stage: Deadline | None = None,
                extra_deadlines: tuple[Deadline, ...] = (), labels: tuple[Span, ...] = ()) -> Obligation:
    lead, lead_start = _strip_lead(text, start)  # (一)区X局负责…: roles read from 区X局 on
    ctx = {"headings": headings, "stage": stage}
    labelled: list[AgencyMention] = []
    for span in labels:  # 牵头单位：X⏎完成时限：Y on lines (or in sentences) of their own after the unit
        units, label_due = _label_facts(doc, span)
        labelled += units
        extra_deadlines += tuple(d for d in label_due if d not in extra_deadlines)
    if agencies is None:
        resp = responsibility_clause(lead, doc, lead_start, **_context_kw(responsibility_clause, **ctx))
        if resp and any(a.role == "lead" for a in resp[0]):
            agencies = resp[0]
        elif any(a.role == "lead" for a in labelled):  # the labels name the lead, as a 牵头单位 column does
            agencies = labelled + carried_agencies(doc, lead_start)
        else:  # a clause that names no lead (（各有关部门和单位按职责分工负责）) leaves the subjects their work
            agencies = heading_agencies(text, doc, start, **_context_kw(heading_agencies, **ctx)) \
                + subject_agencies(lead, doc, lead_start, **_context_kw(subject_agencies, **ctx)) \
                + (resp[0] if resp else []) + labelled
    period = (stage.start, stage.date) if stage is not None and stage.date is not None else None
    deadlines = extract_deadlines(text, _when(doc), start, period=period) + extra_deadlines
    if own_stage is not None and own_stage.start is not None and start <= own_stage.span.start < start + len(text):
        # 动员部署（2020年6月）: the stage's own range, read as one interval
        deadlines = tuple(sorted((own_stage, *(d for d in deadlines if not own_stage.span.start <= d.span.start
                                                < own_stage.span.end)), key=lambda d: d.span.start))
    if stage is not None and not any(d.date for d in deadlines):
        # an item under 部署阶段（3月1日至3月31日） is due when its stage ends
        deadlines += (Deadline(stage.text, stage.span, "interval", stage.date, stage.start, rule="stage_heading"),)
    targets = extract_targets(text, start)
    sites = find_site_types(text)
    sites = tuple(dict.fromkeys(sites + tuple(x for h in headings for x in _duty_holder_site(h))))
    return Obligation(text, Span(start, start + len(text)), section, tuple(dedupe(agencies)), deadlines, targets,
                      sites, source, flag, rule,  # type: ignore[arg-type]
                      site_type_concepts=concepts_of(sites), kind=kind)


def _label_facts(doc: Document, labels: Span) -> tuple[list[AgencyMention], tuple[Deadline, ...]]:
    """The units (read as one labelled clause, so that 责任单位 under 牵头单位 cooperates) and the deadlines
    (完成时限：…, read as a table's time column) of the label lines under a unit of work."""
    text = doc.text[labels.start:labels.end]
    units = labelled_clause(text, doc, labels.start) or []
    due: tuple[Deadline, ...] = ()
    for label, value, at in pg.label_values(text, labels.start):
        if pg.DEADLINE_COLUMN.search(label):
            due += column_deadlines(value, _when(doc), at)
    return units, due


_HEADING_NUMBER = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．﹒]?\s*)")
_DUTIES = re.compile(r"职责|履行|义务")


@lru_cache(maxsize=1024)
def _duty_holder_site(heading: str) -> tuple[str, ...]:
    """The kind of site a heading gives duties to (二、消防安全重点单位职责; 石油化工企业除履行共同职责外，还应当
    履行下列…): each item under it concerns that kind of site. Other site words of a heading are its topic
    only and stay with it."""
    body = _HEADING_NUMBER.sub("", heading, count=1)
    found = find_site_types(body) if _DUTIES.search(body) else ()
    return found[:1] if found and body.startswith(found[0]) else ()


def _unit_label(label: str) -> bool:
    """Whether a line's label (派出所：, 城市建设管理事务中心（水务）：) names a unit, not a topic or a clause."""
    return AGENT_START.fullmatch(label.rstrip("：:")) is not None


def _main_clause(sentence: str) -> str:
    """The first clause that is not a lead-in of time, place or basis (12月底前，/ 按照…要求，), after the
    condition the sentence opens with (…举报，以及…线索，按照规定核查属实的，给予…: the clauses up to …的 are
    the condition, the main clause follows)."""
    parts = [p.strip() for p in _CLAUSE.split(sentence) if p.strip()]
    last_condition = max((i for i, p in enumerate(parts[:-1]) if p.endswith("的")), default=-1)
    for p in parts[last_condition + 1:]:
        if not _LEAD_CLAUSE.search(p):
            return p
    return parts[-1] if parts else ""


def _all_sentences(text: str, pattern: re.Pattern[str], main: bool = False) -> bool:
    """Whether every sentence of ``text`` has ``pattern`` (near the start of its main clause if ``main``)."""
    parts = [p.strip() for p in re.split(r"[。；;]", text) if len(p.strip()) > 3]
    if not main:
        return bool(parts) and all(pattern.search(p) for p in parts)
    # (the head is read only where the pattern occurs at all: most sentences have no 可以)
    return bool(parts) and all(pattern.search(p) and (pattern.search(_predicate_head(p)) or _unit_holds(p, pattern))
                               for p in parts)


# …，报镇人民政府批准 / …，会同镇规划部门，… / …，在文物保护单位的…: the authority a step goes to, a partner of
# the subject or a place, not a unit with work of its own
_TO_AUTHORITY = re.compile(r"(?:并|再|后)?(?:报|经|向|送|提请|报请|会同|配合|协同|联合|协助|与|在|对|于|从|按|依)")


def _predicate_head(sentence: str) -> str:
    """The start of a sentence's main clause, through its subject, up to its first duty cue: where a modal
    that governs the predicate stands (国务院安全生产监督管理部门可以会同…: 可以 after a long subject). A
    later clause with a unit of its own acting (…可提出项目申请，项目办对…进行初步审核) gives that unit work:
    no modal of the first clause governs it, so nothing is returned."""
    main = _main_clause(sentence)
    clauses = [c.strip() for c in _CLAUSE.split(sentence) if c.strip()]
    if any(_agent_acts(c) and not _TO_AUTHORITY.match(c) for c in clauses[clauses.index(main) + 1:] if main in clauses):
        return ""
    main = main[:30]
    cue = DUTY_CUE.search(main)
    return main[:cue.start()] if cue else main


# a clause that ends in a unit, then the modal: 县级人民政府也可以…, …职责的部门可以…
_UNIT_BEFORE_MODAL = re.compile(r"(?:" + UNIT_HEAD + r")(?:也|均|还|都|亦|同时)?$")


def _unit_holds(sentence: str, pattern: re.Pattern[str]) -> bool:
    """Whether a unit holds the modal ``pattern`` names in the first clause that has one, after clauses that
    only set the topic or the occasion (未造成人员伤亡的一般事故，县级人民政府也可以委托…; 本条例规定的行政处罚，
    林业行政主管部门可以委托…), and no later clause gives a unit of its own work."""
    clauses = [c.strip() for c in _CLAUSE.split(sentence) if c.strip()]
    for i, clause in enumerate(clauses):
        m = pattern.search(clause)
        if m is None:
            if _agent_acts(clause) or VERB_START.match(clause):
                return False  # work comes before any modal
            continue
        if not _UNIT_BEFORE_MODAL.search(clause[:m.start()]):
            return False
        return not any(_agent_acts(c) and not _TO_AUTHORITY.match(c) for c in clauses[i + 1:])
    return False


# 《中华人民共和国突发事件应对法》: a title names a document; its words (应对, 须知) are no cue of the sentence
_BOOK_TITLE = re.compile(r"《[^《》]{1,80}》")


def _cue_outside_titles(text: str) -> bool:
    """Whether ``text`` has a duty cue outside the titles it cites."""
    return DUTY_CUE.search(_BOOK_TITLE.sub("《》", text)) is not None


def _main_cue(text: str, cue: re.Match[str]) -> bool:
    """Whether a cue governs a predicate, not a relative clause (由下级人民政府负责调查的事故) or the condition a
    sentence opens with (依照本条例规定应当由上级人民政府负责调查的，上级人民政府可以…)."""
    if _RELATIVE_AFTER_CUE.match(text, cue.end()):
        return False
    end = _CLAUSE_END.search(text, cue.end())
    clause = text[cue.end():end.start()] if end else text[cue.end():]
    return not (end is not None and end.group(0) in "，," and clause.endswith("的"))


_RELATIVE_AFTER_CUE = re.compile(r"[\u4e00-\u9fa5]{1,2}的")
_CLAUSE_END = re.compile(r"[，,。；;：:]")


def states_duty(sentence: str, numbered: bool = False) -> bool:
    """Whether a sentence (or an item's text after its number) gives someone work to do."""
    text = _BOOK_TITLE.sub("《》", _DEFINED_TERM.sub("", sentence.strip()))
    if len(_TITLES_AND_GLUE.sub("", text)) < 4 or _FILE_NAME.search(text):
        return False  # 《…法》《…办法》等: a list of the documents it rests on
    if _NOT_A_TASK.search(text) or _CATCH_ALL.search(text) or _LIST_INTRO.search(text) and "之一的" not in text \
            or _PRINCIPLE.search(text) or text.startswith("附件") or numbered and _TITLE_ONLY.match(text) \
            or _ACTIVITY_SUBJECT.match(text) and _all_sentences(text, _PRINCIPLE_WORD):
        return False
    if _LIST_INTRO.search(text) and not (DUTY_CUE.search(text) or _SANCTION.search(text)):
        return False  # 有下列情形之一的，不属于…范围：: the cases of a rule, not its work
    if _all_sentences(text, _LIABILITY) or numbered and _CONTENT_ITEM.search(text) and not DUTY_CUE.search(text) \
            or _all_sentences(text, _PERSON_ANSWERS) and not _MODAL.search(text):
        return False
    if _CONDITION.search(text) and not DUTY_CUE.search(text.split("，")[-1]):
        return False  # (一)违反本办法第十五条规定…的；: a case a sanction applies to
    if _DEFINITION.search(text) or _CONTENT_VERB.search(text) and _all_sentences(text, _DOCUMENT_CONTENT):
        return False
    if _all_sentences(text, _BARE_INVITATION):
        return False  # 鼓励保险企业…开展与突发事件应对相关的业务: a cue inside the act invited gives no one work
    if any(_main_cue(text, m) for m in DUTY_CUE.finditer(text)):
        return True
    if _DESCRIPTIVE.search(text) or _REFERENCE.search(text) or numbered and _NEGATED_ACT.match(text):
        return False
    if numbered:  # a numbered item in a task section: an action verb anywhere
        acts = bool(VERB.search(text))
    elif _PAST.search(text):
        return False  # 近年来…取得了明显成效: background
    else:
        acts = _agent_acts(text) or bool(VERB_START.match(_BASIS_PREFIX.sub("", _TIME_PREFIX.sub("", _main_clause(text))))) \
            or _BY_AGENT.search(text) is not None
    if not acts:
        return False
    head = _HEAD_SENTENCE.match(text) if numbered else None
    if head and head.group(0).endswith("。") and VERB_START.match(head.group(0)) and not _INVITATION.match(head.group(0)):
        return True  # （九）实行失业登记常住地服务。失业人员可在常住地…: the heading states the duty (convention 5)
    body = text[head.end():] if head else text
    body = body if body.strip() else text
    return not (_all_sentences(body, _INVITATION) or _all_sentences(body, _PERMISSION, main=True)
                or _permitted_predicate(body))


def _permitted_predicate(text: str) -> bool:
    """Every sentence's predicate is a power: a clause opens with 可以 after its subject or condition
    (不可移动文物根据其…价值，可以依法确定为…; …发生明显改变的，可以依法予以升级); a sanction before it
    (给予警告，责令限期改正，可以并处…罚款) is a duty of whoever imposes it."""
    parts = [p for p in re.split(r"[。；;]", text) if len(p.strip()) > 3]
    return bool(parts) and all(not _SANCTION.search(p) and any(_PERMISSION.match(c.strip()) for c in _CLAUSE.split(p))
                               for p in parts)


# 应当设置以下地下空间安全设施、设备：: a lead-in whose items are things to have, not acts
_THINGS_LIST = re.compile(r"(?:以下|下列)[^，。；：:]{0,12}(?:设施|设备|器材|物资|装备|材料|资料|装置|系统)[^：:]*[：:]\s*$")
_THING = re.compile(r"(?:设施|设备|器材|物资|装备|材料|资料|装置|系统)$")


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
    clauses = _CLAUSE.split(body.strip())
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


# 贷款贴息由各市财政承担, 托管费用…由政府、银行和企业共同负担: what is to be done, then 由 the one who does it
_BY_AGENT = re.compile(r"(?<![理自缘经事])由(?![于此来衷])[^，,。；;：:由]{2,16}?(?:" + VERB.pattern + r"|负担)")


def _agent_acts(text: str) -> bool:
    """A unit opens a clause and does something in it or the next (区应急局会同…对…进行检查, 由X…予以登记,
    X、Y等部门，按照职责共同做好…)."""
    clauses = [p.strip() for p in _CLAUSE.split(text) if p.strip()]
    for i, clause in enumerate(clauses[:5]):
        agent = AGENT_START.match(clause)
        if agent and (VERB.search(clause, agent.end()) or i + 1 < len(clauses) and VERB.search(clauses[i + 1])):
            return True
    return False


# （一） and deeper (layout ranks 5+): a 一、 section's paragraphs stay running text, read by the sentence
_ITEM_RANK = 5.0


def _item_paragraph(para: pg.Paragraph) -> bool:
    """Whether ``para`` is (one of) the text paragraph(s) of a numbered item whose title stands on its own line
    (gold unit conventions 2: a numbered item's paragraphs are units, its sentences are not)."""
    return para.item_rank is not None and para.item_rank >= _ITEM_RANK and not para.in_article


def _goals(doc: Document, para: pg.Paragraph, lead_date: tuple[Deadline, ...] = ()) -> list[Obligation]:
    """Goals of a goal-section paragraph or numbered item: each sentence and each ；-clause that carries a date
    or a number, its own or that of a span opening its sentence or the paragraph (力争通过三年行动，…；…;
    到2025年，A…。B…。), which then is its deadline; a bullet under a dated lead paragraph (到2025年，…。——…)
    carries ``lead_date``, the lead's first date, when it names none."""
    ctx = {"headings": para.headings, "stage": para.stage, "kind": "goal"}
    if para.numbered:
        return _goal_clauses(doc, para.text, para.start, para.body_start, para.section, "goal_item", ctx)
    if para.headings and _BULLET.match(para.text):
        # ——创新能力进一步增强。每年培育30项…: a bullet is one goal, from its first dated or quantified
        # sentence on, with the run-in heading right before it (not the measures before a later commitment)
        sentences = _sentences(para.text, para.start, _GOAL_SENT)
        for i, (sent, s0) in enumerate(sentences):
            if any(d.date for d in extract_deadlines(sent, _when(doc), s0)) or _quantified(sent, s0):
                if i == 1 and len(sentences[0][0]) <= 27:
                    s0 = para.start
                ob = _obligation(doc, para.text[s0 - para.start:], s0, para.section, "goal_bullet", **ctx)
                if not any(d.date for d in ob.deadlines) and lead_date:
                    ob = replace(ob, deadlines=ob.deadlines + lead_date)
                return [ob]
        if lead_date:  # ——未来产业发展走在全国前列。… under 到2025年，…: dated by the lead it completes
            ob = _obligation(doc, para.text, para.start, para.section, "goal_bullet", **ctx)
            return [replace(ob, deadlines=ob.deadlines + lead_date)]
        return []
    return _goal_clauses(doc, para.text, para.start, para.start, para.section, "goal_sentence", ctx)


def _goal_clauses(doc: Document, text: str, start: int, body_start: int, section: str, rule: str,
                  ctx: dict) -> list[Obligation]:
    """The goals of one goal paragraph or item (``body_start``: where its text after the item number starts):
    its sentences cut at ；, a short run-in heading (主要目标。) kept with the first."""
    body = doc.text[body_start:start + len(text)]
    paragraph_span = _opening_span(body)
    sentences = _sentences(body, body_start, _GOAL_SENT)
    out: list[Obligation] = []
    for sent, s0 in sentences:
        if _NOT_A_TASK.search(sent):
            continue
        span = _opening_span(sent) or paragraph_span
        due = tuple(d for d in extract_deadlines(span[0], _when(doc), s0) if d.date) if span else ()
        for clause, c0 in _sentences(sent, s0):
            own = tuple(d for d in extract_deadlines(clause, _when(doc), c0) if d.date)
            if not (own or _quantified(clause, c0) or span and not _PAST.search(clause)):
                continue
            before = doc.text[body_start:c0].strip()
            if not out and rule == "goal_item" and (not before or _RUN_IN_HEAD.fullmatch(before)):
                clause, c0 = doc.text[start:c0 + len(clause)], start  # （二）主要目标。力争…: number and heading with it
            out.append(_obligation(doc, clause, c0, section, rule, **ctx, extra_deadlines=() if own else due))
    return out


# a span that opens a goal sentence and governs its clauses: 到2025年，/ 2025年底前，/ 力争通过三年行动，/ 用两年时间，
_SPAN_OPENING = re.compile(r"^(?:力争|争取|计划|预计)?(?:(?:到|至|在)?\s*\d{4}\s*年(?:底|末)?(?:前|以前|之前)?"
                           r"|(?:通过|用|经过|利用)[^，,；;。]{0,6}?[一二三四五六七八九十两\d]+(?:年|个月)[^，,；;。]{0,8})[，,]")
_RUN_IN_HEAD = re.compile(r"[^。；;，,！!？?]{2,12}[。：:]")


def _opening_span(text: str) -> tuple[str, int] | None:
    """The span a goal sentence or paragraph opens with (到2025年，), with where it starts, or None."""
    m = _SPAN_OPENING.match(text)
    return (m.group(0), m.start()) if m else None


def _quantified(text: str, start: int) -> bool:
    """A number is committed to (70%, 8万台), not only a frequency or a bare 万项 of a slogan."""
    return any(t.rule not in ("target:frequency", "target:bare_wan", "target:periodic")
               for t in extract_targets(text, start))


def _sentences(text: str, start: int, pattern: re.Pattern[str] | None = None) -> list[tuple[str, int]]:
    """Sentences of ``text`` (ending 。；！？) of at least 8 characters, with where each starts."""
    out = []
    for m in (pattern or _SENT).finditer(text):
        sent = m.group(0).strip()
        if len(sent) >= 8:
            out.append((sent, start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))))
    return out


def _labelled_sentences(text: str, start: int) -> list[tuple[str, int, tuple[Span, ...]]]:
    """The sentences of ``text`` as ``_sentences`` gives them, less those made only of labels (…。牵头单位：X；
    完成时限：Y。), each with the span of the label sentences right after it: they label it."""
    out: list[tuple[str, int, tuple[Span, ...]]] = []
    labels: Span | None = None
    for m in _SENT.finditer(text):
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
            extra = column_deadlines(due[0], _when(doc), due[1]) if due is not None else ()
            ob = _obligation(doc, task, t_start, section, rule, mentions, "table", flag,
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
    lead_date: tuple[Deadline, ...] = ()  # the first date of the goal paragraph the bullets below belong to
    lead_headings: tuple[str, ...] = ()
    paras = pg.paragraphs(doc, skip=table_spans)
    for para in paras:
        if para.heading_only:
            lead_in = para if _THINGS_LIST.search(para.text) or _KINDS_LIST.search(para.text) else None
        if para.heading_only and para.context != "descriptive" and para.start not in led and _duty_before_list(para):
            led.add(para.start)  # 本镇制定…保护要求。保护要求可以分为以下三类：: the sentence before the list is work
            out.append(_obligation(doc, para.text, para.start, para.section, "duty_before_list",
                                   headings=para.headings, stage=para.stage))
        if para.heading_only or para.context == "descriptive" or para.label_only:
            continue
        if lead_in is not None and para.numbered and (
                para.context == "duties" and _content_item(para.body) if _THINGS_LIST.search(lead_in.text)
                else DUTY_CUE.search(lead_in.text) and _kind_item(lead_in.text, para.body)):
            if lead_in.start not in led:  # its items are things to have: the lead-in is the duty
                led.add(lead_in.start)
                out.append(_obligation(doc, lead_in.text, lead_in.start, lead_in.section, "duty_list_lead",
                                       headings=lead_in.headings, stage=lead_in.stage))
            continue
        if para.context == "goal":
            if not _BULLET.match(para.text) or para.headings != lead_headings:  # a lead of the bullets after it
                lead_headings = para.headings
                lead_date = () if para.numbered or _BULLET.match(para.text) else \
                    tuple(d for d in extract_deadlines(para.text, _when(doc), para.start) if d.date)[:1]
            out.extend(_goals(doc, para, lead_date))
            continue
        ctx = {"headings": para.headings, "stage": para.stage, "own_stage": para.own_stage,
               "labels": (para.labels,) if para.labels else ()}
        pieces = _stretches(para.text, para.start) if "（" in para.text or "(" in para.text else []
        # a bullet (——, ●) under a heading is an item too
        item = para.numbered or bool(para.headings) and _BULLET.match(para.text) is not None
        if item and sum(1 for p in pieces if p[2]) <= 1:
            pieces = []  # one measure with its clause: the whole item
        if item and not pieces:
            body = para.body if para.numbered else _BULLET.sub("", para.body, count=1)
            if states_duty(body, numbered=True) or para.context == "duties" and not _CONDITION.search(para.body) \
                    and not _CATCH_ALL.search(para.body) or para.context == "violations" and para.numbered \
                    and not _CATCH_ALL.search(para.body):  # （二）未按照规定设置安全总监的: the duty it breaks
                out.append(_obligation(doc, para.text, para.start, para.section,
                                       "numbered_item" if para.numbered else "bullet_item", **ctx))
            continue
        # running text outside any heading (a notice, a preamble) asks for a duty cue
        outline = bool(para.headings) and not (notice and notice.start <= para.start < notice.end)
        labelled = not para.text.startswith("附件") and _LABEL.match(para.text) or None
        if labelled and pieces and (any(p[2] for p in pieces) or not _unit_label(labelled.group(0))):
            labelled = None  # a bracket after a unit's label (城市建设管理事务中心（水务）：) closes no measure
        if labelled and states_duty(para.text[labelled.end():]):  # 派出所：负责…；…。 one unit of work
            out.append(_obligation(doc, para.text, para.start, para.section, "labelled_paragraph", **ctx))
            continue
        if _item_paragraph(para) and not any(p[2] for p in pieces):
            # a paragraph under a numbered item's title line is the item's text: one unit, as an article's is
            if states_duty(para.text, numbered=True):
                out.append(_obligation(doc, para.text, para.start, para.section, "item_paragraph", **ctx))
            continue
        if para.in_article and not any(p[2] for p in pieces):  # an article's paragraph is one unit
            if states_duty(para.text) if outline else _cue_outside_titles(para.text) and not _NOT_A_TASK.search(para.text):
                out.append(_obligation(doc, para.text, para.start, para.section, "article_paragraph", **ctx))
            continue
        for text, start, closed in pieces or [(para.text, para.start, False)]:
            if closed:
                out.append(_obligation(doc, text, start, para.section, "clause_measure", **ctx))
                continue
            for sent, s0, own_labels in _labelled_sentences(text, start):
                if states_duty(sent) if outline else _cue_outside_titles(sent) and not _NOT_A_TASK.search(sent):
                    out.append(_obligation(doc, sent, s0, para.section, "duty_sentence",
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
    lead = re.sub(r"\s", "", paras[k].text)
    items = []
    for p in paras[k + 1:]:
        if not any(lead.startswith(re.sub(r"\s", "", h)) for h in p.headings):
            break
        items.append(p.text)
    return items
