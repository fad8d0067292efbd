"""Responsibility clauses: a labelled list (（牵头单位：…；配合单位：…）, label lines after a unit of work),
a trailing （A牵头，B、C按职责分工负责） or 〔…〕 clause, a clause closing the paragraph, and a unit declared
once for every task that follows (以下均需X落实)."""

from __future__ import annotations

import re

from policykg.ingest.extract.agency_grammar import longest_units_at, units_of
from policykg.ingest.extract.role_words import (
    _COOP,
    _FIRST_LEADS,
    _FOLLOW,
    _HELPS,
    _LABEL,
    _RESP,
    _RESP_HEX,
    _ROLE_TAIL,
    _equals,
    _mention,
    _units,
    first_listed_leads,
)
from policykg.ingest.model import AgencyMention, Document


def labelled_clause(text: str, doc: Document, offset: int) -> list[AgencyMention] | None:
    """Agencies of labelled lists: （牵头单位：A；配合单位：B、C）, （责任单位：…）, 牵头处室：…."""
    found = list(_LABEL.finditer(text))
    if not found:
        return None
    out: list[AgencyMention] = []
    named_lead = any(m.group("label").startswith(("牵头", "主办")) for m in found)
    for m in found:
        label = m.group("label")
        # 责任单位 beside a 牵头单位 label shares the work under that lead, as a 责任单位 column beside a 牵头 one
        role = "cooperate" if re.match(r"配合|协办|参与|协助", label) or named_lead and not label.startswith(
            ("牵头", "主办")) else "lead"
        hits = _units(m.group("units"), doc, offset + m.start("units"))
        if role == "lead" and not label.startswith(("牵头", "主办")):
            out.extend(_equals(hits, "labelled:" + label, first_listed_leads(doc)))
        else:
            out.extend(_mention(h, role, "labelled:" + label) for h in hits)
    return out


def responsibility_clause(text: str, doc: Document, offset: int) -> tuple[list[AgencyMention], int] | None:
    """Agencies of a labelled list (（牵头单位：…；配合单位：…）) or of a trailing （A牵头，B、C按职责分工负责）
    clause, and where that clause starts."""
    labelled = labelled_clause(text, doc, offset)
    if labelled:
        return labelled + carried_agencies(doc, offset), offset + min(a.span.start - offset for a in labelled)
    m = _RESP.search(text) if _closes_with_bracket(text) else None
    if m is None and text.rstrip().rstrip("。；").endswith("〕"):
        m = _RESP_HEX.search(text)
    if not m:
        m, text_after, offset_after = _paragraph_clause(text, doc, offset)
        if not m:
            lines = _label_lines_after(text, doc, offset)
            return (lines + carried_agencies(doc, offset), offset + len(text)) if lines else None
        text, offset = text_after, offset_after
    body, base = m.group("body"), offset + m.start("body")
    out: list[AgencyMention] = []
    pos = 0
    first_leads = first_listed_leads(doc)
    for part in re.split(r"[，,；;。]", body):
        if _FIRST_LEADS.search(part):
            continue  # 列第一位者为牵头单位: the convention, read by first_listed_leads
        idx = body.find(part, pos)
        pos = idx + len(part)
        units_text = _ROLE_TAIL.sub("", part.strip())
        at = base + idx + (len(part) - len(part.lstrip()))
        # a list closed by 等 (X、Y等按职责分工负责) is read whole: the units before a predicate could end
        # inside a name (人行郑州中心|支行, 支行 read as a verb)
        listed = units_of(_CLOSING_DENG.sub("", units_text), doc.region, at)
        read = None if listed else longest_units_at(units_text, 0, doc.region, at, follow=_FOLLOW)
        # （X牵头，各区有关部门具体实施） (constructed): the units before the part's own predicate
        hits = read[0] if read is not None else _units(units_text, doc, at)
        if "牵头" in part:
            out.extend(_mention(h, "lead", "responsibility_clause") for h in hits)
        elif _COOP.search(part) and (_HELPS.search(part) or any(x.role == "lead" for x in out)):
            out.extend(_mention(h, "cooperate", "responsibility_clause") for h in hits)
        else:  # （A、B负责）: equals, unless the document ranks the first as lead
            lead_given = any(x.role == "lead" for x in out)
            for h in hits:
                role = "cooperate" if first_leads and lead_given and not h.collective else "lead"
                lead_given = lead_given or not h.collective
                out.append(_mention(h, role, "responsibility_clause"))
    return out + carried_agencies(doc, offset), offset + m.start()


_CLOSING_DENG = re.compile(r"等$")


# 以下均需试点城市政府落实（，不再列出）: a unit named once for every task that follows
_CARRIED_DECLARATION = re.compile(r"以下(?:各项|所有)?(?:任务|工作|措施|事项)?(?:均|都|皆|全部|统一)(?:需要|需|须|应当|应|要)?由?"
                                  r"(?P<units>[^，,。；;（）()、]{2,40}?)(?:负责)?(?:组织实施|落实|负责|承担|实施)")


# (document, its declarations) of the last call: asked once per task. One tuple in one slot, read and replaced
# whole, so that two threads parsing two documents in-process never pair one document with the other's.
_DECLARED_FOR: list[tuple[Document | None, tuple]] = [(None, ())]


def _carried_declarations(doc: Document) -> tuple[tuple[int, int, str, int], ...]:
    """(from, to, units as written, where they start) for each 以下均需X落实 of a document: from the
    declaration to the end of the outermost section holding it (the whole text when none does)."""
    cached = _DECLARED_FOR[0]
    if cached[0] is doc:
        return cached[1]
    text, sections = doc.text, doc.sections
    out = []
    for m in _CARRIED_DECLARATION.finditer(text):
        holding = [s for s in sections if s.span.start <= m.start() < s.span.end]
        end = min((s.span.end for s in holding if s.depth == min(h.depth for h in holding)), default=len(text))
        out.append((m.end(), end, m.group("units"), m.start("units")))
    declared = tuple(out)
    _DECLARED_FOR[0] = (doc, declared)
    return declared


def carried_agencies(doc: Document, offset: int) -> list[AgencyMention]:
    """The units a declaration before ``offset`` (以下均需试点城市政府落实) gives every task after it."""
    out: list[AgencyMention] = []
    for start, end, units, at in _carried_declarations(doc):
        if start <= offset < end:
            out.extend(_mention(h, "lead", "carried_declaration") for h in _units(units, doc, at))
    return out


def _closes_with_bracket(text: str) -> bool:
    """Whether ``text`` ends with a closing bracket (then perhaps 。 or ；), as every ``_RESP`` match does: a
    text that does not is not searched."""
    tail = text.rstrip()
    if tail[-1:] in ("。", "；"):
        tail = tail[:-1].rstrip()
    return tail[-1:] in ("）", ")")


def _paragraph_clause(text: str, doc: Document, offset: int) -> tuple[re.Match[str] | None, str, int]:
    """The responsibility clause that closes the paragraph holding ``text`` (a sentence of it): it names
    the units of every sentence before it (…增强试点方案系统性。…（生态环境部、…指导））."""
    end = offset + len(text)
    if doc.text[offset:end] != text:
        return None, text, offset
    para_end = doc.text.find("\n", end)
    para_end = len(doc.text) if para_end < 0 else para_end
    rest = doc.text[end:para_end]
    if not rest.strip() or len(rest) > 2000 or not rest.rstrip().endswith(("）", ")", "）。", ")。")):
        return None, text, offset
    m = _RESP.search(rest)
    if m is None or m.start() != _last_paren_start(rest):
        return None, text, offset
    return m, rest, end


_LABEL_LINE = re.compile(r"[ \t\u3000]*(?:牵头|负责|责任|配合|协办|主办|参与|协助|主责)[^：:\n（）()]{0,6}?(?:单位|部门|处室|科室)"
                         r"[ \t\u3000]*[：:][^\n]*")


def _label_lines_after(text: str, doc: Document, offset: int) -> list[AgencyMention]:
    """Agencies of the label lines right after the paragraph that ``text`` ends (…完成。⏎牵头单位：X⏎配合单位：Y):
    a task list that gives each task's units on lines of their own."""
    end = offset + len(text)
    if doc.text[offset:end] != text or doc.text[end:end + 1] not in ("\n", "\r"):
        return []
    first, pos = None, end
    while True:
        while pos < len(doc.text) and doc.text[pos] in "\r\n":
            pos += 1
        line = _LABEL_LINE.match(doc.text, pos)
        if line is None or pos - end > 4:
            break
        first = pos if first is None else first
        end = pos = line.end()
    # read as one clause, so that a 责任单位 line under a 牵头单位 line cooperates
    return labelled_clause(doc.text[first:end], doc, first) or [] if first is not None else []


def _last_paren_start(rest: str) -> int:
    depth, i = 0, len(rest.rstrip().rstrip("。；")) - 1
    while i >= 0:
        depth += rest[i] in "）)"
        depth -= rest[i] in "（("
        if depth == 0:
            return i
        i -= 1
    return -1
