"""Whose act a sentence is when it writes no subject of its own.

``subject_agencies`` takes the units the sentence's words give work (``role_subjects``) and, only when none
of them is a subject, lead or item heading, looks further back: the subject of the clause before in the
same sentence (海关总署要…；要继续…: a subject written at a sentence's start governs its ；-clauses; after 。 none is
carried, gold README roles 24), the unit of the step before
in a numbered procedure (承前省略, gold README roles 9: not across a heading of another topic, not when the
act is the applicant's, not for the numbered tasks of a plan), and last the unit of the nearest parent
heading (二、区应急局职责), which cooperates when the item opens with help given to a unit it names
(协助消防救援机构…, roles 2). No one stands in where the sentence has a subject of its own that names no
agency (负责…的单位应当…: a regulated party, roles 4) or lists the members of a body (由A、B…组成).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from policykg.ingest.extract.agency_grammar import longest_units_at
from policykg.ingest.extract.cues import ACTION
from policykg.ingest.extract.role_clauses import carried_agencies
from policykg.ingest.extract.role_headings import heading_chain_agencies
from policykg.ingest.extract.role_subjects import _subjects
from policykg.ingest.extract.role_words import _FOLLOW, _skip_lead_in
from policykg.ingest.model import AgencyMention, Document

# an item number opening the obligation's text: （一）, (1), 1., 1、, 一、
# item numbers, four forms (list_leads._NUMBER, duty/deadline_counts._ITEM_NUMBER): the only one with 一、 and full-width digits and leading spaces, as it tells any item line
_ITEM_NUMBER = re.compile(r"\s*(?:[（(][0-9０-９一二三四五六七八九十]{1,3}[）)]|[0-9０-９]{1,3}[\.．、]|[一二三四五六七八九十]{1,3}、)\s*")
def _numbered(text: str, doc: Document, offset: int) -> bool:
    """Whether the obligation at ``offset`` is a numbered item: its text, or its line before ``offset`` (the number the
    caller cut off), opens with an item number."""
    line = doc.text[doc.text.rfind("\n", 0, offset) + 1:offset]
    return _ITEM_NUMBER.match(text) is not None or (bool(line.strip()) and _ITEM_NUMBER.fullmatch(line + " ") is not None)


_MEMBERS_LISTED = re.compile(r"由[^，。；]{2,80}?(?:派人|派员)?(?:共同)?组成")


def subject_agencies(text: str, doc: Document, offset: int,
                     headings: Sequence[str] | None = None) -> list[AgencyMention]:
    """Units in subject position of each clause, after 由, and after 会同/协同 (cooperate); when the text
    names none, the unit of the nearest parent heading (``headings``: the heading chain, outermost first)."""
    found = _subjects(text, doc, offset) + carried_agencies(doc, offset)
    if any(a.rule.startswith(("subject", "led_by", "item_heading")) for a in found) or _names_own_subject(text) \
            or "组成" in text and _MEMBERS_LISTED.search(text):
        return found  # (由A、B…组成: the text names who acts, as members of a body; no heading unit stands in)
    carried = _carried_subject(doc, offset) if _ELIDED.match(text, _skip_lead_in(text, 0)) else []
    if carried:
        return carried + found
    step = _previous_step_subject(text, doc, offset)
    if step:
        return step + found
    parents = heading_chain_agencies(doc, offset, headings or None, _numbered(text, doc, offset))
    if parents and _helps_only(text, doc):
        # 二、公安派出所职责 ⏎ 1.协助消防救援机构做好…: the heading's unit helps the unit its item names
        parents = [replace(a, role="cooperate", rule="parent_heading_helps") if a.role == "lead" else a
                   for a in parents]
    return parents + found


# an item that opens with help given to a named unit (协助消防救援机构…), no duty of its own after it
_HELP_OPENS = re.compile(r"(?:协助|配合)")
_OWN_DUTY_AFTER = re.compile(r"[；;。]\s*(?:负责|牵头|组织|承担)")


def _helps_only(text: str, doc: Document) -> bool:
    """Whether an item gives its heading's unit only help to a unit it names (gold README roles 2)."""
    m = _HELP_OPENS.match(text, _skip_lead_in(text, 0))
    return m is not None and longest_units_at(text, m.end(), doc.region, 0, follow=_FOLLOW) is not None \
        and not _OWN_DUTY_AFTER.search(text, m.end())


# a step of a procedure: its number and a run-in name (3．许可。), the act after it
_STEP = re.compile(r"\s*(?P<n>\d{1,2})\s*[．.、]\s*(?P<name>[^。，,；;：:\n]{1,12})[。：:]\s*")
_TOPIC_HEADING = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])", re.MULTILINE)
_PROCEDURE = re.compile(r"(?:流程|程序|步骤|环节)[^。；\n]{0,6}(?:[：:。]|\n)")
_APPLICANT = re.compile(r"(?:申请人|申请单位|当事人|举报人|企业|个人|单位)")


def _previous_step_subject(text: str, doc: Document, offset: int) -> list[AgencyMention]:
    """The unit of the step before, for a step whose act names none (承前省略, README roles 9): 2．现场检查。
    消防救援机构…⏎3．许可。自现场检查结束之日起5个工作日内作出决定 → 消防救援机构 (constructed). Not when the act is the applicant's,
    and only from the step numbered one less, in the lines right above (no other heading between)."""
    line_start = doc.text.rfind("\n", 0, offset) + 1
    line = doc.text[line_start:offset + len(text)]
    m = _STEP.match(line)  # (the caller may pass the text with its number stripped)
    if m is None or int(m.group("n")) < 2 or offset - line_start > m.end() or _APPLICANT.match(line, m.end()):
        return []
    offset = line_start
    prev = re.compile(r"^[ \t\u3000]*" + str(int(m.group("n")) - 1) + r"\s*[．.、]", re.MULTILINE)
    window_start = max(0, offset - 3000)
    found = None
    for found in prev.finditer(doc.text, window_start, offset):
        pass
    if found is None:
        return []
    between = doc.text[found.start():offset]
    if _TOPIC_HEADING.search(between):
        return []  # a heading of another topic lies between
    first = None
    for first in re.compile(r"^[ \t\u3000]*1\s*[．.、]", re.MULTILINE).finditer(doc.text, window_start, found.end()):
        pass
    if first is None or not _PROCEDURE.search(doc.text, max(0, first.start() - 300), first.start()):
        return []  # numbered items of a plan are tasks of their own, not the steps of one procedure
    line_end = doc.text.find("\n", found.start())
    line = doc.text[found.start():line_end if line_end >= 0 else offset]
    got = [a for a in _subjects(line, doc, found.start()) if a.rule.startswith(("subject", "led_by", "item_heading"))]
    if not got:
        return _previous_step_subject(line, doc, found.start()) if _STEP.match(line) else []
    return [AgencyMention(a.text, a.name, a.role, a.span, a.key, a.region_code, a.generic, "step_before;" + a.rule)
            for a in got]


_ELIDED = re.compile(r"(?:还|也|并|同时|另外|此外)?(?:要|应当|应|须|必须|负责|牵头)")


def _carried_subject(doc: Document, offset: int) -> list[AgencyMention]:
    """The subject of the clause before, in the same sentence, for a ；-clause that writes none (constructed:
    市商务局要做好牵头工作；要加快推进…): a subject governs its sentence's ；-clauses, never the sentence after 。
    (gold README roles 24)."""
    para_start = doc.text.rfind("\n", 0, offset) + 1
    before = doc.text[para_start:offset].rstrip()
    if not before or not before.endswith(("；", ";")) or len(before) > 3000:
        return []  # (after 。 a subjectless sentence takes no subject from the one before: gold README roles 24)
    cut = max(before.rfind("。", 0, len(before) - 1), before.rfind("；", 0, len(before) - 1)) + 1
    prev_start = para_start + cut
    prev = doc.text[prev_start:para_start + len(before)]
    got = [a for a in _subjects(prev, doc, prev_start) if a.rule.startswith(("subject", "led_by"))]
    if not got and cut > 0:
        return _carried_subject(doc, prev_start)  # two subjectless clauses in a row
    return [AgencyMention(a.text, a.name, a.role, a.span, a.key, a.region_code, a.generic, "carried;" + a.rule)
            for a in got]


# the cue as a word of its own: 应对, 应急, 要求, 负责人 hold a cue's character and are no cue
_OWN_SUBJECT = re.compile(r"^[^，。；：:,]{2,40}?(?:应当|应(?![对急用])|要(?![求素点])|须|必须|负责(?!人)|不得|严禁)")


def _names_own_subject(text: str) -> bool:
    """Whether the first clause has a subject of its own before its duty cue (负责…的单位应当…), even one
    that names no agency: then a parent heading's unit is not its agent."""
    p = _skip_lead_in(text, 0)
    m = _OWN_SUBJECT.match(text, p)
    if m is None:
        return False
    before_cue = text[p:m.end()]
    if re.search(r"的[\u4e00-\u9fff]{1,8}(?:应当|应|要|须|必须|负责|不得|严禁)$", before_cue):
        return True  # 负责公共消防设施维护管理的单位应当…: a noun phrase, though it opens with a verb
    return not ACTION.match(text, p) and not _VERB_FIRST.match(text, p)


_VERB_FIRST = re.compile(r"(?:依法|定期|及时|负责|组织|指导|督促|协助|配合|积极|认真|严格|按照|根据|结合|对|在|将|把|做好|"
                         r"协调|保障|保证|确保|制定|完成|参与|承担|履行|推动|推进|加强|建立|落实|开展)")
