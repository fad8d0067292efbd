"""Head nouns and word boundaries: whether a name ends in a unit's head noun, and which words no name holds.

A government unit ends in a head noun of a closed class (局 委 办 处 所 中心 委员会 部门 …); a multi-character
head ends a unit wherever a word ends, a single character only where jieba cuts a word that names no place
or act, so 督办, 场所 and 格局 never end a unit. This module decides that (``head_of``), strips a person of
a unit off a name (镇政府主要负责人), and tells whether a phrase holds a word of the predicate (会同, 按照,
向 …: ``plain_words``). The party heads 单位/机构/机关 end a unit only with a mark (各有关单位, 公安机关,
许可机关 — gold README roles 3: a generic head of an open set; roles 4: a regulated party is no agency).
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.ingest.extract.agencies import load_dictionary
from policykg.ingest.extract.words import words

# the heads of a development zone's name (高新技术产业开发区, 两江新区): a zone acts through its administration
ZONE_HEADS = ("新区", "开发区", "高新区", "经开区", "工区", "园区", "保税区", "示范区", "合作区", "试验区")

# Head nouns, longest first. Multi-character heads end a unit wherever a word ends; single characters only
# when jieba cuts a word there that names no place or act (督办, 场所 and 局面 are words, not units).
MULTI_HEADS = ("国务院", "联席会议", "工作专班", "分行", "中心支行", "管理委员会", "委员会", "管委会", "办公室", "办事处", "指挥部", "领导小组", "领导组", "工作小组", "工作专班", "小组", "专班",
               "中心", "总队", "支队", "大队", "中队", "分局", "总局", "分公司", "公司", "集团", "居委会", "村委会",
               "部门", "单位", "机关", "机构", "政府", "派出所", "协会", "联合会", "工会", "妇联", "团委", "科协",
               "残联", "侨联", "工商联", "红十字会", "总会", "海关", "总社", "档案馆", "法院", "检察院", "部委办局", "委办局", "总署", "党委", "党组", "监会",
               "人民银行", "共青团", "青年团")
SINGLE_HEADS = "局委办厅处科室所站队部署组"
NOT_UNITS = frozenset(["督办", "举办", "主办", "承办", "协办", "开办", "创办", "兴办", "查办", "代办", "包办", "筹办", "操办", "试办", "领办", "交办", "转办", "帮办", "催办", "承接办", "场所", "住所", "处所", "厕所", "诊所", "所有", "格局", "布局", "结局", "大局", "全局", "当局", "局面", "局部", "到处", "益处", "好处", "用处", "各处", "此处", "出处", "相处", "判处", "论处", "学科", "专科", "本科", "教室", "卧室", "居室", "暗室", "控制室", "值班室", "会议室", "车站", "网站", "站点", "队伍", "团队", "排队", "梯队", "内部", "全部", "外部", "局部", "干部", "部分", "底部", "顶部", "东部", "西部", "南部", "北部", "中部", "总部", "俱乐部", "机构", "委托", "安委", "等部", "消防站", "微型消防站", "加油站", "充电站", "公署",
                       # 组 as a group of things or people, not a body set up for a task (调查组, 专家组)
                       "班组", "分组", "编组", "机组", "词组", "重组", "改组", "一组", "每组", "该组", "本组",
                       "题组", "模组", "全局"])
# the words of NOT_UNITS that jieba also writes as the end of a longer word (重点场所, 战略部署, 产业布局, 空间布局); not
# 全局, which ends the bureau 安全局 (国家安全局): 全局 is no unit only as a word of its own (工作全局)
_NOT_UNIT_TAILS = ("场所", "住所", "处所", "厕所", "部署", "布局", "格局", "大局", "结局")
# heads that name a regulated party as often as a government unit: a unit only with a mark before them
# (各有关单位, 成员单位, 上级机关) or a name of the dictionary (公安机关, 消防救援机构)
_PARTY_HEADS = ("单位", "机构", "机关")
# an organ of a law named by the act it performs (许可机关, 发证机关, 应急预案制定机关, 重新认定机关): whichever organ
# performs it, an open set (gold README roles 3)
_ACT = r"(?:重新)?(?:许可|审批|批准|发证|登记|制定|认定|决定|复议|处罚|备案|受理|审查|颁发|作出决定的)"
_PARTY_MARK = re.compile(r"^各(?!类)[\u4e00-\u9fff]{1,8}(?:单位|机关)$|"  # 各预算单位, 各级国家机关: a set of them
                         r"(?:各|有关|相关|其他|成员|责任|牵头|配合|管理|权属|产权|主管|上级|行政|司法|执法|公安|联动)"
                         r"(?:单位|机构|机关)$|(?:监察|检察|审判|审计|税务)机关$|(?:监察|监督管理)机构$|"  # organs of state
                         + _ACT + "机关$")


# a body of a named unit: 公安机关消防机构, 区政府工作机构 (the unit, then what the body does, then the head)
_OF_A_UNIT = re.compile(r"(?:公安机关|人民政府|政府|管委会|党委)[\u4e00-\u9fff]{1,6}(?:单位|机构|机关)$")
# 有关机构, 其他机关: a set marker makes a bare 机构 a group of units (a 服务机构 is a party); a body named by the state's
# supervision it performs (矿山安全监察机构, 证券监督管理机构) is an organ of state, as 监察机关 is
_SET_OF_BODIES = re.compile(r"(?:各|有关|相关|其他|其它)(?:机构|机关)$|(?:监察|监督管理)机构$")


# a 中心 named by the innovation, technology, trials or data it hosts is a platform a plan builds or designates, or a
# facility (制造业创新中心, 企业技术中心, 临床试验中心, 数据中心), not a unit of administration (gold README site types 9:
# organisations and designations; 市大数据中心 and 区科技创新中心, bodies of a government, keep their head)
_PLATFORM = re.compile(r"(?:(?<!科技)创新|技术|试验|研发|(?<!大)数据)中心$")


_MULTI_HEAD_END = re.compile("(?:" + "|".join(MULTI_HEADS) + ")$")
_PERSON = re.compile(r"(?:的)?(?:主要|分管|有关|相关)?(?:负责人|负责同志|领导同志|领导干部|领导|一把手|书记|主任|局长|"
                     r"镇长|乡长|区长|县长|市长|队长|站长|所长|处长|科长)$")
# brackets as written: full-width, half-width and the hexagonal 〔〕 of some provincial texts (县〔市、区〕)
_PAREN_TAIL = re.compile(r"(?:[（(〔][^（）()〔〕]{1,12}[）)〕])+$")
_PAREN = re.compile(r"[（(〔][^（）()〔〕]{1,12}[）)〕]")
# every character a _PERSON match may end with (its "$" also holds before a last newline)
_PERSON_LAST = frozenset(w[-1] for w in re.findall(r"[\u4e00-\u9fff]+", _PERSON.pattern) if _PERSON.fullmatch(w)) | {"\n"}


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
                          "获得", "上报", "逐级", "至", "不得", "干扰", "责令", "纳入", "组成",
                          # verbs that open a plan's measure, never a name (打造…创新中心, 布局建设…, 围绕中心)
                          "打造", "深化", "加快", "构建", "布局", "围绕", "聚焦", "培育", "争创", "规定", "搭建", "瞄准",
                          "打通", "引进",
                          # verbs that pass a report or a case on (通报有关部门、证券监督管理机构: the receivers, no subject)
                          "通报", "抄送", "告知", "移送", "转送"])


# a body set up for a task is named by it, verb included (联合采购办公室, 江西联合股权交易中心, 省推进工业互联网创新发展
# 专项工作组): before one of these heads, with no list, no 的 and no unit before the verb, the verb is part of the
# name (推进 never opens one: 推进…中心建设 is a measure)
_TASK_VERBS = frozenset(["联合", "推进"])
_BODY_NAMED_BY_ITS_TASK = re.compile(r"^(?:[^、，,和及与的]{0,6}联合|[^、，,和及与的]{1,6}推进)[^、，,和及与的]{1,20}?(?:办公室|中心|工作组|工作专班|专班|"
                                     r"领导小组|工作小组|指挥部|联席会议)$")


# measure verbs that a name holds inside (constructed: 区委深化改革办, 市人才引进工作领导小组办公室): no name
# opens with them, but they do not end a name they stand in
_OPENS_ONLY = frozenset(["深化", "引进"])


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


_COUNT_OF_GROUPS = re.compile(r"(?:[第每各一二三四五六七八九十百0-9０-９几多两]|[每各一几两]个)小?组$")


def head_of(core: str) -> str | None:
    """The head noun ``core`` ends with when it names a unit (区粮食物资储备局 -> 局), else None.
    A unit name of the dictionary at the end counts as a head too (各乡镇（街道）消委会)."""
    if core[-1:] == "组" and _COUNT_OF_GROUPS.search(core):
        return None  # 三组, 第一组, 每组, 每个小组: a count of groups, not a body
    d = load_dictionary()
    for k in range(min(len(core), 8), 1, -1):
        e = d.lookup(core[-k:])
        if e is not None and e.scope != "collective" and (k == len(core) or _token_ending_at(core, len(core))):
            if not _MULTI_HEAD_END.search(core) and not (core[-1] in SINGLE_HEADS):
                return core[-k:]
            break
    for h in MULTI_HEADS:
        if core.endswith(h) and len(core) >= len(h):
            if h == "中心" and _PLATFORM.search(core):
                return None  # 制造业创新中心, 国家企业技术中心, 数据中心: a platform or a facility, not a unit
            if h in _PARTY_HEADS and not _PARTY_MARK.search(core) and load_dictionary().lookup(core) is None \
                    and not _OF_A_UNIT.search(core):
                return None  # 机关、团体、企业、事业等单位: parties, unless a unit owns the body (公安机关消防机构)
            word = _token_ending_at(core, len(core))
            if word is not None and word in NOT_UNITS and not (h in _PARTY_HEADS and (_OF_A_UNIT.search(core) or
                                                                          _SET_OF_BODIES.search(core))):
                return None
            return h
    if core and core[-1] in SINGLE_HEADS and len(core) >= 2:
        word = _token_ending_at(core, len(core))
        if word is None or word in NOT_UNITS or word.endswith(_NOT_UNIT_TAILS):
            return None  # (研究部署, 战略部署: jieba's nouns for a deployment, no unit ending in 署; 产业布局, 空间布局: a
            # layout, no unit ending in 局)
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
    a group of units (constructed: 街镇（园区）主要负责人) stand for the group."""
    m = _PERSON.search(item)
    return bool(m and m.start() >= 2)


@lru_cache(maxsize=1)
def _pos_tokenizer():
    import jieba.posseg as pseg
    from policykg.ingest.extract.agencies import _tokenizer

    tk = pseg.POSTokenizer(_tokenizer())
    tk.makesure_userdict_loaded()  # the user words' tags (nt), before the tag table is first read
    return tk


def plain_words(text: str, short_ok: bool = False) -> bool:
    """Whether ``text`` (brackets aside) holds no word a unit name cannot hold (会同, 按照, 向 …; a head that
    opens like one, 联合会, is a head);
    ``short_ok`` lets one-character words pass, as in a sector stem jieba cuts apart (经|发 of 经发)."""
    words = _tokens(_PAREN.sub("", text))
    # a verb right before a generic head modifies it (综合协调部门, 审批部门): a kind of unit, no predicate
    modifier = len(words) - 2 if len(words) >= 3 and words[-1] in _GENERIC_HEADS else -1
    if _BODY_NAMED_BY_ITS_TASK.search(text) and not _unit_then_verb(words):
        words = tuple(w for w in words if w not in _TASK_VERBS)  # 联合采购办公室, 省推进…专项工作组: the task names the body
    if any((w in _NOT_IN_NAME and (len(w) > 1 or not short_ok) or len(w) > 2 and w[:2] in _NOT_IN_NAME
            and w not in MULTI_HEADS) and k != modifier and not (k and (w in _OPENS_ONLY or w[:2] in _OPENS_ONLY))
           for k, w in enumerate(words)):
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
