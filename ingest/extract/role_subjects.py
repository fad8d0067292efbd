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
modifies a topic the next clause hands on with 由 (X…的费用，由Y承担), by ``role_parts``. Whether a name is a unit,
a collective or no unit at all (roles 1, 3, 4, 11) is the agency grammar's answer, not this module's.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from policykg.ingest.extract.agencies import AgencyHit, on_word_boundary
from policykg.ingest.extract.agency_grammar import _pos_tokenizer, follows_the_run, longest_units_at, units_of
from policykg.ingest.extract.agency_registry import registry_of
from policykg.ingest.extract.cues import SCOPE_ADVERBS
from policykg.ingest.extract.role_bodies import (
    bodies_set_up,
    defined_department,
    role_noun_names_a_unit,
    units_named_for_roles,
)
from policykg.ingest.extract.role_cooperation import helps_a_unit, item_heading_roles
from policykg.ingest.extract.role_heads import members_through_heads
from policykg.ingest.extract.role_parts import PART_END, breach_only, comma_parts, topic_modifier_only
from policykg.ingest.extract.role_qualifiers import only_qualifies
from policykg.ingest.extract.role_words import (
    _FOLLOW,
    _LABEL_NAME,
    _LED_BY,
    _clause_starts,
    _equals,
    _mention,
    _skip_lead_in,
    first_listed_leads,
    past_bare_place,
)
from policykg.ingest.extract.words import words
from policykg.ingest.model import AgencyMention, Document

# the persons of a unit written after it: its head or leaders, an office held in it or in a group (组长, 部长,
# 总指挥) and its members as persons (国务院组成人员): persons are not units, and a title takes no entry (gold README
# schema, roles 26 and 29); 成员单位 and 委员会 are units
_PERSON_NEXT = re.compile(r"(?:的)?(?:主要|分管|有关|相关)?(?:负责人|负责同志|领导同志|领导干部|一把手|书记|主任|局长|镇长|"
                          r"乡长|区长|县长|市长|队长|站长|所长|处长|科长)|(?:主要|分管)领导|"
                          r"(?:第一)?副?(?:组长|部长|厅长|院长|主席|总指挥(?!部)|指挥长|秘书长|主任委员)|组成人员")
# the label of a responsibility clause ((责任单位：X), 牵头单位：X): it names the column, never a unit
_LABEL_ONLY = re.compile(rf"\s*[（(〔]?\s*{_LABEL_NAME}\s*")
_LABEL_COLON = re.compile(r"\s*[：:]")


def _is_label(text: str, start: int, end: int) -> bool:
    """Whether the units read at ``start:end`` of ``text`` are a clause's label word before its colon."""
    return bool(_LABEL_COLON.match(text, end) and _LABEL_ONLY.fullmatch(text, start, end))


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


# 各地X部门、Y部门: the set marker and place written once before a list of departments named by kind cover every member
# (gold README roles 3: a set marker before a coordinated pair covers both; roles 13(a) and 22: words a list writes once
# belong to each member); a member with a level, place or set word of its own, or one that is no department (各级人民政府、
# 街道办事处: another tier), keeps its own reading
_EACH_PLACE_DEPARTMENT = re.compile(r"各(?:地|地区|地方|省|市|区|县|省[（(]区、市[)）])[^、，,]{1,14}?(?:部门|机构|管理局|局)")
_BARE_DEPARTMENT = re.compile(r"[^、，,]{2,14}?(?:部门|机构|管理局)")
_OWN_SCOPE_WORD = re.compile(r"各|有关|相关|其他|其它|本|当地|国家|中央|国务院|[省市区县]级|省|市|区|县|镇|乡|州")
_LIST_GLUE = frozenset(["、", "和", "及"])


def _scoped(name: str) -> bool:
    """Whether ``name`` opens with a level, place or set word of its own (市公安局, 省级…, 有关…) or a place's name
    (济南市|市场监督管理局, 长江|航务管理局: one unit, no member of the set): its first word, as jieba cuts and tags it
    (市场监管部门 opens with 市场, no level, no place)."""
    first = next(iter(words(name)), "")
    return _OWN_SCOPE_WORD.fullmatch(first) is not None or first.startswith(("各", "有关", "相关", "其他", "本级", "同级")) \
        or _pos_tokenizer().word_tag_tab.get(first) == "ns"


def shared_set_marker(hits: list[AgencyHit], text: str, offset: int) -> list[AgencyHit]:
    """The members of one subject list after a first member 各地X部门 (``_EACH_PLACE_DEPARTMENT``) that name a department
    by kind alone, joined to it by 、/和/及, read as the same open set (collective); the other members as read."""
    if len(hits) < 2 or not hits[0].collective or not _EACH_PLACE_DEPARTMENT.fullmatch(hits[0].text):
        return hits
    out = [hits[0]]
    for prev, h in pairwise(hits):
        joined = text[prev.span.end - offset:h.span.start - offset] in _LIST_GLUE and out[-1].collective
        if joined and not h.collective and _BARE_DEPARTMENT.fullmatch(h.text) and not _scoped(h.text):
            h = replace(h, name=h.text, scope="collective", key="", region_code=None, generic=False,
                        rule=h.rule + ";shared_set")
        out.append(h)
    return out


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
    first_leads = first_listed_leads(doc)
    out: list[AgencyMention] = []
    taken: list[tuple[int, int]] = []
    guiding = list(_GUIDED.finditer(text)) if "下" in text else []  # (each match ends in 下)
    guided = [(m.start(), m.end()) for m in guiding]
    registry = registry_of(doc)
    for m in guiding:
        if _TAKES_PART in m.group("v"):
            u = m.group("u")
            hits = units_of(u.removesuffix("的"), doc.region, offset + m.start("u"))
            out.extend(_mention(h, "cooperate", "under_guidance") for h in hits or [])

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken)

    def peek(pos: int, follow=_FOLLOW) -> tuple[list[AgencyHit], int] | None:
        if guided and any(a <= pos < b for a, b in guided):
            return None
        r = longest_units_at(text, pos, doc.region, offset, follow=follow, registry=registry)
        if r is None or _PERSON_NEXT.match(text, r[1]) or _is_label(text, pos, r[1]):
            return None
        return r

    def through_heads(pos: int) -> tuple[list[AgencyHit], int] | None:
        if guided and any(a <= pos < b for a, b in guided):
            return None
        r = members_through_heads(text, pos, doc.region, offset, registry)
        if r is None or not free(pos, r[1]):
            return None
        taken.append((pos, r[1]))  # 由区政府主要负责人任组长: the unit through its head (README roles 26, 29)
        return r

    def read(pos: int, follow=_FOLLOW) -> tuple[list[AgencyHit], int] | None:
        if guided and any(a <= pos < b for a, b in guided):
            return None  # the guiding unit of 在X指导下 is given nothing; the subject after it is
        r = longest_units_at(text, pos, doc.region, offset, follow=follow, registry=registry)
        if r is None or not free(pos, r[1]) or _PERSON_NEXT.match(text, r[1]) or _is_label(text, pos, r[1]):
            return None  # 镇政府主要负责人牵头: a person of the unit, not the unit
        taken.append((pos, r[1]))
        return r

    # every match of _LED_BY holds 由 or 委托: in a text with neither no clause start is asked
    led_by_written = "由" in text or "委托" in text
    for c in _clause_starts(text):
        p = _skip_lead_in(text, c)
        g = next((b for a, b in guided if a == p), None) if guided else None
        if g is not None:
            p = _skip_lead_in(text, g)
        lb = _LED_BY.match(text, p) if led_by_written else None
        led = lb is not None
        if lb is not None:
            p = past_bare_place(text, lb.end(), peek)
        # 县级以上人民政府及其有关部门和乡镇人民政府、街道办事处，应当…: the whole list before the comma, not the
        # part before 和 that a predicate word could follow
        # (a comma follows a list only where its run of name characters ends: most clauses are not asked)
        longer = None if led or not follows_the_run(text, p, _SUBJECT_THEN_COMMA) else peek(p, _SUBJECT_THEN_COMMA)
        # 区人民政府及其有关部门，乡、镇人民政府和街道办事处，居民委员会应当…: lists set off by commas, one subject
        chained = None if led or not follows_the_run(text, p, PART_END) else comma_parts(text, p, peek)
        if chained is not None and free(p, chained[1]):
            taken.append((p, chained[1]))
            r = chained
        elif longer is not None and free(p, longer[1]) and ((shorter := peek(p)) is None or longer[1] > shorter[1]):
            taken.append((p, longer[1]))
            r: tuple[list[AgencyHit], int] | None = longer
        else:
            r = read(p)
        if r is None and c == 0 and follows_the_run(text, p, _FOLLOW_ITEM_HEAD):
            r = read(p, _FOLLOW_ITEM_HEAD)  # 1.街道消委办。牵头… : an item headed by its unit
        if r is None and _WHEN_OPENS.search(text, p + 2, p + 25) and (when := _CIRCUMSTANCE.match(text, p)) is not None \
                and (len(when.group("when")) > 1 or on_word_boundary(text, when.start("when"))):
            # (the 时 of 及时 and 同时, the 后 of 然后 and 今后 end no phrase of time)
            r = read(when.end())  # 举报处理过程中各相关职能部门应…: the subject after a phrase of time
            p = when.end() if r is not None else p
        if r is None and (heads := through_heads(p)) is not None:
            out.extend(_mention(h, "lead", "through_heads") for h in heads[0])
            continue
        if r is None:
            continue
        hits, e = r
        if not led and all(h.scope == "self" for h in hits) and not _FOLLOW.plain(text, e):
            continue  # 本市充分发挥…: the issuer's self name is read before a predicate of its own, not a word of manner
        hits = shared_set_marker(hits, text, offset)
        if not led and _parties_only(hits, doc):
            continue  # 有关单位应当予以配合, 有关单位和人员应当…: whoever the rule binds, no unit (README roles 16)
        hits, e = defined_department(hits, text, e, offset)
        if c == 0 and not led and _FOLLOW_ITEM_HEAD.match(text, e):
            out.extend(item_heading_roles(hits, text[e + 1:], doc))  # 派出所：配合开展…，负责…
            continue
        if not led and role_noun_names_a_unit(text, e, peek):
            continue  # 省级考核部门为省应急管理厅宣教处，负责…: the role noun names no unit, the unit after 为 acts
        if not led and _POWER_NEXT.match(text, e) and _DUTY_ELSEWHERE.search(text):
            continue  # X可以…，Y应当…: X is given a power, the duty is Y's
        if not led and "的" in text[e:e + 92] and "由" in text[e:e + 130] and topic_modifier_only(text, e):
            continue  # X参加扑救…所损耗的燃料…，由Y给予补偿: X modifies the topic the sentence hands to Y
        if not led and "的" in text[e:e + 81] and breach_only(text, e):
            continue  # X滥用职权…的，依法给予处分: X is the party of a condition the sentence attaches no duty to
        if led and _ATTRIBUTIVE.match(text, e):
            continue  # 成立由镇政府主要负责人牵头的领导小组: describes the group, assigns nothing
        if led and _GUIDES_ONLY.match(text, e):
            out.extend(_mention(h, "cooperate", "guides") for h in hits)
        elif led or _LEAD_NEXT.match(text, e):
            out.extend(_mention(h, "lead", "led_by" if led else "subject_lead") for h in hits)
        elif (cm := _COOPERATE_NEXT.match(text, e)) and helps_a_unit(text, cm.end(), doc):
            out.extend(_mention(h, "cooperate", "subject_cooperate") for h in hits)
        else:
            out.extend(_equals(hits, "subject", first_leads))
    # every match of _LED_BY holds 由 or 委托: most texts hold neither and are not scanned (its optional
    # lead characters make re try each position)
    for m in _LED_BY.finditer(text) if led_by_written else ():
        if m.group().startswith("委托") and _entrusting_only(text, m.start()):
            continue  # 可以委托有关部门…, 已委托…公司…: an agent the subject may choose or has chosen, given no act
        r = read(past_bare_place(text, m.end(), peek))
        if r is None and (heads := through_heads(m.end())) is not None:
            out.extend(_mention(h, "lead", "through_heads") for h in heads[0])
            continue
        if r is not None and _COMPOSED.match(text, r[1]):
            continue  # 事故调查组由A、B…组成: the members of a body the clause describes, given no act
        if r is not None and not _ATTRIBUTIVE.match(text, r[1]):
            role = "cooperate" if _GUIDES_ONLY.match(text, r[1]) else "lead"
            out.extend(_mention(h, role, "led_by" if role == "lead" else "guides") for h in r[0])
    for m in _GUIDED_BY.finditer(text) if "受" in text else ():
        r = read(m.end(), _GUIDES_ONLY)
        if r is not None:  # 业务上受市建设行政管理部门指导
            out.extend(_mention(h, "cooperate", "guides") for h in r[0])
    out.extend(units_named_for_roles(text, read))  # 建设主体为区应急局，统筹开展…
    out.extend(bodies_set_up(text, read))  # 成立X领导组（以下简称“领导组”）负责统筹…
    for m in _TOGETHER.finditer(text):
        if m.group() == "联合" and not _joins_a_unit(text, m.end(), peek):
            continue  # 联合实验室, 成立联合采购办公室: 联合 names the body, it joins no partner
        r = read(m.end()) or read(m.end(), _FOLLOW_CLAUSE_END)  # 会同有关部门，组织…
        if r is not None:
            out.extend(_mention(h, "cooperate", "together_with") for h in r[0])
    for m in _WITH.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in "，,、":
            continue
        r = read(m.end(), _JOINTLY)
        if r is not None:  # X与Y共同…: Y acts as X does, with X's role (a lead where no X is written)
            before = [a for a in out if a.span.start < offset + m.start()]
            role = before[-1].role if before else "lead"
            out.extend(_mention(h, role, "jointly_with") for h in r[0])
    out.sort(key=lambda a: a.span.start)
    # 执行X下达的指令, 如需由X出具…的项目: a unit inside a 的-phrase another party acts on (gold README roles 33)
    return [a for a in out if not only_qualifies(a, text, offset)] if "的" in text else out


_PLACED_OR_SET = re.compile(r"(?:各|有关|相关|其他|本|全|省|市|区|县|镇|乡|街道|国家|中央|国务院)")


def _joins_a_unit(text: str, pos: int, peek) -> bool:
    """Whether 联合 before ``pos`` joins a partner (联合区应急局开展…, 联合各部门…) rather than naming a joint body
    (联合实验室, 联合采购办公室): the partner is written with its level or a set marker, or is a known kind."""
    r = peek(pos) or peek(pos, _FOLLOW_CLAUSE_END)
    return r is not None and all(h.key or _PLACED_OR_SET.match(h.text) for h in r[0])

