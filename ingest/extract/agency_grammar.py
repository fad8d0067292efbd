"""Unit names by grammar: an optional region or level prefix, a modifier, a head noun from a closed set.

A government unit is named the same way everywhere: 区 + 粮食物资储备 + 局, 镇 + 党群 + 中心,
公安嘉定 + 分局. The head nouns form a closed class (局 委 办 处 所 中心 委员会 部门 …), so a unit the
dictionary has never seen is still recognised — where it stands: this module reads the noun phrase that
opens a clause, follows 由/会同, or fills a responsibility clause, and tells whether it is a list of units
(区应急局、区教育局; 交通、公安等部门 with one head shared by every item). Heads are checked on jieba
word boundaries, so 督办, 场所 and 格局 never end a unit and the 区 of 社区 is no prefix. The dictionary
(``agencies.py``) only supplies canonical names; it is no gate.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from policykg.ingest.extract.agencies import (
    AgencyHit,
    load_dictionary,
    on_word_boundary,
    open_set,
    placed,
    region_chain,
    resolve,
    short_name,
)
from policykg.ingest.extract.scan import literal_trie
from policykg.ingest.extract.words import tagged_words, words
from policykg.ingest.model import Region, RegionRef, Span

# Head nouns, longest first. Multi-character heads end a unit wherever a word ends; single characters only
# when jieba cuts a word there that names no place or act (督办, 场所 and 局面 are words, not units).
MULTI_HEADS = ("国务院", "联席会议", "工作专班", "分行", "中心支行", "管理委员会", "委员会", "管委会", "办公室", "办事处", "指挥部", "领导小组", "领导组", "工作小组", "工作专班", "小组",
               "中心", "总队", "支队", "大队", "中队", "分局", "总局", "分公司", "公司", "集团", "居委会", "村委会",
               "部门", "单位", "机关", "机构", "政府", "派出所", "协会", "联合会", "工会", "妇联", "团委", "科协",
               "残联", "侨联", "工商联", "红十字会", "总会", "海关", "总社", "档案馆", "法院", "检察院", "部委办局", "委办局", "总署", "党委", "党组", "监会",
               "人民银行")
SINGLE_HEADS = "局委办厅处科室所站队部署组"
NOT_UNITS = frozenset(["督办", "举办", "主办", "承办", "协办", "开办", "创办", "兴办", "查办", "代办", "包办", "筹办", "操办", "试办", "领办", "交办", "转办", "帮办", "催办", "承接办", "场所", "住所", "处所", "厕所", "诊所", "所有", "格局", "布局", "结局", "大局", "全局", "当局", "局面", "局部", "到处", "益处", "好处", "用处", "各处", "此处", "出处", "相处", "判处", "论处", "学科", "专科", "本科", "教室", "卧室", "居室", "暗室", "控制室", "值班室", "会议室", "车站", "网站", "站点", "队伍", "团队", "排队", "梯队", "内部", "全部", "外部", "局部", "干部", "部分", "底部", "顶部", "东部", "西部", "南部", "北部", "中部", "总部", "俱乐部", "机构", "委托", "安委", "等部", "消防站", "微型消防站", "加油站", "充电站", "公署",
                       # 组 as a group of things or people, not a body set up for a task (调查组, 专家组)
                       "班组", "分组", "编组", "机组", "词组", "重组", "改组", "一组", "每组", "该组", "本组",
                       "题组", "模组", "小组"])
# heads that name a regulated party as often as a government unit: a unit only with a mark before them
# (各有关单位, 成员单位, 上级机关) or a name of the dictionary (公安机关, 消防救援机构)
_PARTY_HEADS = ("单位", "机构", "机关")
# an organ of a law named by the act it performs (许可机关, 发证机关, 应急预案制定机关, 重新认定机关): whichever organ
# performs it, an open set (gold README roles 3)
_ACT = r"(?:重新)?(?:许可|审批|批准|发证|登记|制定|认定|决定|复议|处罚|备案|受理|审查|颁发|作出决定的)"
_PARTY_MARK = re.compile(r"^各(?!类)[\u4e00-\u9fff]{1,8}(?:单位|机关)$|"  # 各预算单位, 各级国家机关: a set of them
                         r"(?:各|有关|相关|其他|成员|责任|牵头|配合|管理|权属|产权|主管|上级|行政|司法|执法|公安|联动)"
                         r"(?:单位|机构|机关)$|(?:监察|检察|审判|审计|税务)机关$|"  # organs of state: 监察机关
                         + _ACT + "机关$")
# a party named by its part in a regulated activity (管理单位 or 产权单位 of a site, 建设单位, 物业管理单位) or a
# 社会单位 (any non-government body of a fire or safety rule): no unit
# of administration, whatever marks it (gold README roles 4)
_REGULATED_PARTY = re.compile(r"(?:管理|权属|产权|运营维护|维护|使用|经营|建设|施工|监理|设计|检测|社会)(?:[（(][^（）()]{1,6}[）)])?单位$")
# a body of a named unit: 公安机关消防机构, 区政府工作机构 (the unit, then what the body does, then the head)
_OF_A_UNIT = re.compile(r"(?:公安机关|人民政府|政府|管委会|党委)[\u4e00-\u9fff]{1,6}(?:单位|机构|机关)$")
# 有关机构, 其他机关: a set marker makes a bare 机构 a group of units (a 服务机构 is a party)
_SET_OF_BODIES = re.compile(r"(?:各|有关|相关|其他|其它)(?:机构|机关)$")
# heads a bare name cannot be: 部门 / 单位 / 政府 need a modifier or a prefix in front of them
_NEEDS_MODIFIER = ("部门", "单位", "机关", "机构", "政府", "中心", "公司", "集团", "委员会", "办公室", "小组")
LEVEL_WORDS = ("本市", "本区", "本县", "本镇", "本乡", "全市", "全区", "全县", "全镇", "全乡", "市级", "区级", "县级",
               "镇级", "乡级", "省级", "同级", "上级", "省", "市", "区", "县", "镇", "乡", "街道")
# a level word of a legal text, perhaps with the kinds of unit at that level in brackets (县（市、区）,
# 区县（自治县）, 镇（乡）): several joined name one unit at each level (市、县（市、区）人民政府)
_KINDS = r"(?:[（(〔](?:市|区|县|乡|镇|自治县|县级市|旗)(?:[、和](?:市|区|县|乡|镇|自治县|县级市|旗))*[）)〕])"
_LEVEL_ATOM = r"(?:设区的市|区县|乡镇|市|省|区|县|乡|镇)" + _KINDS + "?"
_COMPOUND_LEVEL = re.compile("^" + _LEVEL_ATOM + "(?:(?:和|或者|或|、|及)" + _LEVEL_ATOM + ")+")
# one level written so that it can only be a level of government (设区的市, 区县（市）), never a place's name
_ONE_LEVEL = re.compile(r"^(?:设区的市|(?:设区的市|区县|乡镇|市|区|县|乡|镇)" + _KINDS + ")")
_ATOM = re.compile(_LEVEL_ATOM)
_ATOM_LEVEL = {"设区的市": "市", "区县": "县", "乡镇": "镇"}  # the level word each stands for
_RANK = {"省": 1, "市": 2, "区": 3, "县": 3, "乡": 4, "镇": 4}
# after a short place name (嘉定), words that make it another place (嘉定工业区, 嘉定新城), not a prefix
_PLACE_GOES_ON = re.compile(r"工业区|开发区|园区|新区|新城|高新区|经济|保税区|镇|街道|乡")
SELF_NAMES = ("本镇", "我镇", "本乡", "我乡", "本区", "我区", "本县", "我县", "本市", "我市", "本街道")
_COLLECTIVE = re.compile(r"^(?:各|全体|全市|全区|全县|全镇|全乡)|各(?:级|类)?[^、]{0,12}(?:部门|单位|部委办局|委办局|机构|"
                         r"党委|党组|政府)$|成员单位$|(?:有关|相关|其他|其它)[^、]{0,6}"
                         r"(?:部门|单位|机构|机关|政府)$|^(?:职能|责任)部门$|^责任单位$")
_MULTI_HEAD_END = re.compile("(?:" + "|".join(MULTI_HEADS) + ")$")
_PERSON = re.compile(r"(?:的)?(?:主要|分管|有关|相关)?(?:负责人|负责同志|领导同志|领导干部|领导|一把手|书记|主任|局长|"
                     r"镇长|乡长|区长|县长|市长|队长|站长|所长|处长|科长)$")
# brackets as written: full-width, half-width and the hexagonal 〔〕 of some provincial texts (县〔市、区〕)
_PAREN_TAIL = re.compile(r"(?:[（(〔][^（）()〔〕]{1,12}[）)〕])+$")
_PAREN = re.compile(r"[（(〔][^（）()〔〕]{1,12}[）)〕]")
# every character a _PERSON match may end with (its "$" also holds before a last newline)
_PERSON_LAST = frozenset(w[-1] for w in re.findall(r"[\u4e00-\u9fff]+", _PERSON.pattern) if _PERSON.fullmatch(w)) | {"\n"}
_SHARED = re.compile(r"^(?P<stem>.+?)等(?P<mark>有关|相关|其他)?(?P<head>(?:行业|行政|主管|管理|职能|监管|监督|执法|综合|业务){0,3}"
                     r"(?:部门|单位|机构|机关)(?:和|及|、)?(?:部门|单位)?|管委会|管理委员会)$")
# a development zone named as a place (高新技术产业开发区, 两江新区): in a list closed by 管委会 it names its 管委会
# a list closed by a department defined by its duty (应急管理、公安等负有安全生产监督管理职责的部门): the members are named
# sectors, as before any closing head (gold README roles 3 amendment); the head they share is the clause's head word
_SHARED_DESCRIBED = re.compile(r"^(?P<stem>.+?)等(?P<mark>有关|相关|其他)?(?:负有|承担|负责|具有)[^、等的]{1,24}的(?:有关|相关)?"
                               r"(?P<head>部门|机构)$")
_ZONE = re.compile(r"[\u4e00-\u9fff]{2,14}(?:新区|开发区|高新区|经开区|工区|园区|保税区|示范区|合作区|试验区)")
_ZONE_HEADS = ("管委会", "管理委员会")
_EACH_ZONE = re.compile(r"(?:^|、)各" + _ZONE.pattern + "$")
_ASIDE_TAIL = re.compile(r"[（(]以下(?:简称|统称|称)[^（）()]{1,20}[）)]$")
_JOINERS = ("以及", "或者", "及其", "和", "及", "与", "或")
_JOINER = re.compile("|".join(_JOINERS))  # tried in order, as the tuple is
_JOINER_OR_EACH = re.compile("|".join(_JOINERS) + "|各")
# words that open with a joiner's character but join nothing (由镇文物部门及时报上级部门: no unit 时报上级部门)
_NOT_JOINED = frozenset(["及时", "及早", "及格", "和谐", "和平", "和睦", "和解", "与会", "与否", "或许"])
# words no unit name holds: a verb of the predicate or a preposition means the phrase has run past the name
# (会同区应急局, 配合有关部门, 中央企业要按照相关部门, 鼓励地方政府)
_NOT_IN_NAME = frozenset(["要", "应", "应当", "须", "必须", "会同", "配合", "协助", "协同", "按照", "根据", "依照", "依据",
                          "对", "在", "向", "将", "把", "由", "经", "以", "为", "是", "鼓励", "支持", "实施", "负责",
                          "牵头", "参与", "参加", "采用", "探索", "推动", "推进", "开展", "加强", "落实", "建立", "做好",
                          "指导", "督促", "要求", "确保", "并", "委托", "可", "可由", "部署", "通过", "联合", "接受",
                          "报送", "报告", "提请", "组织开展", "定期", "及时", "统筹", "协调", "检查", "审核", "批准",
                          "同意", "征询", "听取", "报", "请", "让", "使", "给", "从", "于", "等", "及其", "其", "该", "与",
                          "完成", "依法", "查处", "强化", "一般", "也", "可以", "直接", "独立", "除", "报请", "视情", "成立",
                          "通知", "立即", "受", "发布", "上", "后", "时", "前", "如", "若", "凡", "需", "需要",
                          "全面", "应用", "健全", "完善", "锚定", "接收", "分送", "依托", "整合", "发挥",
                          # verbs that take a unit as object (已获得应急管理部门…奖励, 逐级上报至国务院…部门, 责令有关单位)
                          "获得", "上报", "逐级", "至", "不得", "干扰", "责令", "纳入", "组成"])


@dataclass(frozen=True)
class Item:
    """One written item of a unit list: its text, where it starts, and what kind of item it is."""

    text: str
    start: int
    kind: str  # unit | collective | stem | self | its (the departments of the unit before: X及其部门)
    owner: str = ""  # for ``its``: the unit whose departments they are, as written


def _tokens(text: str) -> tuple[str, ...]:
    return words(text)


def _token_ending_at(text: str, end: int) -> str | None:
    """The jieba word of ``text`` that ends exactly at ``end``, or None when a word runs across ``end``."""
    pos = 0
    for w in _tokens(text):
        pos += len(w)
        if pos == end:
            return w
        if pos > end:
            return None
    return None


def head_of(core: str) -> str | None:
    """The head noun ``core`` ends with when it names a unit (区粮食物资储备局 -> 局), else None.
    A unit name of the dictionary at the end counts as a head too (各乡镇（街道）消委会)."""
    d = load_dictionary()
    for k in range(min(len(core), 8), 1, -1):
        e = d.lookup(core[-k:])
        if e is not None and e.scope != "collective" and (k == len(core) or _token_ending_at(core, len(core))):
            if not _MULTI_HEAD_END.search(core) and not (core[-1] in SINGLE_HEADS):
                return core[-k:]
            break
    for h in MULTI_HEADS:
        if core.endswith(h) and len(core) >= len(h):
            if h in _PARTY_HEADS and not _PARTY_MARK.search(core) and load_dictionary().lookup(core) is None \
                    and not _OF_A_UNIT.search(core):
                return None  # 机关、团体、企业、事业等单位: parties, unless a unit owns the body (公安机关消防机构)
            word = _token_ending_at(core, len(core))
            if word is not None and word in NOT_UNITS and not (h in _PARTY_HEADS and (_OF_A_UNIT.search(core) or
                                                                          _SET_OF_BODIES.search(core))):
                return None
            return h
    if core and core[-1] in SINGLE_HEADS and len(core) >= 2:
        if core[-1] == "组" and re.search(r"[第每各一二三四五六七八九十百0-9０-９几多]组$", core):
            return None  # 三组, 第一组, 每组: a count of groups, not a body
        word = _token_ending_at(core, len(core))
        if word is None or word in NOT_UNITS or word.endswith(("场所", "住所", "处所", "厕所")):
            return None
        if len(word) >= 2 and load_dictionary().lookup(word) is None and \
                _pos_tokenizer().word_tag_tab.get(word, "").startswith(("v", "l")):
            return None  # 查处, 督办, 举办, 依法查处: a verb or set phrase ending in a head character
        return core[-1]
    return None


def _strip_tail(item: str) -> str:
    """The item without a trailing person (主要负责人) and with its bracketed qualifiers kept."""
    if item[-1:] not in _PERSON_LAST:
        return item  # no person word ends it: the search need not scan the item
    m = _PERSON.search(item)
    if m and m.start() >= 2:
        return item[: m.start()]
    return item


def _names_a_person(item: str) -> bool:
    """Whether the item is a person of a unit (镇政府主要负责人): a person is no unit, though the heads of
    a group of units (街镇（经开区）主要负责人) stand for the group."""
    m = _PERSON.search(item)
    return bool(m and m.start() >= 2)


def split_prefix(core: str, region: Region | None) -> tuple[str, str, RegionRef | None]:
    """(prefix as written, rest, the region the prefix names) for a unit name."""
    chain = region_chain(region)
    for r in chain:
        for form in (r.name, short_name(r.name)):
            if len(form) >= 2 and core.startswith(form) and len(core) > len(form) \
                    and not (form != r.name and _PLACE_GOES_ON.match(core, len(form))):
                return form, core[len(form):], r
    m = _COMPOUND_LEVEL.match(core) or _ONE_LEVEL.match(core)
    if m and len(core) > m.end():
        return m.group(0), core[m.end():], None
    for p in LEVEL_WORDS:
        if core.startswith(p) and len(core) > len(p) and not (p == "区" and core.startswith("区域")):
            return p, core[len(p):], _level_of(p, chain)
    return "", core, None


def _level_of(prefix: str, chain: list[RegionRef]) -> RegionRef | None:
    from policykg.ingest.extract.agencies import LEVEL_PREFIXES, _level_region

    p = prefix[-1] if prefix[-1] in "省市区县镇乡" else prefix
    if prefix in ("本市", "本区", "本县", "本镇", "本乡", "全市", "全区", "全县", "全镇", "全乡"):
        p = prefix[1]
    if prefix.endswith("级") and prefix != "同级" and prefix != "上级":
        p = prefix[0]
    if prefix == "同级":
        return chain[0] if chain else None
    level = LEVEL_PREFIXES.get(p)
    return _level_region(chain, level, p) if level else None


# 各 (有关) before one level of government, perhaps with its kinds: 各市, 各县（市、区）, 各有关省（市）
_EACH_LEVEL = re.compile(r"各(?:有关|相关)?(?:省|市|县|区|乡|镇|区县|乡镇)(?:[（(〔](?:省|市|区|县|乡|镇|自治区|直辖市|自治县|县级市|旗)"
                         r"(?:[、和](?:省|市|区|县|乡|镇|自治区|直辖市|自治县|县级市|旗))*[）)〕])?")

# a set marker before a plural word for the regions of a level (各区市, 相关省份, 有关地方, 各城市): every
# government of that level the text concerns, an open set (gold README roles 3)
_REGION_PLURALS = ("省份", "省区市", "区市", "城市", "地市", "设区市", "县市", "市县", "县区", "地方", "地区")
_SET_OF_REGIONS = re.compile(r"(?:各有关|各相关|各|有关|相关)(?:" + "|".join(_REGION_PLURALS) + ")")


@lru_cache(maxsize=8192)
def classify(item: str, strict: bool = False) -> str | None:
    """unit / collective / self for one written item, None when it names no unit. ``strict`` refuses the
    level-and-sector reading (区财政), which is only safe for a whole item."""
    core = _strip_tail(item)
    if _described_department(core):
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
            return "collective"  # 事发地所在街镇, 区消防安全委员会成员单位
    head = head_of(bare)
    if head is None:
        prefix, stem, _ = split_prefix(bare, None)
        if not strict and prefix and 2 <= len(stem) <= 4 and any(d.lookup(stem + suf) for suf in ("局", "部门", "委")):
            return "unit"  # 区财政: a level and a sector, the bureau meant
        return None
    if head in _NEEDS_MODIFIER and rest == head and bare == head:
        return None
    if len(rest) < 1:
        return None
    return "unit"


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


# a level of government restricted by a clause (有压锭任务的市, 统一指挥应急救援的人民政府): a kind, not a set
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


@lru_cache(maxsize=1)
def _pos_tokenizer():
    import jieba.posseg as pseg
    from policykg.ingest.extract.agencies import _tokenizer

    tk = pseg.POSTokenizer(_tokenizer())
    tk.makesure_userdict_loaded()  # the user words' tags (nt), before the tag table is first read
    return tk


_SET_OR_RANK = re.compile(r"(?:有关|相关|各|其他|其它|下级|上级|本级|同级)")
_FUNCTION_START = ("d", "ad", "vd", "p", "c", "u", "m", "q", "f", "t")


@lru_cache(maxsize=8192)
def _verb_first(text: str) -> bool:
    """Whether ``text`` is an act on a unit rather than a unit: it opens with an adverb or function word
    (全面应用政法委), or with a verb whose object is itself a unit (发动村居委, 建成消防救援大队); a name
    opens with a place, a level or a noun (审计部门 and 居委会 open with words jieba also reads as verbs)."""
    if text[:1] in "各本" or text.startswith(("其他", "有关", "相关", "全市", "全区", "全县", "全镇", "全乡", "全体")) \
            or any(text.startswith(p) for p in LEVEL_WORDS):
        return False
    for w, flag in tagged_words(text[:8], _pos_tokenizer()):
        if load_dictionary().lookup(w) is not None or w == text:
            return False
        if flag in _FUNCTION_START:
            return True
        if flag not in ("v", "vn", "r"):
            return False
        if flag != "r" and not _SET_OR_RANK.match(text, len(w)) and \
                any(load_dictionary().lookup(w + suf) is not None for suf in ("局", "部门", "委", "厅")):
            return False  # 教育主管部门: a sector the dictionary knows (教育局), not the verb 教育
        # (组织有关部门, 组织下级人民政府: a sector word stands right before its head, never before a set marker or a
        # rank: the verb 组织 and its object)
        rest = text[len(w):]
        d = load_dictionary()
        return classify(rest) in ("unit", "collective", "self") or any(d.lookup(rest[i:]) is not None
                                                                         for i in range(len(rest) - 1))
    return False


def plain_words(text: str, short_ok: bool = False) -> bool:
    """Whether ``text`` (brackets aside) holds no word a unit name cannot hold (会同, 按照, 向 …);
    ``short_ok`` lets one-character words pass, as in a sector stem jieba cuts apart (经|发 of 经发)."""
    words = _tokens(_PAREN.sub("", text))
    # a verb right before a generic head modifies it (综合协调部门, 审批部门): a kind of unit, no predicate
    modifier = len(words) - 2 if len(words) >= 3 and words[-1] in _GENERIC_HEADS else -1
    if any((w in _NOT_IN_NAME and (len(w) > 1 or not short_ok) or len(w) > 2 and w[:2] in _NOT_IN_NAME)
           and k != modifier for k, w in enumerate(words)):
        return False  # 建立健全各部门: a verb phrase that opens with a word no name holds
    return not _unit_then_verb(words)


_GENERIC_HEADS = frozenset(["部门", "单位", "机构", "机关"])


_UNIT_RELATIONS = frozenset(["相关", "有关", "所属", "直属", "下属", "主管", "派出"])  # 镇人民政府相关行政管理部门


def _unit_then_verb(words: tuple[str, ...]) -> bool:
    """Whether a whole unit is followed by a verb inside the phrase (区国动办|分送|有关部门, 区级应急指挥部|接收|
    市级应急指挥部): two units and the act between them, not one name."""
    tags = _pos_tokenizer().word_tag_tab
    for k in range(1, len(words) - 1):
        w = words[k]
        if tags.get(w) == "v" and len(w) >= 2 and w not in _UNIT_RELATIONS and (words[k - 1].endswith(MULTI_HEADS) or
                                                    words[k - 1][-1] in SINGLE_HEADS and len(words[k - 1]) >= 2):
            return True
    return False


def _split_joined(piece: str, start: int) -> list[tuple[str, int]]:
    """Split ``piece`` at 和/及/与/或 where the text before is already a whole unit (区事故灾难和自然灾害指挥部 stays)."""
    out: list[tuple[str, int]] = []
    pos = 0
    i = 0
    words = _words_starting(piece) if any(j in piece for j in _JOINERS) else {}
    while (at := _JOINER_OR_EACH.search(piece, i)) is not None:
        i = at.start()  # nothing happens where neither a joiner nor 各 stands
        jm = _JOINER.match(piece, i)
        j = jm.group(0) if jm else None
        if j is not None and words.get(i) in _NOT_JOINED:
            j = None  # 及 of 及时, 和 of 和谐: the first character of a word, no joiner
        if j == "及其" and piece.startswith(("他", "余"), i + 2):
            j = "及"  # X及其他部门: 及 joins, 其他 opens the next item
        if j is not None and i > pos + 1 and piece[i - 1] == "等" and classify(piece[pos:i - 1], strict=True):
            out.append((piece[pos:i - 1], start + pos))  # 全国总工会等和各省级人民政府: 等 closes the list before 和
            pos = i + len(j)
            i = pos
            continue
        if j is None and piece.startswith("各", i) and i > pos and classify(piece[pos:i]) in ("collective", "unit") \
                and classify(piece[i:]) == "collective" and not re.match(r"各(?:成员单位|部门|科室|处室|内设机构)", piece[i:]):
            j = ""  # 各地各有关部门: two collectives written together
        if j in ("或", "或者") and piece[pos:i].endswith("单位") and piece.endswith("单位") \
                and classify(piece[pos:i]) == "collective" and classify(piece[i + len(j):]) == "collective":
            j = None  # 管理单位或者产权单位: one group of parties, written as alternatives
        if j is not None and i > pos and (classify(piece[pos:i], strict=True) in ("unit", "collective", "self") or
                                           _ZONE.fullmatch(piece[pos:i]) and _ZONE.match(piece, i + len(j))) \
                and i + len(j) < len(piece):
            out.append((piece[pos:i], start + pos))
            pos = i + len(j)
            i = pos
            continue
        i += 1
    out.append((piece[pos:], start + pos))
    return out


def _words_starting(text: str) -> dict[int, str]:
    """The jieba words of ``text`` by the offset where each starts."""
    out, pos = {}, 0
    for w in _tokens(text):
        out[pos] = w
        pos += len(w)
    return out


def _top_level_pieces(np: str) -> list[tuple[str, int]]:
    """``np`` cut at 、 outside brackets."""
    out, depth, pos = [], 0, 0
    for i, ch in enumerate(np):
        if ch in "（(〔":
            depth += 1
        elif ch in "）)〕":
            depth = max(0, depth - 1)
        elif ch == "、" and depth == 0:
            out.append((np[pos:i], pos))
            pos = i + 1
    out.append((np[pos:], pos))
    return out


# the head nouns of institutions and parties that are no unit of administration (医院, 专业机构, 企业事业单位, 行业组织)
_INSTITUTION = re.compile(r"(?:机构|单位|行业组织|社会组织|企业|医院|学校|高校|协会|商会|团体|媒体)$")  # (组织 alone: 有序组织)
# a bare department head after 及其 (X及其部门, X及其所属部门): the departments of the unit before it, a set (gold README
# roles 3: 部门 names no kind), named with that unit
_ITS_DEPARTMENTS = frozenset(["部门", "所属部门", "工作部门", "直属部门"])
_PLACE_WORD = r"(?:街道|镇|乡|区|县|市|村|社区|居委会|村委会)"
_BARE_PLACE = re.compile(_PLACE_WORD)
_EACH_PLACE = re.compile(r"各" + _PLACE_WORD + r"(?:、" + _PLACE_WORD + r")*")


@lru_cache(maxsize=16384)
def read_list(np: str, tolerant: bool = False) -> tuple[tuple[Item, ...], str] | None:
    """The items of a unit list (区应急局、区教育局和区民政局; 交通、公安等部门) and the head they share
    ("" when none), or None when ``np`` is not a list of units."""
    if not np or len(np) > 120 or re.search(r"[，,。；;：:\s]", np):
        return None
    if np.endswith(("）", ")")) and "以下" in np:
        np = _ASIDE_TAIL.sub("", np)  # …管委会（以下统称区县政府）: the aside names the list, it is no part of a name
    if re.fullmatch(r"各[\u4e00-\u9fff]{1,5}(?:、[\u4e00-\u9fff]{1,5}(?:[（(〔][^（）()〔〕]{1,8}[）)〕])?)+(?:人民)?政府", np) or \
            re.fullmatch(r"各(?:街道|镇|乡|区|县|市|村|社区|居委会|村委会)(?:、(?:街道|镇|乡|区|县|市|村|社区|居委会|村委会))+", np):
        # 各省、自治区、直辖市人民政府, 各市、县（市、区）政府, 各街道、镇: one set of places
        return (Item(np, 0, "collective"),), ""
    if re.match(r"^[^、]{1,12}、[^、]{1,12}各(?:部委办局|委办局|部门|单位)", np):
        # 区委、区政府各部委办局: the departments of every unit listed, one collective
        core = _strip_tail(np)
        if head_of(_PAREN_TAIL.sub("", core)) is not None:
            return (Item(core, 0, "collective"),), ""
    pieces: list[tuple[str, int]] = []
    for piece, at in _top_level_pieces(np):
        if not piece:
            return None
        if pieces and _BARE_PLACE.fullmatch(piece) and _EACH_PLACE.fullmatch(np[pieces[-1][1]:at - 1]):
            pieces[-1] = (np[pieces[-1][1]:at + len(piece)], pieces[-1][1])  # 区应急局、各街道、镇: one set
            continue
        pieces.extend(_split_joined(piece, at))
    shared, mark = "", ""
    last, last_at = pieces[-1]
    m = _SHARED.match(last) or (_SHARED_DESCRIBED.match(last) if "的" in last else None)
    if m and len(pieces) >= 1:
        shared, mark = m.group("head"), m.group("mark") or ""
        pieces[-1] = (m.group("stem"), last_at)
    zone_head = shared if shared in _ZONE_HEADS else next(
        (h for h in _ZONE_HEADS if _PAREN_TAIL.sub("", pieces[-1][0]).endswith(h)
         and any(_ZONE.fullmatch(t) for t, _ in pieces[:-1])), "")
    if zone_head and not shared:
        shared = zone_head  # the zones before the last item share its head
    items: list[Item] = []
    unknown = 0
    pending = ""  # level words written as their own item (市和区、县文物行政管理部门)
    pending_at = 0
    for text, at in pieces:
        if not pending and _COMPOUND_LEVEL.fullmatch(text) or _ATOM.fullmatch(text):
            pending, pending_at = (pending + "、" + text) if pending else text, at if not pending else pending_at
            continue
        if pending:
            text, at = np[pending_at:at + len(text)], pending_at
            pending = ""
        if text in ("单位", "部门", "机构", "政府", "党委", "党组") and items and items[-1].kind == "collective":
            prev = items.pop()
            items.append(Item(np[prev.start:at + len(text)], prev.start, "collective"))  # 本区相关部门、单位
            continue
        if text in _ITS_DEPARTMENTS and np[max(0, at - 2):at] == "及其" and items and items[-1].kind == "unit":
            items.append(Item(text, at, "its", items[-1].text))  # 区人民政府及其部门: the district government's departments
            continue
        kind = "collective" if "、" in text and _EACH_PLACE.fullmatch(text) else classify(text)
        if kind in ("unit", "self") and _names_a_person(text):
            return None  # 镇政府主要负责人牵头: a person, not the unit
        if kind is None and zone_head and _ZONE.fullmatch(text):
            kind = "stem"  # 城乡一体化示范区、…等管委会; 两江新区、…、万盛经开区管委会: each zone's 管委会
        elif kind is None and zone_head and _PAREN_TAIL.sub("", text).endswith(zone_head) \
                and _ZONE.fullmatch(_PAREN_TAIL.sub("", text)[:-len(zone_head)]):
            kind = "unit"
        if kind is None and (shared or _ends_generic(pieces[-1][0])) and 1 <= len(text) <= 10 and \
                re.fullmatch(r"[\u4e00-\u9fff]+", text) and plain_words(text, short_ok=len(text) <= 3) \
                and not _act_not_sector(text):
            kind = "stem"
        if kind is None and items and _REGULATED_PARTY.search(text):
            continue  # 行业主管部门、各街道、镇、管理单位: the units of the list, the party left out (README roles 4)
        if kind is None and tolerant and not shared and 2 <= len(text) <= 8 and _INSTITUTION.search(text) \
                and plain_words(text) and not text.startswith(("各", "有关", "相关", "其他", "其它")) and not _verb_first(text):
            unknown += 1  # 区应急局、区教育局、医院: an institution or party named by its kind, the units around it kept
            continue
        if kind is None:
            return None
        items.append(Item(text, at, kind))
    if unknown and (len(items) < 2 or unknown >= len(items)):
        return None  # too few units around them: no list of units
    if pending:
        return None
    if not shared and not all(i.kind != "stem" for i in items[-1:]):
        return None
    if shared in ("单位", "机构", "机关") and not mark and any(i.kind == "stem" for i in items):
        return None  # 机关、团体、企业、事业等单位: regulated parties
    return tuple(items), shared


@lru_cache(maxsize=1)
def _list_end_chars() -> frozenset[str]:
    """Every last character of a text ``read_list`` can read: what ends a unit, a self name or a collective
    (``_end_chars``), a sector stem read with its level (区财政: stems of 局, 委 and 部门 names), a place of
    a set of places (各街道、镇), a head merged into a collective (相关部门、单位) and a shared head."""
    ends = set(_end_chars()) | set("和及、") | {w[-1] for w in ("单位", "部门", "机构", "政府", "党委", "党组")}
    ends |= {w[-1] for w in ("街道", "镇", "乡", "区", "县", "市", "村", "社区", "居委会", "村委会")}
    for a in load_dictionary().by_alias:
        stem = a[:-2] if a.endswith("部门") else a[:-1] if a.endswith(("局", "委")) else ""
        if 2 <= len(stem) <= 4:
            ends.add(stem[-1])
    return frozenset(ends)


def may_be_a_list(np: str) -> bool:
    """False when ``read_list(np)`` is sure to find no list: its last character ends none (a cheap test)."""
    return bool(np) and np[-1] in _list_end_chars()


def _act_not_sector(stem: str) -> bool:
    """Whether a list item read as a sector stem is an act (拒绝、阻挠…部门): it opens with a verb and names
    no department the dictionary knows (统计, 审计 are verbs and sectors both)."""
    d = load_dictionary()
    if any(d.lookup(stem + suf) is not None for suf in ("局", "部门", "委", "办")):
        return False
    first = _tokens(stem)[0]
    return _pos_tokenizer().word_tag_tab.get(first, "") == "v"


def _ends_generic(last: str) -> bool:
    """Whether a list's last item ends in a head its bare stems can share (卫生健康、疾控部门)."""
    return bool(re.search(r"(?:部门|行政管理部门|主管部门)$", last)) and classify(last) == "unit"


_LEVEL_RANK = {None: 0, "provincial": 1, "city": 2, "county": 3, "township": 4}
_WRITTEN_LEVEL = re.compile(r"(?:地方)?(?P<level>省级|市级|县级以上|县级|区级|乡级|镇级|乡镇级)(?:地方)?")
_WRITTEN_RANK = {"省级": 1, "市级": 2, "县级以上": 3, "县级": 3, "区级": 3, "乡级": 4, "镇级": 4, "乡镇级": 4}


def _below_the_document(bare: str, region: Region | None) -> bool:
    """Whether a unit written with a level word names that level below the document's own region."""
    m = _WRITTEN_LEVEL.match(bare)
    if m is None or len(bare) <= m.end():
        return False
    return _WRITTEN_RANK[m.group("level")] > _LEVEL_RANK.get(region.level if region else None, 0)


_TOWNSHIP_UNIT = re.compile(r"(?:街道办事处|乡镇人民政府|镇人民政府|乡人民政府|乡镇政府|镇政府|乡政府|居民委员会|村民委员会|"
                            r"居委会|村委会)")


def name_item(item: Item, shared: str, region: Region | None, offset: int, registry=None) -> AgencyHit:
    """The AgencyHit of one list item: written form as mention, canonical name from the dictionary when it
    knows the unit, else the written form with its level prefix resolved to the region."""
    text = _strip_tail(item.text)
    span = Span(offset + item.start, offset + item.start + len(text))
    d = load_dictionary()
    own = region.code if region else None
    if item.kind == "its":
        return AgencyHit(text, _PAREN_TAIL.sub("", _strip_tail(item.owner)) + text, span, "", "collective", own, False,
                         "grammar:its_departments")
    if item.kind == "self":
        entry = d.lookup(text)
        if entry is not None:
            name, code, generic = resolve(entry, "", None, region)
            return AgencyHit(text, name, span, entry.key, entry.scope, code, generic, "grammar:self")
    bare = _PAREN_TAIL.sub("", text)
    if item.kind == "unit" and _below_the_document(bare, region):
        # 省级人民政府 in a national text, 区级财政 in a municipal one: every unit at that level, each its own
        # task (a kind, README roles 1), unless the head is generic (县级以上人民政府行业主管部门)
        return AgencyHit(text, text, span, "", "collective" if open_set(bare) else "unit", own,
                         not open_set(bare) and region is not None, "grammar:level_below")
    prefix, rest, pregion = split_prefix(bare, region)
    if item.kind == "stem":
        rest = rest + (shared or "部门")
    entry = d.lookup(rest) or d.lookup(bare)
    if entry is None and registry is not None and item.kind == "unit":
        full = registry.full_name(bare) or registry.full_name(rest)
        if full:  # 联席会议 -> 地下空间管理联席会议: the document's own full name of the unit
            fprefix, frest, fregion = split_prefix(full, region)
            if fprefix:
                prefix, rest, pregion = fprefix, frest, fregion
            else:
                rest = frest
            entry = d.lookup(rest)
    if entry is not None and entry.scope == "collective":  # the written form stays the mention (各街镇)
        if not open_set(text):  # 乡镇人民政府, 居委会: a kind, not a set
            return AgencyHit(text, text, span, "", "unit", own, False, "grammar:kind")
        return AgencyHit(text, entry.canonical, span, entry.key, "collective", own, False, "grammar:collective")
    if entry is not None:
        known = d.lookup(rest) is not None
        name, code, generic = resolve(entry, prefix if known else "", pregion if known else None, region,
                                      rest if known else bare)
        return AgencyHit(text, name, span, entry.key, entry.scope, code, generic, "grammar:dictionary")
    if item.kind == "collective":
        kind = not open_set(text) and not _described_department(bare) and not _chosen_by_a_unit(bare)  # 事发地所在街镇
        return AgencyHit(text, (pregion.name + rest) if pregion else text, span, "", "unit" if kind else "collective",
                         own, kind and pregion is None and region is not None, "grammar:kind" if kind else "grammar:collective")
    if _TOWNSHIP_UNIT.fullmatch(bare) and (region is None or region.level != "township"):
        # a bare 街道办事处 in a district's or city's text: every street office of it, each its own task
        return AgencyHit(text, text, span, "", "unit", own, region is not None, "grammar:township_units")
    # a bare 党群中心 in a town's plan is the town's own: ``placed`` names it so (units_of places every hit)
    name = pregion.name + rest if pregion is not None else prefix + rest
    code = pregion.code if pregion else own
    if open_set(bare):  # 主管部门, 上级机关, 区主管部门: a generic head names no kind (README roles 3)
        return AgencyHit(text, name, span, "", "collective", code, False, "grammar:generic_head")
    return AgencyHit(text, name, span, "", "unit", code, False, "grammar:" + item.kind)


_UNITS_OF_SEEN: dict[tuple, tuple] = {}  # by the identity of region and registry, as _UNITS_SEEN


def units_of(np: str, region: Region | None, offset: int = 0, registry=None,
             tolerant: bool = False) -> list[AgencyHit] | None:
    """Every unit of the noun phrase ``np`` as AgencyHits, or None when ``np`` is not a list of units;
    ``registry`` (the document's own full names) names the short forms the dictionary lacks."""
    # the same phrase recurs at many offsets (区应急局 in every task): read once, its spans moved
    key = (np, id(region), id(registry), tolerant)
    seen = _UNITS_OF_SEEN.get(key)
    if seen is None or seen[0] is not region or seen[1] is not registry:
        if len(_UNITS_OF_SEEN) > 20000:
            _UNITS_OF_SEEN.clear()
        seen = _UNITS_OF_SEEN[key] = (region, registry, _read_units_of(np, region, registry, tolerant))
    hits = seen[2]
    if hits is None:
        return None
    return [AgencyHit(h.text, h.name, Span(h.span.start + offset, h.span.end + offset), h.key, h.scope,
                      h.region_code, h.generic, h.rule) for h in hits]


# a level that owns every department of a list after it (本市民防、交通等部门; 市、县（市、区）人民政府公安、教育等部门;
# the levels of a law: 县级以上（地方）人民政府交通、水利等有关部门, 国务院铁路、交通等有关部门): the prefix stands outside
# the list, each member is written without it and named with it
_LIST_OWNER = re.compile("^(?:本市|本区|本县|全市|全区|全县|国务院|县级以上(?:地方)?(?:各级)?人民政府|地方各级人民政府|"
                         "(?:" + _LEVEL_ATOM + "(?:(?:和|或者|或|、|及)" + _LEVEL_ATOM
                         + ")*)(?:人民政府|政府))(?=[\u4e00-\u9fff])")


def _owned_list(np: str, region: Region | None, registry) -> tuple[AgencyHit, ...] | None:
    """The members of a sector list sharing one head after a level that owns them, each written as in the list
    and named with the level (gold README roles 3 amendment), or None when ``np`` is no such list."""
    m = _LIST_OWNER.match(np)
    if m is None or "、" not in np[m.end():]:
        return None
    read = read_list(np[m.end():])
    if read is None or not read[1].startswith(("部门", "机构")) or any(i.kind != "stem" for i in read[0]):
        return None
    items, shared = read
    out: list[AgencyHit] = []
    for i in items:
        owned = Item(m.group(0) + i.text + shared[:2], 0, "unit")
        at = m.end() + i.start
        for h in _per_level(hit := name_item(owned, "", region, 0, registry), owned, region) or [hit]:
            out.append(AgencyHit(i.text, h.name, Span(at, at + len(i.text)), h.key, h.scope, h.region_code,
                                 h.generic, h.rule + "+owned_list"))
    return tuple(placed(h, region) for h in out)


def _read_units_of(np: str, region: Region | None, registry, tolerant: bool = False) -> tuple[AgencyHit, ...] | None:
    """``units_of`` at offset 0."""
    offset = 0
    if "等" in np and (owned := _owned_list(np, region, registry)) is not None:
        return owned
    read = read_list(np, tolerant) if may_be_a_list(np) else None
    if read is None and registry is not None and registry.declares(np):
        read = (Item(np, 0, "unit"),), ""  # （以下简称“地空联办”）: the document says it names a unit
    if read is None:
        return None
    items, shared = read
    out: list[AgencyHit] = []
    for i in items:
        hit = name_item(i, shared, region, offset, registry)
        out.extend(_per_level(hit, i, region) or [hit])
    return tuple(placed(h, region) for h in out)


def _per_level(hit: AgencyHit, item: Item, region: Region | None) -> list[AgencyHit]:
    """市、县（市、区）人民政府应急管理部门 names one unit at each level it lists, same mention: the document's
    own level's unit, and for the levels below it the units of each rank there (a kind, README roles 1); 人民政府
    before a department is no part of the department's name. One level written as only a level can be
    (区县（市）X, 设区的市X) is read so too; a group written as one (市和区、县相关部门) stays one."""
    core = _strip_tail(item.text)
    m = _COMPOUND_LEVEL.match(core) or _ONE_LEVEL.match(core)
    if m is None or region is None or hit.scope == "collective":
        return []
    rest = core[m.end():]
    if classify(rest) == "collective":  # 市和区、县相关行政管理部门: whichever departments, one group
        return [AgencyHit(hit.text, hit.text, hit.span, "", "collective", region.code, False, hit.rule + "+levels")]
    dept = rest[4:] if rest.startswith("人民政府") and len(rest) > 4 else rest
    chain = region_chain(region)
    out: list[AgencyHit] = []
    below: dict[int, list[str]] = {}
    for atom in _ATOM.findall(m.group(0)):
        written = _PAREN.sub("", atom)
        base = _ATOM_LEVEL.get(written, written)
        r = _level_of(base, chain)
        if r is None:
            below.setdefault(_RANK[base], []).append(atom)  # 区、县X in a municipal rule: every district's X
        elif all(r.name + dept != h.name for h in out):
            out.append(AgencyHit(hit.text, r.name + dept, hit.span, hit.key, hit.scope, r.code, False,
                                 hit.rule + "+level:" + written))
    for rank in sorted(below):  # the levels below the document: each rank a kind of unit (区、县X is one)
        out.append(AgencyHit(hit.text, "、".join(below[rank]) + dept, hit.span, "", "unit", region.code, False,
                             hit.rule + "+levels_below"))
    return out


_NP_RUN = re.compile(r"[\u4e00-\u9fff、（）()〔〕]*")
# a head character followed by one that makes a word of it with no unit in it (…管理所需经费, …事故处置)
_HEAD_OPENS_WORD = frozenset(["所需", "所得", "所用", "所涉", "处理", "处置", "处罚", "室内"])


def longest_units_at(text: str, pos: int, region: Region | None, offset: int = 0,
                     follow: re.Pattern[str] | None = None, limit: int = 160,
                     registry=None) -> tuple[list[AgencyHit], int] | None:
    """The longest unit list that starts at ``pos`` and is followed by what ``follow`` accepts (a verb,
    a cue), with the position where it ends; None when no unit list starts there."""
    if text[pos:pos + 1] in "（(":
        pos += 1  # （街道办事处）: the bracket is not part of the name
    for e in _candidate_ends(text, pos, limit):
        if follow is not None and not follow.match(text, e):
            continue  # most positions are followed by no predicate
        hits = _units_ending_at(text, pos, e, region, offset, registry)
        if hits and text[e:e + 1] in _PAIR_JOINERS and _PARTIES_PAIR.match(text, e):
            # 有关单位和个人, 任何单位和个人: every party, as 个人 is; no unit of administration
            hits = [h for h in hits if not (h.scope == "collective" and h.text.endswith("单位"))]
            if not hits:
                return None
        if hits:
            return hits, e
    return None


_PAIR_JOINERS = frozenset("和及与或、")
_PARTIES_PAIR = re.compile(r"(?:和|或者|或)(?:其他|有关|相关)?个人")


# sized to hold a whole document's starts: a heading is asked about again by item after item, many
# clause texts apart (smaller caches read each text of the corpus about twice)
@lru_cache(maxsize=32768)
def _candidate_ends(text: str, pos: int, limit: int) -> tuple[int, ...]:
    """The ends, longest first, where a unit list starting at ``pos`` may end: only where a head, an alias,
    a bracket or a person word ends can ``_tail`` hold (the cheapest test). Callers ask about the same
    start with several ``follow`` patterns."""
    ends = _end_positions(text)  # every end in the text, found once: the starts of a text share them
    first = bisect_right(ends, pos + 1)
    if first == len(ends) or ends[first] > pos + limit:
        return ()  # most clause starts: no end within reach, the run need not be read
    end = _NP_RUN.match(text, pos, min(len(text), pos + limit)).end()
    if "、" not in text[pos:end]:
        end = min(end, pos + 40)  # one name, not a list: no unit name runs longer
    return tuple(reversed(ends[first:bisect_right(ends, end)]))


@lru_cache(maxsize=2048)
def _end_positions(text: str) -> list[int]:
    """Each position just after a character a unit name may end with (``_end_chars``) where ``_tail`` can
    hold for some start, in order: most ends of a text (an alias's last character ending no alias) fail it
    whatever the start, and are left out here once rather than asked about from every start."""
    # a bracketed qualifier cut out of a piece changes what it ends with: past the first closing bracket
    # every end stays, for the full test
    closes = [i for i in (text.find("）"), text.find(")"), text.find("〕")) if i >= 0]
    first_close = min(closes) if closes else len(text)
    backwards, n, ends_piece = text[::-1], len(text), _piece_end_trie().match
    return [m.start() + 1 for m in _end_char_pattern().finditer(text)
            if m.start() >= first_close or ends_piece(backwards, n - m.start() - 1)]


_PLACE_LAST = frozenset(w[-1] for w in re.findall(r"[\u4e00-\u9fff]+", _PLACE_WORD))


@lru_cache(maxsize=1)
def _piece_end_trie() -> re.Pattern[str]:
    """What a piece ``_tail`` accepts may end with, spelt backwards, as one trie: read on the reversed
    text it says in one step whether one ends at a position. A head, a place word (各街道、镇), a self
    name, a dictionary alias of ``_tail``'s lengths, or the last character of a person word (which
    ``_strip_tail`` cuts, so that the piece ends before it)."""
    by_alias = load_dictionary().by_alias
    pieces = set(_PERSON_LAST) | set(SINGLE_HEADS) | _PLACE_LAST | set(MULTI_HEADS) | set(SELF_NAMES) | set(_REGION_PLURALS)
    pieces |= {a for a in by_alias if 2 <= len(a) <= 10}
    return literal_trie({w[::-1] for w in pieces})


_UNITS_SEEN: dict[tuple, tuple] = {}  # by the identity of region and registry: hashing a Region is not cheap


def _units_ending_at(text: str, pos: int, e: int, region: Region | None, offset: int,
                     registry) -> list[AgencyHit] | None:
    """The units of text[pos:e] when it ends like a unit list on a word boundary, else None (remembered:
    a start is asked about with several follow patterns)."""
    key = (text, pos, e, id(region), offset, id(registry))
    seen = _UNITS_SEEN.get(key)
    if seen is not None and seen[0] is region and seen[1] is registry:
        return seen[2]
    if len(_UNITS_SEEN) > 20000:
        _UNITS_SEEN.clear()
    hits = _read_units_ending_at(text, pos, e, region, offset, registry)
    _UNITS_SEEN[key] = (region, registry, hits)
    return hits


def _read_units_ending_at(text: str, pos: int, e: int, region: Region | None, offset: int,
                          registry) -> list[AgencyHit] | None:
    if not _tail(text, pos, e) or text[pos] == "的":
        return None  # (no name opens with 的: 委托的物业管理单位 is the one entrusted)
    if text[e - 1] in "）)〕" and "简称" in text[max(pos, e - 20):e]:
        return None  # （以下简称“…”） declares a short form: no part of the name
    if text[e - 1:e + 1] in _HEAD_OPENS_WORD:
        return None  # 建设管理所|需经费: the head character opens a word with what follows
    if e < len(text) and text[e - 1] not in "）)〕" and not on_word_boundary(text, e):
        return None  # (the cheap tests first: segmenting the run is the dear one)
    # a list read where it stands (a subject, after 由): a member the grammar cannot name leaves the units around it
    return units_of(text[pos:e], region, offset + pos, registry, tolerant=True)


@lru_cache(maxsize=1)
def _end_chars() -> frozenset[str]:
    """Every last character of a piece ``_tail`` accepts, before its person word or brackets are cut:
    a head, a self name, a dictionary alias, a closing bracket, or the end of a person word."""
    ends = set(SINGLE_HEADS) | {h[-1] for h in MULTI_HEADS} | {n[-1] for n in SELF_NAMES} | set("）)〕")
    ends |= {w[-1] for w in _REGION_PLURALS}
    ends |= {a[-1] for a in load_dictionary().by_alias if len(a) >= 2}
    ends |= {w[-1] for w in re.findall(r"[\u4e00-\u9fff]+", _PERSON.pattern)}
    return frozenset(ends)


@lru_cache(maxsize=1)
def _end_char_pattern() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(re.escape(c) for c in _end_chars())) + "]")


def _tail(text: str, pos: int, e: int) -> bool:
    """Whether text[pos:e] ends like a unit name, a person of one or a list's shared head: a cheap test
    before the list is parsed."""
    piece = _strip_tail(text[pos:e])
    if "（" in piece or "(" in piece or "〔" in piece:
        piece = _PAREN.sub("", piece)
    if not piece:
        return False
    if piece[-1] in SINGLE_HEADS or piece.endswith(MULTI_HEADS) or piece in SELF_NAMES or _EACH_PLACE.fullmatch(piece):
        return True  # (各街道、镇: a set of places, read as one collective)
    if piece[0] == "各" and _EACH_LEVEL.fullmatch(piece) or piece[0] in "各有相" and _SET_OF_REGIONS.fullmatch(piece):
        return True  # 各有关省（市）, 相关省份
    if piece[-1] in _KIND_LAST and "的" in piece and _RESTRICTED_KIND.fullmatch(piece):
        return True  # 有森林消防任务的村
    if piece[-1] == "区" and _EACH_ZONE.search(piece):
        return True  # 各自贸试验区
    by_alias = load_dictionary().by_alias
    n = len(piece)
    return any(k <= n and piece[-k:] in by_alias for k in _alias_lengths_ending().get(piece[-1], ()))


@lru_cache(maxsize=1)
def _alias_lengths_ending() -> dict[str, tuple[int, ...]]:
    """For each last character, the lengths (2 to 10) of the dictionary aliases ending in it: ``_tail`` asks
    about those suffixes only."""
    out: dict[str, set[int]] = {}
    for a in load_dictionary().by_alias:
        if 2 <= len(a) <= 10:
            out.setdefault(a[-1], set()).add(len(a))
    return {ch: tuple(sorted(ks)) for ch, ks in out.items()}
