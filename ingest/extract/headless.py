"""Policy text that has lost its outline: its sentences are read as the items they were (issue 13, segmentation 3).

A portal page saved by a crawler often keeps a policy opinion's sentences but drops its headings and item
numbers (一、 …, （一） …, the run-in titles), so every measure stands as a bare sentence of running text:
加大对开发区的用地保障力度。 / 支持开发区开展…试点。 (constructed). Outside an outline the walk asks running text
for a duty cue (要、应、负责 …), which such imperatives do not write, so the whole document is lost.

Here a stretch of running text outside every heading is read as an outline's text — each sentence is a unit,
kept when ``duty.states_duty`` finds work in it: a cue, a unit that acts, or a main clause opening with an
action verb of policy (``cues.VERB_START``: 加大/加强/推进/支持/完善/建立/实施 …) — when the document is a policy
text and that stretch is written as one:

* the document says it is one: an addressee line near its start (各市、县（区）人民政府，省政府各部门：) or the
  sentence that announces the measures (为…，现提出以下意见。 / …通知如下： / 现印发给你们);
* the stretch is a run of measures: at least ``MIN_IMPERATIVES`` sentences open with an action verb (after a
  lead clause of time or basis), and they are at least ``MIN_SHARE`` of its sentences;
* it reports no events: under ``MAX_NEWS`` of its sentences are news (据悉, 记者, 日前, …指出/表示, 出席…致辞,
  a meeting or a forum held) — a news report of a plan quotes its measures as imperatives too.

Gold README (tests/gold/obligations/README.md): schema "one obligation per unit of work" (in unnumbered running
text, one per sentence ending 。 or ； that states a duty, an action verb addressed to someone included;
descriptive text is none).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policykg.ingest.extract.cues import VERB_START
from policykg.ingest.extract.duty import _BASIS_PREFIX, _TIME_PREFIX, PAST, _main_clause
from policykg.ingest.model import Document

MIN_IMPERATIVES = 8
MIN_SHARE = 0.35
MAX_NEWS = 0.1

# 各市、县（区）人民政府，省政府各部门： on a line of its own near the start: the units a document is sent to
_ADDRESSEE = re.compile(r"^\s*各[^。；;\n：:]{1,120}(?:政府|部门|单位|机构|委|局|厅|办)[^。；;\n：:]{0,20}[：:]\s*$", re.MULTILINE)
# 现提出以下意见 / 制定如下措施 / 通知如下 / 现印发给你们: the sentence that announces the measures after it
_ANNOUNCES = re.compile(r"(?:提出|制定|出台|形成)(?:以下|如下)|(?:通知|意见|措施|规定)如下|现(?:予)?印发给你们")
# a report of an event: who said what, a meeting held, a dateline; the measures it quotes are no one's duty here
_NEWS = re.compile(r"据悉|据了解|获悉|记者|日电|日前|近日|会上|会议(?:指出|强调|要求|认为|提出)|(?:指出|表示|强调|透露|介绍)[，,：:]"
                   r"|出席|致辞|主持|(?:举行|举办|召开|开幕|闭幕)(?:[了。，,]|$)|论坛|峰会|发布会|座谈会")
_SENTENCE = re.compile(r"[^。；;！？!?]+[。；;！？!?]?")


def _imperative(sentence: str) -> bool:
    """Whether a sentence's main clause opens with an action verb (after a lead clause of time or basis)."""
    return VERB_START.match(_BASIS_PREFIX.sub("", _TIME_PREFIX.sub("", _main_clause(sentence)))) is not None


def policy_document(doc: Document) -> bool:
    """Whether ``doc`` says it is a policy text: an addressee line near its start or a sentence announcing the
    measures that follow."""
    head = doc.text[:1500]
    return _ADDRESSEE.search(doc.text[:400]) is not None or _ANNOUNCES.search(head) is not None


def run_of_measures(texts: Sequence[str]) -> bool:
    """Whether the paragraphs ``texts`` read as a run of measures, not as a report (see the module's rules)."""
    imperative = news = total = 0
    for text in texts:
        for m in _SENTENCE.finditer(text):
            sent = m.group(0).strip()
            if len(sent) < 8:
                continue
            total += 1
            if _NEWS.search(sent):
                news += 1
            elif not PAST.search(sent) and _imperative(sent):
                imperative += 1
    return total > 0 and imperative >= MIN_IMPERATIVES and imperative >= MIN_SHARE * total and news < MAX_NEWS * total


def headless_starts(doc: Document, paras: Sequence) -> set[int]:
    """The starts of the paragraphs of running text outside every heading (and outside the wrapper notice) that
    are read as an outline's text: those of a policy document whose headless paragraphs are a run of measures."""
    notice = doc.notice_span
    free = [p for p in paras if not p.headings and not p.numbered and not p.heading_only and not p.label_only
            and not (notice and notice.start <= p.start < notice.end)]
    if not free or not policy_document(doc) or not run_of_measures([p.text for p in free]):
        return set()
    return {p.start for p in free}
