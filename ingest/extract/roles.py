"""Agency roles in an obligation: who leads, who cooperates, read from where the unit stands.

A unit's role comes from its position: a trailing responsibility clause (（A牵头，B按职责分工负责）),
the subject of a duty clause (市住建局要…、由X牵头), an item headed by the unit (1.街道消委办。牵头…),
a 责任单位 list of a table row. ``ingest/extract/agencies.py`` finds and names the units; this module
decides what they are asked to do.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from policykg.ingest.extract.agencies import AgencyHit, find_agencies, parse_unit_list, short_name_list
from policykg.ingest.extract.cues import ACTION, DUTY_CUE
from policykg.ingest.model import AgencyMention, Document, Span

_RESP = re.compile(r"[（(](?P<body>[^（）()]*(?:[（(][^（）()]{1,6}[）)][^（）()]*)*"
                   r"(?:牵头|负责|配合|参与|指导督促|协助)[^（）()]*(?:[（(][^（）()]{1,6}[）)][^（）()]*)*)[）)]\s*$")
_COOP = re.compile(r"按职责分工负责|分工负责|按职责负责|配合|参与|指导督促|协助|协同|督促指导")
_JOIN = re.compile(r"^[、和及与]|^以及|^等(?:部门|单位)?[、，]?")
_LEADIN = re.compile(r"^(?:[\s　]|由|请|并|同时|另外|其中|各级|全市|全区|全县|全镇|全乡)*")
_PERSON_AFTER = re.compile(r"(?:主要|分管|有关|相关)?(?:负责人|负责同志|领导同志|领导干部|一把手|"
                           r"主任|局长|书记|镇长|乡长|区长|县长|市长|队长|站长|所长)|(?:主要|分管)领导")
_UNDER_GUIDANCE = re.compile(r"在(?P<u>[^，。；]{2,40}?)(?:的)?(?:统一)?(?:指导|领导|指挥|统筹协调|统筹|督导)下")
_CLAUSE_SPLIT = re.compile(r"[，,；;]")
_CLAUSE_MARK = re.compile(r"[。；;：:，,]")
_ROLE_TAIL = re.compile(r"(?:按职责分工负责|分工负责|按职责负责|牵头负责|牵头|负责|配合|参与|指导督促|协助|等部门)$")
_LED_BY = re.compile(r"由(?P<u>[^，。；]{2,30}?)牵头|(?:主体|牵头单位|责任单位)(?:为|是)(?P<u2>[^，。；]{2,30})")
# the units one works together with; 配合 X / 协助 X name the unit that is helped, which this does not count
_TOGETHER_WITH = re.compile(r"(?:会同|协同|联合|与)(?!开展|做好|加强|组织|推进|落实|实施|推动)(?P<u>[^，。；]{2,40}?)"
                            r"(?=[，。；]|开展|做好|加强|组织|推进|依法|建立|研究|制定)")
_UNKNOWN_ITEMS = re.compile(r"((?:、[\u4e00-\u9fa5（）()]{2,10})+)、")
_ITEM_HEADING = re.compile(r"^\s*(?:[（(]?[0-9一二三四五六七八九十]{1,3}[）)]?\s*[\.．、﹒]?)\s*(?P<h>[^。：:，,]{2,16})[。：:]")
_COOPERATE_CUE = re.compile(r"配合|协同|协助|参与")
_LEAD_CUE = re.compile(r"牵头|负责")
_CHAIN_TAIL = re.compile(r"^(?:等(?:部门|单位)?|[（(][^）)]{0,8}[）)])+")
_DOES_SOMETHING = re.compile(r"[，]?[^，。；]{0,14}(?:" + DUTY_CUE.pattern + "|" + ACTION.pattern + ")")
_COOPERATE_NEXT = re.compile(r"\s*(?:配合|参与|协助|协同)")
_LEAD_NEXT = re.compile(r"\s*牵头")



def _mention(hit: AgencyHit, role: str, rule: str) -> AgencyMention:
    role = "collective" if hit.collective else role
    return AgencyMention(hit.text, hit.name, role, hit.span, hit.key, hit.region_code, hit.generic,
                         f"{rule};{hit.rule}")


def roles_from_list(units: list[AgencyHit], rule: str, lead_first: bool = True) -> list[AgencyMention]:
    """A 责任单位 list: the first named unit leads, the rest cooperate, collectives stay collective."""
    out, lead_given = [], False
    for h in units:
        role = "cooperate"
        if lead_first and not lead_given and not h.collective:
            role, lead_given = "lead", True
        out.append(_mention(h, role, rule))
    return out


def responsibility_clause(text: str, doc: Document, offset: int) -> tuple[list[AgencyMention], int] | None:
    """Agencies of a trailing （A牵头，B、C按职责分工负责） clause, and where the clause starts."""
    m = _RESP.search(text)
    if not m:
        return None
    body, base = m.group("body"), offset + m.start("body")
    out: list[AgencyMention] = []
    pos = 0
    for part in _CLAUSE_SPLIT.split(body):
        idx = body.find(part, pos)
        pos = idx + len(part)
        role = "lead" if "牵头" in part else "cooperate" if _COOP.search(part) else None
        if role is None and "负责" in part:
            role = "lead" if not any(x.role == "lead" for x in out) else "cooperate"
        units_text = _ROLE_TAIL.sub("", part.strip())
        units = parse_unit_list(units_text, doc.region, base + idx + (len(part) - len(part.lstrip())))
        out.extend(_mention(h, role or "cooperate", "responsibility_clause") for h in units)
    return out, offset + m.start()


def subject_agencies(text: str, doc: Document, offset: int) -> list[AgencyMention]:
    """Agencies in subject position of each clause (市消防救援部门要…, 由市政府牵头, 会同自然资源部门)."""
    hits = find_agencies(text, doc.region, offset)
    shorts = short_name_list(text, doc.region, offset)
    if shorts:  # 公安、住建等部门 replaces whatever the dictionary matched inside that list
        hits = [h for h in hits if not any(s.span.start <= h.span.start < s.span.end + 8 for s in shorts)]
        hits = sorted([*hits, *shorts], key=lambda h: h.span.start)
    # 镇政府主要负责人牵头: a person of the unit, not the unit (persons are not agencies)
    hits = [h for h in hits if not _PERSON_AFTER.match(text, h.span.end - offset)]
    out: list[AgencyMention] = []
    used: set[int] = set()
    for m in _LED_BY.finditer(text):
        if m.group("u") is None:
            for h in hits:
                if offset + m.start("u2") <= h.span.start and h.span.end <= offset + m.end("u2") and id(h) not in used:
                    out.append(_mention(h, "lead", "named_lead")); used.add(id(h))
            continue
        for h in hits:
            if offset + m.start("u") <= h.span.start and h.span.end <= offset + m.end("u"):
                out.append(_mention(h, "lead", "led_by")); used.add(id(h))
    for m in _UNDER_GUIDANCE.finditer(text):
        # 街道各部门在区消防、公安等部门指导下开展…: the guiding units take part, the subject before 在 acts
        for h in hits:
            if id(h) in used:
                continue
            if offset + m.start("u") <= h.span.start and h.span.end <= offset + m.end("u"):
                out.append(_mention(h, "cooperate", "under_guidance")); used.add(id(h))
            elif offset + _clause_start(text, m.start()) <= h.span.start and h.span.end <= offset + m.start():
                out.append(_mention(h, "lead", "guided_subject")); used.add(id(h))
    for m in _TOGETHER_WITH.finditer(text):
        for h in hits:
            if offset + m.start("u") <= h.span.start and h.span.end <= offset + m.end("u") and id(h) not in used:
                out.append(_mention(h, "cooperate", "together_with")); used.add(id(h))
    # subject chains: hits that open a clause, joined by 、和及
    clause_starts = sorted({0} | {m.end() for m in _CLAUSE_MARK.finditer(text)})
    chain: list[AgencyHit] = []
    for h in hits:
        rel = h.span.start - offset
        if id(h) in used:
            continue
        if chain:
            gap = text[chain[-1].span.end - offset:rel]
            if gap == "" and chain[-1].collective:  # 各乡镇（街道）消委会: that body in each unit
                last = chain[-1]
                chain[-1] = AgencyHit(last.text + h.text, last.name + h.name, Span(last.span.start, h.span.end),
                                      last.key, last.scope, last.region_code, False, last.rule + "+" + h.rule)
                continue
            if gap == "" or _JOIN.match(gap) and len(gap) <= 4:
                chain.append(h)
                continue
            unknown = _unknown_items(gap, chain[-1].span.end, doc)
            if unknown is not None:  # 经发办、医院、教管中心: a unit the dictionary lacks, inside a list
                chain.extend([*unknown, h])
                continue
            out.extend(_chain_roles(chain, text, offset))
            chain = []
        k = bisect_right(clause_starts, rel) - 1  # the last clause start at or before the hit
        lead_in = text[clause_starts[k]:rel] if k >= 0 else text[:rel]
        if _LEADIN.fullmatch(lead_in) is not None:
            chain = [h]
    if chain:
        out.extend(_chain_roles(chain, text, offset))
    return out


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins (after the last 。；，： before it)."""
    return max((text.rfind(c, 0, pos) for c in "。；;：:，,"), default=-1) + 1


def _unknown_items(gap: str, start: int, doc: Document) -> list[AgencyHit] | None:
    m = _UNKNOWN_ITEMS.fullmatch(gap)
    if not m:
        return None
    items = parse_unit_list(m.group(1), doc.region, start)
    n_items = len([x for x in m.group(1).split("、") if x])
    return items if len(items) == n_items else None


def heading_agencies(para_text: str, doc: Document, offset: int) -> list[AgencyMention]:
    """An item headed by the unit it assigns (1.街道消委办。牵头…): the unit, with the roles its cues give."""
    m = _ITEM_HEADING.match(para_text)
    if not m:
        return []
    units = parse_unit_list(m.group("h"), doc.region, offset + m.start("h"))
    if not units or sum(len(u.text) for u in units) < len(m.group("h").replace("、", "")) - 2:
        return []
    body = para_text[m.end():]
    roles = []
    coop, lead = _COOPERATE_CUE.search(body[:30]), _LEAD_CUE.search(body)
    if coop and (lead is None or coop.start() < lead.start()):
        roles.append("cooperate")  # 配合开展…，负责…: both; 牵头开展…，协助居委…: it leads, the help is a step
    if lead or not roles:
        roles.append("lead")
    return [_mention(u, r, "item_heading") for u in units for r in roles]


def _chain_roles(chain: list[AgencyHit], text: str, offset: int) -> list[AgencyMention]:
    after = text[chain[-1].span.end - offset:][:16]
    after = _CHAIN_TAIL.sub("", after)
    if not _DOES_SOMETHING.match(after):
        return []  # a name opening a clause but not doing anything (a list of places or objects)
    if _COOPERATE_NEXT.match(after):
        return [_mention(h, "cooperate", "subject_cooperate") for h in chain]
    if _LEAD_NEXT.match(after):
        return [_mention(h, "lead", "subject_lead") for h in chain]
    return roles_from_list(chain, "subject")


def dedupe(ms: list[AgencyMention]) -> list[AgencyMention]:
    """Each (agency, role) once, the first mention kept."""
    seen: dict[tuple[str, str], AgencyMention] = {}
    for m in ms:
        seen.setdefault((m.name, m.role), m)
    return list(seen.values())
