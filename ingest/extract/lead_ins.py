"""When the lead-in over a list is itself the unit of work (issue 13).

A lead-in that ends in a colon over numbered lines is usually a heading: its items are the units. Some
lists are not acts but the things or kinds the lead's duty names (应当设置以下设施：（一）…; 对下列生产经营单位
应当进行重点检查：; 需携带以下资料备审：1.本人有效身份证件；), so the lead-in is the one unit; and a lead that holds
a sentence of duty before the one opening the list (本镇制定…保护要求。保护要求可以分为以下三类：) is a unit
besides its items. Also which lines stand under a lead-in (``_under``, ``_items_of``), which obligations.py
reads to pass the items' site types to the lead.

Gold README (tests/gold/obligations/README.md): schema "one obligation per unit of work" (a numbered item
that states a duty; a list of things or kinds states none, its lead does), site-type convention 13 (kinds
listed under a lead-in that is the obligation belong to it) and site-type convention 2 (what stands under a
lead-in is what its site passes down to).
"""

from __future__ import annotations

import re

from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.cues import DUTY_CUE, VERB, VERB_START
from policykg.ingest.extract.duty import CLAUSE, states_duty
from policykg.ingest.extract.stretches import _ITEM_RANK

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
_RUN_IN_TITLE = re.compile(r"[^。；;，,！!？?：:]{2,20}。")


def _duty_before_list(para: pg.Paragraph) -> bool:
    """Whether a numbered or article lead over a list (…：) holds, before the sentence that opens the list, a
    sentence of its own that states a duty (第十九条 本镇依照…规定制定…保护要求。保护要求…可以分为以下三类：)."""
    if not (para.numbered or para.in_article):
        return False  # a notice's preamble (…。现就有关事项通知如下：) opens the whole text, not a list
    body = para.body if para.numbered else para.text
    m = _LAST_SENTENCE.search(body)
    head = body[:m.start()].strip() if m else ""
    if head and head[-1] in "。！!？?":
        # （七）加强产品安全设计。企业…应当…：: a run-in title names the item the lead-in opens, no duty of its own
        hit = pg._numbered(para.text) if para.numbered else None  # (an item （一） or deeper, not an article)
        return not (hit is not None and hit[3] >= _ITEM_RANK and _RUN_IN_TITLE.fullmatch(head)) and states_duty(head)
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
