"""Classifying one written name: a unit, a collective (an open set of units), the document's self, or no unit.

``classify`` is the single decision a list item goes through. A set marker (各, 有关/相关, 其他, 成员单位) or
a generic head with no kind before it (部门, 单位, 主管部门), a department defined by an act
(负有…职责的部门: ``_described_department``) and a body a unit chooses (其授权的部门) make a collective
(gold README roles 3); a level restricted by a clause (有压锭任务的市) stays a kind of unit (roles 1 and the
roles 3 note on restricting clauses); a regulated party (建设单位, 管理单位, 企业的工会) is no unit (roles 4);
a phrase that opens with a verb or function word is an act on a unit, not a unit (``unit_acts._verb_first``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.ingest.extract.agencies import PUBLIC_KIND, load_dictionary
from policykg.ingest.extract.unit_acts import _verb_first
from policykg.ingest.extract.unit_heads import (
    _ACT,
    _PAREN,
    _PAREN_TAIL,
    ZONE_HEADS,
    _pos_tokenizer,
    _strip_tail,
    head_of,
    plain_words,
)
from policykg.ingest.extract.unit_levels import (
    _EACH_LEVEL,
    _SET_OF_REGIONS,
    LEVEL_WORDS,
    SELF_NAMES,
    split_prefix,
)
from policykg.ingest.extract.words import tagged_words

# a party named by its part in a regulated activity (管理单位 or 产权单位 of a site, 建设单位, 物业管理单位), the applicant
# of a call or a licence (申报单位, 申请单位: whoever applies, a firm, a university) or a 社会单位 (any non-government body
# of a fire or safety rule): no unit of administration, whatever marks it (各申报单位: gold README roles 4)
_REGULATED_PARTY = re.compile(r"(?:管理|权属|产权|运营维护|维护|使用|经营|建设|施工|监理|设计|检测|社会|申报|申请)"
                              r"(?:[（(][^（）()]{1,6}[）)])?单位$")


# heads a bare name cannot be: 部门 / 单位 / 政府 need a modifier or a prefix in front of them
_NEEDS_MODIFIER = ("部门", "单位", "机关", "机构", "政府", "中心", "公司", "集团", "委员会", "办公室", "小组", "专班")


_COLLECTIVE = re.compile(r"^(?:各|全体|全市|全区|全县|全镇|全乡)|各(?:级|类)?[^、]{0,12}(?:部门|单位|部委办局|委办局|机构|"
                         r"党委|党组|政府)$|成员单位$|(?:有关|相关|其他|其它)[^、]{0,6}"
                         r"(?:部门|单位|机构|机关|政府)$|^(?:职能|责任)部门$|^责任单位$")


# an association written by its kind (行业协会, 其他有关行业协会, 有关协会组织, 消防行业协会): a social organisation a rule
# or plan addresses, no unit of administration (gold README roles 4); one named with its region or as a national
# body (省盐业协会, 中国互联网协会) is a body the document names individually, and stays
_ASSOCIATION = re.compile(r"(?:协会|商会|学会)(?:组织)?$")
_NATIONAL_BODY = ("中国", "全国", "中华")


# a development zone named as a place (高新技术产业开发区, 两江新区, heads: ``unit_heads.ZONE_HEADS``): in a list
# closed by 管委会 it names its 管委会
_ZONE = re.compile(r"[\u4e00-\u9fff]{2,14}(?:" + "|".join(ZONE_HEADS) + ")")


_EACH_ZONE = re.compile(r"(?:^|、)各" + _ZONE.pattern + "$")


# a model of governance written as a government, a court or an organ with a quality word before it (数字政府, 法治政府,
# 服务型政府, 智慧法院, 阳光检察院): the aim a plan builds (数字政府建设, 智慧法院建设评价), never a unit that acts
_IDEAL_OF_GOVERNMENT = re.compile(r"(?:数字|数智|智慧|智能|法治|服务型|整体|网上|电子|阳光|廉洁|诚信|透明|效能|创新型|"
                                  r"学习型)(?:政府|法院|检察院|机关)$")


@lru_cache(maxsize=8192)
def classify(item: str, strict: bool = False) -> str | None:
    """unit / collective / self for one written item, None when it names no unit. ``strict`` refuses the
    level-and-sector reading (区财政), which is only safe for a whole item."""
    core = _strip_tail(item)
    if core[-1:] in "府院关" and _IDEAL_OF_GOVERNMENT.search(core):
        return None
    if _described_department(core) or "职责的" in core and _government_duty_department(core):
        return "collective"
    if core[-1:] in _CHOSEN_LAST and _chosen_by_a_unit(core):
        return "collective"  # 其授权的有关部门, 市人民政府授权的部门: whichever bodies a unit names, a set (README roles 3)
    if core[-1:] in _KIND_LAST and _restricted_kind(core):
        return "unit"  # 有森林消防任务的村, 负责事故调查的人民政府: the clause only restricts the kind
    if not core or core[0] == "的" or not plain_words(core) or _verb_first(core) or _owned_by_a_party(core) \
            or _REGULATED_PARTY.search(core):
        return None
    if core in SELF_NAMES:
        return "self"
    if core[0] == "各" and _EACH_LEVEL.fullmatch(core) or core[0] in "各有相" and _SET_OF_REGIONS.fullmatch(core):
        return "collective"  # 各市, 各有关省（市）: every unit at that level, an open set (gold README roles 3)
    if core[0] == "各" and _ZONE.fullmatch(core, 1):
        return "collective"  # 各自贸试验区, 各国家级新区: every zone of the kind, through the body that runs it
    d = load_dictionary()
    bare = _PAREN_TAIL.sub("", core)
    if bare[-1:] in "会织" and _ASSOCIATION.search(bare) and not split_prefix(bare, None)[0] \
            and not bare.startswith(_NATIONAL_BODY):
        return None  # 行业协会, 有关协会组织: associations by kind are no unit (README roles 4); 省盐业协会 is one
    entry = d.lookup(bare) or d.lookup(core) or d.lookup(_PAREN.sub("", core))
    if entry is not None:
        return "collective" if entry.scope == "collective" else "unit"
    flat = _PAREN.sub("", bare)
    if _COLLECTIVE.search(flat) and head_of(flat) is not None and _collective_modifier_ok(flat) \
            and not (flat.startswith(_WHOLE_AREA) and flat.endswith(_ONE_BODY_HEADS)):
        return "collective"
    _, rest, _ = split_prefix(bare, None)
    for i in range(1, len(rest) - 1):
        e = d.lookup(rest[i:])
        if e is not None and e.scope == "collective" and _modifier_ok(rest[:i]):
            return "collective"  # 事发地所在街镇, 区安全生产委员会成员单位 (constructed)
    head = head_of(bare)
    if head is None:
        if _public_kind(flat):
            return "collective"  # 医疗机构, 中小学校, 试点地区公立医疗机构: public institutions by kind (README roles 17)
        if zone_kind(flat):
            return "unit"  # 国家级开发区, 自贸试验区: a kind of zone, acting through its administration (README roles 12)
        prefix, stem, _ = split_prefix(bare, None)
        if not strict and prefix and 2 <= len(stem) <= 4 and any(d.lookup(stem + suf) for suf in ("局", "部门", "委")):
            return "unit"  # 区财政: a level and a sector, the bureau meant
        return None
    if head in _NEEDS_MODIFIER and rest == head and bare == head:
        return None
    if len(rest) < 1:
        return None
    return "unit"


def zone_kind(flat: str) -> bool:
    """Whether ``flat`` is a development zone or park written by its kind or name (国家级开发区, 自贸试验区, 两江新区)
    and nothing else: no head noun, no dictionary name, no verb before it (支持国家级开发区: the act on it)."""
    return flat.endswith(ZONE_HEADS) and _ZONE.fullmatch(flat) is not None and not _ZONE_JOINED.search(flat) \
        and head_of(flat) is None and load_dictionary().lookup(flat) is None and not _verb_first(flat)


# a conjunction, a genitive or a place word inside means two phrases, not one zone (面向用工单位或国家级开发区, …区内…)
_ZONE_JOINED = re.compile(r"[或和与及的、在内]")


def _public_kind(flat: str) -> bool:
    """Whether ``flat`` is a public institution by kind (``PUBLIC_KIND``: 医疗机构, 基层预算单位) whose modifier opens
    with no verb (降低公立医疗机构…: the act on the kind, not a name); 公立 is an ownership word jieba tags a verb."""
    m = PUBLIC_KIND.fullmatch(flat)
    if m is None:
        return False
    modifier = flat[:m.start("kind")]
    if not modifier:
        return True
    first, flag = tagged_words(modifier, _pos_tokenizer())[0]
    return first == "公立" or flag[:1] not in ("v", "p", "d", "c", "a")


# a department named by what it does: 负责核查处理的职能部门, 接到报告的行政管理部门, 各实施应急征用的行政主管部门
# (whichever department that is: a collective); 单位 is left out, as 负责…维护管理的单位 is a regulated party
_DESCRIBED = re.compile(r"(?:各|其他)?(?P<clause>[^的，。；、（）()]{2,16})的(?:有关|相关)?(?:行政|职能|主管|管理|监管|执法)*"
                        r"(?:部门|机关|" + _ACT + r"机关)(?:(?:和|及|以及|、)(?:单位|机构|机关))?")  # …的部门和机构: one set
_NOT_A_CLAUSE_START = ("p", "c", "d", "u", "r", "m", "f")


def _described_department(core: str) -> bool:
    """Whether ``core`` is a department named by a relative clause (接到报告的行政管理部门): the clause
    opens with a verb or noun, not a preposition (按照…的部门 belongs to a predicate)."""
    m = _DESCRIBED.fullmatch(core)
    if m is None:
        return False
    tagged = tagged_words(m.group("clause"), _pos_tokenizer())
    first, flag = tagged[0]
    if flag[:1] in _NOT_A_CLAUSE_START or any(first.startswith(x) for x in LEVEL_WORDS) or \
            load_dictionary().lookup(first) is not None:
        return False  # (区应急局负责…的部门: a part of the unit that opens the clause, read with the subject)
    if re.match(r"(?:其他|有关|相关)?(?:负有|负责|承担)", m.group("clause")[len(first):]):
        return False  # 转送负有职责的部门, 配合其他负有…职责的部门: the department is the first verb's object
    # a modal or a preposition inside means a predicate runs into the phrase (应当告知举报人向有处理权的部门)
    return not any(f[:1] in ("p", "c") or w in _MODALS for w, f in tagged)


# the departments of a government defined by the duty they bear (constructed: 县级以上地方人民政府负有燃气…职责的部门,
# 省、设区的市人民政府负有…职责的部门): one set, named as a whole (gold README roles 3), not the government
_GOVERNMENT_DUTY = re.compile(r"(?P<owner>[^，。；]{2,24}?(?:人民政府|政府))(?:其他)?(?:负有|承担)[^，。；、的]{2,24}?职责的"
                              r"(?:有关|相关|其他)?(?:部门|机构|机关)(?:(?:和|及|以及|、)(?:单位|机构|机关))?")


def _government_duty_department(core: str) -> bool:
    """Whether ``core`` is the departments of a government (or of the governments of a list of levels) that
    bear a duty: the owner is a government the grammar reads."""
    m = _GOVERNMENT_DUTY.fullmatch(core)
    if m is None:
        return False
    from policykg.ingest.extract.unit_lists import read_list  # (the list reader builds on this module)

    owner = m.group("owner")
    return classify(owner) in ("unit", "collective") or read_list(owner) is not None


# a body a unit chooses for the work (其授权的有关部门, 市人民政府授权的部门, 市、县（市、区）政府确定的盐业主管机构):
# the text does not say which one, so it is a set, whoever the chooser is
_CHOSEN = re.compile(r"(?P<owner>[^，。；]{1,24}?)(?:授权|指定|确定)的(?:有关|相关)?[\u4e00-\u9fff]{0,8}?(?:部门|机构|机关)")
_CHOSEN_LAST = frozenset("门构关")


def _chosen_by_a_unit(core: str) -> bool:
    m = _CHOSEN.fullmatch(core)
    if m is None:
        return False
    owner = m.group("owner")
    return owner == "其" or classify(owner) in ("unit", "collective", "self")


# a level of government restricted by a clause (有压锭任务的市, constructed: 负责组织救援的人民政府): a kind, not a set
_RESTRICTED_KIND = re.compile(r"(?P<clause>[^的，。；、（）()]{2,16})的(?:人民政府|市|县|区|乡|镇|村)")
_KIND_LAST = frozenset("府市县区乡镇村")


def _restricted_kind(core: str) -> bool:
    """Whether ``core`` is a level of government restricted by a relative clause that opens with a verb."""
    m = _RESTRICTED_KIND.fullmatch(core)
    if m is None:
        return False
    tagged = tagged_words(m.group("clause"), _pos_tokenizer())
    return tagged[0][1][:1] == "v" and not any(f[:1] in ("p", "c") or w in _MODALS for w, f in tagged)


_PARTY_OWNERS = ("单位", "企业", "经营者", "业主", "个人", "组织")


def _owned_by_a_party(core: str) -> bool:
    """Whether ``core`` is a body of a party that is no unit (生产经营单位的安全生产管理机构, 企业的工会): what
    stands before its 的 is neither a unit, a place nor a level (区政府的有关部门, 本区的 are)."""
    at = core.rfind("的")
    if at <= 0 or "（" in core or "(" in core:
        return False
    owner = core[:at]
    return owner.endswith(_PARTY_OWNERS) and not (owner in LEVEL_WORDS or _PLACE_MODIFIER.match(owner) or classify(owner) is not None
                or load_dictionary().lookup(owner) is not None)


_MODALS = frozenset(["应当", "应", "要", "须", "必须", "可以", "可", "不得", "将", "需", "需要", "严禁"])


_PLACE_MODIFIER = re.compile(r"^(?:[^，。、]{0,6}(?:所在地?|属地|辖区|发生地)|本区|本市|本县|本镇|全区|全市|全县|地方|国家|全国|"
                             r"[\u4e00-\u9fff]{0,6}(?:工业区|园区|开发区|新区|经开区|保税区|管委会))$")


# 全乡…领导组, 全区…指挥部: one body for the whole area, not every unit of it
_WHOLE_AREA = ("全市", "全区", "全县", "全镇", "全乡")
_ONE_BODY_HEADS = ("领导小组", "领导组", "工作小组", "指挥部", "委员会", "办公室", "工作专班", "联席会议")


def _modifier_ok(before: str) -> bool:
    """Whether what stands before a collective (事发地所在 / 区政府 / 区消防安全委员会) can modify it:
    a place, a level or a unit, not a verb (完成街镇, 依法查处有关部门)."""
    before = before.rstrip("的")
    return (not before or before in LEVEL_WORDS or bool(_PLACE_MODIFIER.match(before))
            or classify(before) in ("unit", "collective"))


def _collective_modifier_ok(bare: str) -> bool:
    m = re.search(r"有关|相关|其他|各|成员", bare)
    return m is None or _modifier_ok(bare[:m.start()])
