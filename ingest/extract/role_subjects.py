"""Who a sentence's own words give work, read from where each unit stands in it.

The subject that opens a clause (区应急局负责…; 交通、公安等部门，按照…; the whole list before a comma), after
a lead-in or a phrase of time (举报处理过程中各相关职能部门应…); the unit after 由/委托 (由X负责: X's own act,
gold README roles 8) unless it describes a body (由…牵头的领导小组) or lists its members (X由A、B…组成: no act), nor
the unit after 委托 where the clause only may entrust or already has (可以委托X…, 已委托X…: the subject's agent);
the partner after 会同/协同/联合 (cooperate, roles 2 and 6; 联合实验室 names a body, no partner); a unit acting
jointly (X与Y共同…: Y takes X's role, roles 10; 与Y建立… names a counterpart, no agency); a guide (受X指导, 由X指导:
cooperate; 在X协助下: cooperate; the leader of 在X领导/指导下 takes no entry, roles 18). A power (X可以…) beside
another's duty (Y应当…) gives X nothing; a person of a unit (镇政府主要负责人) is not the unit. A list of equals is
all lead unless the document says the first-listed unit leads (roles 5). Read elsewhere: bodies set up or defined
for the work, role nouns made equal to a unit and departments named by their act by ``role_bodies``; whether a
subject's help (配合, 协助) goes to a unit, and the roles of an item headed by its unit, by ``role_cooperation``; a
subject written in parts set off by commas, the party of a condition with no duty after it, and a unit that only
modifies a topic the next clause hands on with 由 (X…的费用，由Y承担), by ``role_parts``; a set marker written once
before a list of departments (各地X部门、Y部门) by ``role_shared_set``; reading units at a position (no overlaps, no
persons or labels) by ``role_reader``. Whether a name is a unit, a collective or no unit at all (roles 1, 3, 4, 11) is the agency grammar's answer, not this module's.
"""

from __future__ import annotations

import re

from policykg.ingest.extract.agencies import AgencyHit, on_word_boundary
from policykg.ingest.extract.agency_grammar import name_run_end, units_of
from policykg.ingest.extract.cues import SCOPE_ADVERBS
from policykg.ingest.extract.role_bodies import (
    bodies_set_up,
    defined_department,
    role_noun_names_a_unit,
    units_named_for_roles,
)
from policykg.ingest.extract.role_cooperation import helps_a_unit, item_heading_roles
from policykg.ingest.extract.role_parts import PART_END, breach_only, comma_parts, topic_modifier_only
from policykg.ingest.extract.role_qualifiers import only_qualifies
from policykg.ingest.extract.role_reader import UnitReader
from policykg.ingest.extract.role_shared_set import shared_set_marker
from policykg.ingest.extract.role_words import (
    _FOLLOW,
    _LED_BY,
    _clause_starts,
    _equals,
    _mention,
    _skip_lead_in,
    first_listed_leads,
    past_bare_place,
)
from policykg.ingest.model import AgencyMention, Document

_FOLLOW_ITEM_HEAD = re.compile(r"\s*[。：:]")
_FOLLOW_CLAUSE_END = re.compile(r"\s*(?:[，,。；;]|$)")
_COOPERATE_NEXT = re.compile(r"\s*(?:负责|积极|主动|要|应当|应|全力)?(?:配合|协助|参与|协同)")
_LEAD_NEXT = re.compile(r"\s*(?:负责)?牵头")
# a subject set off by a comma before the lead-in of its predicate (X等部门，按照各自职责共同做好…; X，要…)
_SUBJECT_THEN_COMMA = re.compile(r"\s*[，,]\s*(?:按照|根据|依照|依据|结合|围绕|要|应当|应|须|必须|均|都|分别|共同|各自|"
                                 r"在各自|依法)")
_WHEN = ("过程中", "期间", "之后", "以后", "之前", "以前", "时", "后")
_CIRCUMSTANCE = re.compile(r"[^，,。；;：:\s]{2,24}?(?P<when>" + "|".join(_WHEN) + r")(?=[\u4e00-\u9fff])")
# a phrase of time ends in one of those words, opening 2 to 24 characters after the clause start: where no
# first character of one stands there, the pattern need not be tried
_WHEN_OPENS = re.compile("[" + "".join(sorted({w[0] for w in _WHEN})) + "]")
# X可以…；Y应当…: a power given to X beside a duty of another party (a 并应当 continues X's own clause)
_POWER_NEXT = re.compile(r"\s*(?:也|亦|还)?(?:可以|可(?=[\u4e00-\u9fff]))")
_DUTY_ELSEWHERE = re.compile(r"(?<![并也还])(?:应当|必须|(?<![必])须(?![知]))")
_TOGETHER = re.compile(r"(?:会同|协同|联合)")
_WITH = re.compile(r"与")
# X与Y共同/联合…: Y acts jointly with X; 与Y建立…机制, 与Y合作, 与Y衔接 name a counterpart of X's one-sided act,
# told nothing it must do (gold README roles 10)
_JOINTLY = re.compile(r"(?:共同|一起|联合|协同)")
_GUIDED = re.compile(r"在(?P<u>[^，。；]{2,40}?)(?:的)?(?:统一)?(?P<v>指导、协助|指导和协助|指导|领导|指挥|统筹协调|统筹|督导|"
                     r"组织)下[，,]?")
# 在X协助下: X helps the subject's act (cooperate); 在X领导/指导/统筹协调下 is only the frame the subject acts in, and
# X takes no entry (gold README roles 18, the mirror of roles 10)
_TAKES_PART = "协助"
# 由X指导，由Y组织实施 / 业务上受X指导: X only guides work another unit does (the guide of a duty, as in
# 在X指导下): it cooperates; 接受X的指导和监督 is a party's submission, and 由X指导Y开展… X's own work
_GUIDES_ONLY = re.compile(r"\s*(?:的)?(?:业务)?指导(?=\s*(?:[，,。；;]|$))")
_GUIDED_BY = re.compile(r"(?<!接)受(?:其)?")  # 在X指导/领导下: X takes part; 在X统筹协调下: X only sets the frame
_COMPOSED = re.compile(r"\s*(?:派人|派员)?(?:共同)?组成(?!\s*[\u4e00-\u9fff]{0,12}(?:小组|工作组|专班|指挥部|委员会|领导组))")
_ATTRIBUTIVE = re.compile(r"\s*(?:牵头|负责|组成|组织|担任|任|主持)[^，。；]{0,20}?的")
# 委托X… after a word of power or of the past (可以委托, 也可委托, 已委托, 已经委托): the subject may hand the work on, or has;
# the entrustee is its agent, told nothing it must do (a 由X委托Y keeps X; 委托X负责… with no such word keeps X)
_ENTRUSTING_ONLY = re.compile(r"可以|可(?!持续|靠|行)|已经|已(?!有)")


def _clause_start_before(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts (after the last ，。；：, or the text's start)."""
    return max(text.rfind(c, 0, pos) for c in "，,。；;：:") + 1


# a one-character adverb that jieba may write as one word with the modal after it (亦可, 均可, 方可, 不可): the
# adverbs of scope and 皆, 方, 即, 不
_MODAL_ADVERB = frozenset(SCOPE_ADVERBS + "皆方即不")


def _entrusting_only(text: str, pos: int) -> bool:
    """Whether the clause before 委托 at ``pos`` holds a word of power or of the past (可以, 可, 已经, 已) as a word of its
    own, or after an adverb (亦可委托, 不可委托: the entrustee is still told nothing it must do); the 可 that ends a verb
    (许可, 认可) grants nothing (对行政许可申请委托X负责…)."""
    start = _clause_start_before(text, pos)
    return any((on_word_boundary(text, start + m.start())
                or (start + m.start() > 0 and text[start + m.start() - 1] in _MODAL_ADVERB))
               and on_word_boundary(text, start + m.end()) for m in _ENTRUSTING_ONLY.finditer(text[start:pos]))


# 有关单位, 相关单位, 其他单位 as a whole subject, or beside a regulated party (高危生产经营单位和其他有关单位): the
# law's formula for every party a rule binds, no unit (gold README roles 16); beside public units in one list
# (…人民政府及其有关部门、有关单位应当…) or with 各 (各有关单位) they stay a collective
_PARTY_SET = re.compile(r"(?P<party>[^、，,]{0,12}(?:生产经营单位|经营单位|企业)(?:和|及|以及|、))?(?:其他|其它)?(?:有关|相关)?单位")
_RULE_KINDS = ("条例", "规定", "办法", "实施办法", "细则", "实施细则", "法")


def _parties_only(hits: list[AgencyHit], doc: Document) -> bool:
    """Whether a subject list is only the parties a rule binds: 有关单位 beside a regulated party in any text,
    有关单位 alone as the subject of a law's or regulation's rule (a plan addresses it as a unit)."""
    sets = [_PARTY_SET.fullmatch(h.text) for h in hits]
    if not all(sets):
        return False
    return any(m.group("party") for m in sets) or doc.kind in _RULE_KINDS


def _subjects(text: str, doc: Document, offset: int) -> list[AgencyMention]:
    """The units ``text``'s own words give work, with their roles, in text order."""
    guiding = list(_GUIDED.finditer(text)) if "下" in text else []  # (each match ends in 下)
    reader = UnitReader(text, doc, offset, [(m.start(), m.end()) for m in guiding])
    out = _helpers_under_guidance(guiding, doc, offset)
    # every match of _LED_BY holds 由 or 委托: in a text with neither no clause start is asked, nor is the text
    # scanned for them (most texts hold neither: its optional lead characters make re try each position)
    led_by_written = "由" in text or "委托" in text
    out.extend(_clause_subjects(reader, led_by_written))
    if led_by_written:
        out.extend(_led_by_units(reader))
    if "受" in text:
        out.extend(_guided_by_units(reader))
    out.extend(units_named_for_roles(text, reader.read))  # 建设主体为区应急局，统筹开展…
    out.extend(bodies_set_up(text, reader.read))  # 成立X领导组（以下简称“领导组”）负责统筹…
    out.extend(_partners_together(reader))
    out.extend(_joint_actors(reader, out))
    out.sort(key=lambda a: a.span.start)
    # 执行X下达的指令, 如需由X出具…的项目: a unit inside a 的-phrase another party acts on (gold README roles 33)
    return [a for a in out if not only_qualifies(a, text, offset)] if "的" in text else out


def _helpers_under_guidance(guiding: list[re.Match], doc: Document, offset: int) -> list[AgencyMention]:
    """The units X of 在X协助下: they help the subject's act (cooperate)."""
    out: list[AgencyMention] = []
    for m in guiding:
        if _TAKES_PART in m.group("v"):
            u = m.group("u")
            hits = units_of(u.removesuffix("的"), doc.region, offset + m.start("u"))
            out.extend(_mention(h, "cooperate", "under_guidance") for h in hits or [])
    return out


def _clause_subjects(reader: UnitReader, led_by_written: bool) -> list[AgencyMention]:
    """The units that open each clause (its subject, the unit after 由/委托) with the roles the words after them give."""
    first_leads = first_listed_leads(reader.doc)
    out: list[AgencyMention] = []
    for c in _clause_starts(reader.text):
        r, p, led = _subject_at(reader, c, led_by_written)
        if r is None:
            if (heads := reader.through_heads(p)) is not None:
                out.extend(_mention(h, "lead", "through_heads") for h in heads[0])
            continue
        out.extend(_subject_roles(reader, r, c, led, first_leads))
    return out


def _subject_at(reader: UnitReader, c: int,
                led_by_written: bool) -> tuple[tuple[list[AgencyHit], int] | None, int, bool]:
    """The units read (and taken) as the subject of the clause at ``c``, past a lead-in, a 在X指导下, a 由/委托 or a
    phrase of time; where the subject would stand; whether a 由/委托 leads it."""
    text, peek = reader.text, reader.peek
    p = _skip_lead_in(text, c)
    g = next((b for a, b in reader.guided if a == p), None) if reader.guided else None
    if g is not None:
        p = _skip_lead_in(text, g)
    lb = _LED_BY.match(text, p) if led_by_written else None
    led = lb is not None
    if lb is not None:
        p = past_bare_place(text, lb.end(), peek)
    # 县级以上人民政府及其有关部门和乡镇人民政府、街道办事处，应当…: the whole list before the comma, not the
    # part before 和 that a predicate word could follow
    # (a comma follows a list only where its run of name characters ends: most clauses are not asked; the run is
    # read once for the three follows asked there, see follows_the_run)
    run_end = name_run_end(text, p)
    longer = None if led or not _SUBJECT_THEN_COMMA.match(text, run_end) else peek(p, _SUBJECT_THEN_COMMA)
    # 区人民政府及其有关部门，乡、镇人民政府和街道办事处，居民委员会应当…: lists set off by commas, one subject
    chained = None if led or not PART_END.match(text, run_end) else comma_parts(text, p, peek)
    r: tuple[list[AgencyHit], int] | None
    if chained is not None and reader.free(p, chained[1]):
        reader.taken.append((p, chained[1]))
        r = chained
    elif longer is not None and reader.free(p, longer[1]) and ((shorter := peek(p)) is None or longer[1] > shorter[1]):
        reader.taken.append((p, longer[1]))
        r = longer
    else:
        r = reader.read(p)
    if r is None and c == 0 and _FOLLOW_ITEM_HEAD.match(text, run_end):
        r = reader.read(p, _FOLLOW_ITEM_HEAD)  # 1.街道消委办。牵头… : an item headed by its unit
    if r is None and _WHEN_OPENS.search(text, p + 2, p + 25) and (when := _CIRCUMSTANCE.match(text, p)) is not None \
            and (len(when.group("when")) > 1 or on_word_boundary(text, when.start("when"))):
        # (the 时 of 及时 and 同时, the 后 of 然后 and 今后 end no phrase of time)
        r = reader.read(when.end())  # 举报处理过程中各相关职能部门应…: the subject after a phrase of time
        p = when.end() if r is not None else p
    return r, p, led


def _subject_roles(reader: UnitReader, r: tuple[list[AgencyHit], int], c: int, led: bool,
                   first_leads: bool) -> list[AgencyMention]:
    """The roles of a clause's subject ``r`` (read at clause start ``c``) that the words after it give, or none."""
    text, doc, offset = reader.text, reader.doc, reader.offset
    hits, e = r
    if not led and all(h.scope == "self" for h in hits) and not _FOLLOW.plain(text, e):
        return []  # 本市充分发挥…: the issuer's self name is read before a predicate of its own, not a word of manner
    hits = shared_set_marker(hits, text, offset)
    if not led and _parties_only(hits, doc):
        return []  # 有关单位应当予以配合, 有关单位和人员应当…: whoever the rule binds, no unit (README roles 16)
    hits, e = defined_department(hits, text, e, offset)
    if c == 0 and not led and _FOLLOW_ITEM_HEAD.match(text, e):
        return list(item_heading_roles(hits, text[e + 1:], doc))  # 派出所：配合开展…，负责…
    if not led and role_noun_names_a_unit(text, e, reader.peek):
        return []  # 省级考核部门为省应急管理厅宣教处，负责…: the role noun names no unit, the unit after 为 acts
    if not led and _POWER_NEXT.match(text, e) and _DUTY_ELSEWHERE.search(text):
        return []  # X可以…，Y应当…: X is given a power, the duty is Y's
    if not led and "的" in text[e:e + 92] and "由" in text[e:e + 130] and topic_modifier_only(text, e):
        return []  # X参加扑救…所损耗的燃料…，由Y给予补偿: X modifies the topic the sentence hands to Y
    if not led and "的" in text[e:e + 81] and breach_only(text, e):
        return []  # X滥用职权…的，依法给予处分: X is the party of a condition the sentence attaches no duty to
    if led and _ATTRIBUTIVE.match(text, e):
        return []  # 成立由镇政府主要负责人牵头的领导小组: describes the group, assigns nothing
    if led and _GUIDES_ONLY.match(text, e):
        return [_mention(h, "cooperate", "guides") for h in hits]
    if led or _LEAD_NEXT.match(text, e):
        return [_mention(h, "lead", "led_by" if led else "subject_lead") for h in hits]
    if (cm := _COOPERATE_NEXT.match(text, e)) and helps_a_unit(text, cm.end(), doc):
        return [_mention(h, "cooperate", "subject_cooperate") for h in hits]
    return list(_equals(hits, "subject", first_leads))


def _led_by_units(reader: UnitReader) -> list[AgencyMention]:
    """The units after each 由/委托 inside a clause (由X负责: X leads; 由X指导: X cooperates)."""
    text = reader.text
    out: list[AgencyMention] = []
    for m in _LED_BY.finditer(text):
        if m.group().startswith("委托") and _entrusting_only(text, m.start()):
            continue  # 可以委托有关部门…, 已委托…公司…: an agent the subject may choose or has chosen, given no act
        r = reader.read(past_bare_place(text, m.end(), reader.peek))
        if r is None and (heads := reader.through_heads(m.end())) is not None:
            out.extend(_mention(h, "lead", "through_heads") for h in heads[0])
            continue
        if r is not None and _COMPOSED.match(text, r[1]):
            continue  # 事故调查组由A、B…组成: the members of a body the clause describes, given no act
        if r is not None and not _ATTRIBUTIVE.match(text, r[1]):
            role = "cooperate" if _GUIDES_ONLY.match(text, r[1]) else "lead"
            out.extend(_mention(h, role, "led_by" if role == "lead" else "guides") for h in r[0])
    return out


def _guided_by_units(reader: UnitReader) -> list[AgencyMention]:
    """The guides of 受X指导 (业务上受市建设行政管理部门指导): they cooperate."""
    out: list[AgencyMention] = []
    for m in _GUIDED_BY.finditer(reader.text):
        r = reader.read(m.end(), _GUIDES_ONLY)
        if r is not None:
            out.extend(_mention(h, "cooperate", "guides") for h in r[0])
    return out


def _partners_together(reader: UnitReader) -> list[AgencyMention]:
    """The partners after 会同/协同/联合: they cooperate."""
    text = reader.text
    out: list[AgencyMention] = []
    for m in _TOGETHER.finditer(text):
        if m.group() == "联合" and not _joins_a_unit(text, m.end(), reader.peek):
            continue  # 联合实验室, 成立联合采购办公室: 联合 names the body, it joins no partner
        r = reader.read(m.end()) or reader.read(m.end(), _FOLLOW_CLAUSE_END)  # 会同有关部门，组织…
        if r is not None:
            out.extend(_mention(h, "cooperate", "together_with") for h in r[0])
    return out


def _joint_actors(reader: UnitReader, earlier: list[AgencyMention]) -> list[AgencyMention]:
    """The units Y of X与Y共同…: Y acts as X does, with the role of the last unit before it in ``earlier`` or in
    this list (a lead where no X is written)."""
    text = reader.text
    out: list[AgencyMention] = []
    for m in _WITH.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in "，,、":
            continue
        r = reader.read(m.end(), _JOINTLY)
        if r is not None:
            before = [a for a in (*earlier, *out) if a.span.start < reader.offset + m.start()]
            role = before[-1].role if before else "lead"
            out.extend(_mention(h, role, "jointly_with") for h in r[0])
    return out


_PLACED_OR_SET = re.compile(r"(?:各|有关|相关|其他|本|全|省|市|区|县|镇|乡|街道|国家|中央|国务院)")


def _joins_a_unit(text: str, pos: int, peek) -> bool:
    """Whether 联合 before ``pos`` joins a partner (联合区应急局开展…, 联合各部门…) rather than naming a joint body
    (联合实验室, 联合采购办公室): the partner is written with its level or a set marker, or is a known kind."""
    r = peek(pos) or peek(pos, _FOLLOW_CLAUSE_END)
    return r is not None and all(h.key or _PLACED_OR_SET.match(h.text) for h in r[0])

