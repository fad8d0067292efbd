"""Subjects that span clauses: a subject written in parts set off by commas, and the party of a condition.

A law's article often names its subject in parts, one level or kind each, set off by commas (区人民政府及其有关
部门，乡、镇人民政府和街道办事处，居民委员会应当…): each part is a subject of the duty that closes the last one
(gold README roles 1 and 3 decide each part's unit or collective). The units of a condition (X…的，) after
which the sentence states a sanction, another actor or a reference (…玩忽职守的，对直接负责的主管人员依法给予处分;
…的，由监察机关…; …的，依照本条例执行) are parties the article describes, given nothing (roles 8 keeps a unit whose
own act the condition or the sentence writes). Units that only modify a topic noun the next clause hands to another
unit with 由 (X参加扑救…所损耗的燃料…，由Y给予补偿) are given nothing either. Used by ``role_subjects``.
"""

from __future__ import annotations

import re

from policykg.ingest.extract.agencies import AgencyHit
from policykg.ingest.extract.agency_grammar import follows_the_run

# a part of a subject written in parts: a unit list that fills its clause, then the comma and a joining word
PART_END = re.compile(r"\s*[，,]")
_PART_THEN = re.compile(r"\s*[，,]\s*(?:以及|及其|及|和|与)?")
_MOST_PARTS = 6
# what closes a subject written in parts: a duty, as the articles of a law write it (…，居民委员会应当…; …，应当…)
_PARTS_CLOSED = re.compile(r"\s*[，,]?\s*(?:应当|必须|负责|不得|严禁|应(?![用急对])|要(?![求素点])|须(?![知]))")
# a part between the others the grammar cannot read (学校、社区，…); a clause of condition (…不再符合规定的，)
# makes the parts before it the parties it describes, and the list stops there
_UNREAD_CLAUSE = re.compile(r"[^，,。；;：:！!？?\n]{1,39}[^，,。；;：:！!？?\n的](?=[，,])")
# a last part the grammar cannot read (机关、企事业单位以及其他组织，应当…): a run of name characters up to the duty
_UNREAD_PART = re.compile(r"[\u4e00-\u9fff、（）()]{2,40}?(?=[，,]?(?:应当|必须|不得))")


def comma_parts(text: str, pos: int, peek, depth: int = 0) -> tuple[list[AgencyHit], int] | None:
    """The subject written in parts set off by commas (区人民政府及其有关部门，乡、镇人民政府和街道办事处，居民委员会
    和村民委员会应当…; 文物等行政管理部门，学校、社区，以及广播电台等媒体，应当…): from ``pos``, unit lists each filling
    its clause up to a comma, the last part closed by a duty (a last part the grammar cannot read gives nothing,
    the parts before it keep theirs). None where a part is no unit list (a clause of condition or of time
    between them) or no duty closes the last one (a list of works in a goal: …中心，省…中心达到50家)."""
    part = peek(pos, PART_END) if follows_the_run(text, pos, PART_END) else None
    if part is None and depth > 0 and (clause := _UNREAD_CLAUSE.match(text, pos)) is not None:
        part = ([], clause.end())  # 学校、社区，…: a part the grammar cannot read names no unit, the list goes on
    if part is not None and depth < _MOST_PARTS:
        nxt = _PART_THEN.match(text, part[1]).end()
        rest = comma_parts(text, nxt, peek, depth + 1)
        if rest is not None:
            return part[0] + rest[0], rest[1]
    if depth == 0:
        return None  # one list alone: the clause loop reads it
    last = peek(pos, _PARTS_CLOSED)
    if last is not None:
        return last
    unread = _UNREAD_PART.match(text, pos)
    return ([], unread.end()) if unread is not None else None


# the subject's own clause closed as a condition (X…的，): no duty word of X's in it
_CONDITION_OF = re.compile(r"[^，,。；;：:！!？?]{0,80}?的[，,]")
_DUTY_WORD = re.compile(r"应当|必须|不得|严禁|牵头|负责(?![的人同])|应(?![用急对])|(?<![需主重只必])要(?![求素点])|须(?![知])")
# what a sentence of penalties or a reference says after its condition: another unit acts (由Y…), a sanction
# on persons (对直接负责的主管人员依法给予处分), or the rules that apply (依照本条例的有关规定执行); a bare act
# (…的，责令停止使用) is the act of the condition's subject, whose own duty it is
_SANCTION_OR_REFERRAL = re.compile(r"\s*(?:由|对[^，,。；;]{1,40}?(?:给予|处分|处罚|罚款|追究)|"
                                   r"(?:依照|按照|依据)[^，,。；;]{1,30}?(?:执行|处理|处罚|处分))")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")


def breach_only(text: str, e: int) -> bool:
    """Whether the units ending at ``e`` are the party of a condition (X…的，) after which the sentence states no
    duty of X: an article of penalties (各级人民政府…玩忽职守的，对直接负责的主管人员依法给予处分; …的，由监察机关…) or
    one that refers on (X认为需要调查的，依照本条例执行). Where a duty or a bare act follows (X发现…的，应当立即报告;
    X发现…的，责令停止使用) it stays X's."""
    m = _CONDITION_OF.match(text, e)
    if m is None or _DUTY_WORD.search(text, e, m.end()):
        return False
    end = _SENTENCE_END.search(text, m.end())
    end = end.start() if end else len(text)
    return _SANCTION_OR_REFERRAL.match(text, m.end(), end) is not None and _DUTY_WORD.search(text, m.end(), end) is None


# the rest of the subject's clause reads as a noun phrase that ends in …的N (N: no 的 in it, a list of nouns
# closed by 等 allowed), and the next clause hands that noun to another unit with 由 (after an optional 经…，)
_TOPIC_THEN_LED_BY = re.compile(r"[^，,。；;：:]{1,60}?的[^，,。；;：:的]{1,30}?[，,]\s*(?:经[^，,。；;]{1,30}[，,]\s*)?由")


def topic_modifier_only(text: str, e: int) -> bool:
    """Whether the units ending at ``e`` only modify the topic noun of their sentence, which the next clause hands
    to another unit (单位专职消防队、志愿消防队参加扑救外单位火灾所损耗的燃料…，由火灾发生地的人民政府给予补偿;
    X扑救本地森林火灾的费用，由组建单位承担): the units are whose costs or acts the topic names, the duty is the
    unit's after 由, and they are given nothing. A duty word in their clause keeps them (X应当…的…，由…), and so
    does a topic that names their own charge (X负责的…工作，由Y配合) or one done under the leadership of the
    unit after 由 (X参加…的应急救援工作，由县级以上人民政府统一领导: roles 18, the act is X's)."""
    m = _TOPIC_THEN_LED_BY.match(text, e)
    return m is not None and _DUTY_WORD.search(text, e, m.end()) is None and \
        _OWN_CHARGE.search(text, e, m.end()) is None and _LEADS_IT.match(text, m.end()) is None


# a topic that names the units' own charge (区应急局负责的检查工作，由区公安分局配合): the units keep it
_OWN_CHARGE = re.compile(r"负责|牵头|主管|承担|组织")
# …的工作，由Y统一领导: the units act under Y's leadership, the act is theirs (gold README roles 18's frame)
_LEADS_IT = re.compile(r"[^，,。；;]{1,30}?(?:统一)?(?:领导|指挥|指导)(?=[。；;，,]|$)")

