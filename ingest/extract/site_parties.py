"""Not targeted, parties: a site label that names a party asked to act or to receive, not a place worked on.

Decides when a kind of site written in the text is a party: a member of a list that names organisations
(机关、团体、企业事业单位、学校; …等部门), a party a pivot verb enlists (支持职业院校…承担培训, 鼓励龙头企业…采取;
not when it builds on its own premises, nor a zone), a recipient of money or help (扶持小微企业发展, 直接补贴培训
机构), a college that acts or stands beside research institutes (高校参与…, 高校科研院所), a place that names
its governing body (高新区管委会, 风景名胜区管理处) and a kind of site that names the unit administering it
(地下空间安全使用管理的综合协调部门), the counterparts of a joint act (与工业企业开展合作) and the means after 通过 closed by 等
(通过老年大学、养老服务机构等，…).

Gold site-type conventions (tests/gold/obligations/README.md): 9 (organisations are no sites; zones are) and
10 (beneficiaries and enlisted providers are not site types); role convention 4 reads the same parties.
"""

from __future__ import annotations

import re

from policykg.ingest.extract.site_heads import _HEAD
from policykg.ingest.extract.site_modifiers import _pos
from policykg.ingest.extract.words import tagged_words

# A list that names organisations (各级机关、国有企事业单位、金融机构、大专院校…; 机关、团体、企业事业单位、学校;
# 经发办、应急办、医院、教管中心等部门) lists parties the text asks to act: its 学校 and 医院 are parties too
_PARTY_ITEM_END = re.compile(r"(?:机关|事业单位|团体|合作社|媒体|部门|委员会|[办局委厅])$")
_PARTY_ITEM_START = re.compile(r"^(?:各级|国有)?(?:机关|企事业单位|事业单位|团体|合作社|媒体)")
_PARTY_CLOSER = re.compile(r"等(?:有关|相关)?(?:行政)?(?:管理|主管|监管)?(?:部门|机关)")
_CLAUSE_ENDS = "，。；：！？\n"
_CLAUSE_END = re.compile(f"[{_CLAUSE_ENDS}]")
_PARTY_ANY = re.compile(r"机关|事业单位|团体|合作社|媒体|部门|委员会|[办局委厅]|院所|研究机构|研发机构|科研机构")
# research institutes (高校、科研院所; 联合高校、院所): the colleges beside them are partners asked to act, not places
_RESEARCH = re.compile(r"(?:科研|研究)?院所|研究机构|研发机构|科研机构")
_SHORT_ITEM = 12  # characters: a list's members are short; a longer piece holds the words around the list
_JOINS = ("、", "和", "及", "与")


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts: after the last clause end (``_CLAUSE_ENDS``) before it, or at 0."""
    return max(text.rfind(c, 0, pos) for c in _CLAUSE_ENDS) + 1


def _clause_end(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` ends: at the first clause end from ``pos``, or at the text's end."""
    m = _CLAUSE_END.search(text, pos)
    return m.start() if m else len(text)


def _listed_with_parties(text: str, start: int, end: int) -> bool:
    """Whether a label is a member of a 、 list that names organisations (two of them, or 等部门 after it)."""
    if text[start - 1:start] not in _JOINS and text[end:end + 1] != "、":
        return False
    lo, hi = _clause_start(text, start), _clause_end(text, end)
    if not _PARTY_ANY.search(text, lo, hi):
        return False
    items = text[lo:hi].split("、")
    at = len(text[lo:start].split("、")) - 1  # the item holding the label
    # the list is the run of short items around it, with the ends of the long pieces on either side (…负责利用区属
    # 会展场馆、学校: the units before 负责 are another list)
    item_lo = lo + sum(len(x) + 1 for x in items[:at])
    open_left = start - item_lo <= _SHORT_ITEM
    open_right = item_lo + len(items[at]) - end <= _SHORT_ITEM
    i = j = at
    while open_left and i > 0 and len(items[i - 1]) <= _SHORT_ITEM:
        i -= 1
    while open_right and j < len(items) - 1 and len(items[j + 1]) <= _SHORT_ITEM:
        j += 1
    left = [items[i - 1]] if open_left and i > 0 else []
    right = [items[j + 1]] if open_right and j < len(items) - 1 else []
    parties = sum(1 for x in left if _PARTY_ITEM_END.search(x)) \
        + sum(1 for x in items[i:j + 1] if _PARTY_ITEM_END.search(x) or _PARTY_ITEM_START.match(x)) \
        + sum(1 for x in right if _PARTY_ITEM_START.match(x))
    closer = (right or items[j:j + 1])[0][:_SHORT_ITEM]
    research = any(_RESEARCH.search(x) for x in items[i:j + 1]) or any(_RESEARCH.match(x) for x in right)
    return parties >= 2 or research or bool(_PARTY_CLOSER.search(closer))


# the domain of an administrative unit (地下空间|安全使用管理的综合协调部门): the unit is named by the kind of site it
# administers, the work is the unit's; a preposition, a copula or a list closer between them leaves the label
# outside (文物保护单位|由市文物行政管理部门, 旅游度假区|等功能区管理机构). A site operator (学校的管理单位) is no
# administrative unit: its work is on the site.
_DOMAIN_OF_A_UNIT = re.compile(r"(?:(?![由是向对在为和及与等])[\u4e00-\u9fff]){0,8}?(?:行政)?(?:管理|监管|主管)(?:的)?"
                               r"(?:综合协调|行政)?(?:部门|机构|机关)")


# the parties a measure encourages, supports or enlists to act (支持各类职业院校、普通高校…承担失业人员培训; 鼓励龙头企业、
# 农产品批发市场、大型超市采取…; 委托相关安全培训机构…提交): the noun list right after the pivot verb names who acts,
# a target group, not a place the work is done on (site-type convention 10). A zone stays a place (支持高新区实施…,
# convention 9).
_PIVOT = re.compile(r"(?:鼓励|支持|引导|扶持|动员|委托)")
_PIVOT_GAP_BREAK = re.compile(r"[，。；：！？\n在对向为把将从由于给]")
_SET_WORDS = re.compile(r"相关|有关|各类|各")
_ZONE_ONLY_ENDS = ("区", "园", "区域")
_ZONE_ENDS = _ZONE_ONLY_ENDS + ("基地",)


# what a party does on its own premises (鼓励大型连锁商店和超市|设立…专销区): work on the place after all
_BUILDS_ON_ITSELF = re.compile(r"(?:[、和及与或][^，。；：、]{1,10}?)*?等?(?:设立|设置|建设|建立|改造|升级|配备|配置|安装|开设|新建|"
                               r"改建|扩建|完善)")


# what a measure relies on (依托江淮大数据中心，建立…; 借助国家超算中心、…数据中心等…计算资源; 依托重大科技基础设施联合组建…):
# a resource the work uses, not a site the work is done on (site-type conventions 10 and 11)
_RESOURCE_CUE = re.compile(r"依托|借助|依靠")


# what a base relied on hosts (依托X基地打造…产业集群, 依托X基地建设…): work placed on it, as a zone hosts it; a base relied on
# for any other work of its sentence (依托高技能人才培训基地等机构，开展大规模职业培训; 依托技术转移人才培养基地，培育…技术经纪人)
# is a provider the measure enlists, as a 培训机构 is (site-type convention 10)
_HOSTED = re.compile(r"打造|建设|建立|设立|布局|集聚|招引|引进|落地|承载|入驻")
_SENTENCE_STOP = re.compile(r"[。；;\n]")


def _relied_on(text: str, start: int, end: int) -> bool:
    """Whether a label at [start, end) stands in the noun phrase right after 依托/借助/依靠."""
    cues = list(_RESOURCE_CUE.finditer(text, max(0, start - 40), start))
    if not cues or text[start:end].endswith(_ZONE_ONLY_ENDS + ("基础设施",)):  # (依托特色园区打造…: the zone hosts the work)
        return False
    if text.endswith("基地", start, end):
        stop = _SENTENCE_STOP.search(text, end)
        if _HOSTED.search(text, end, stop.start() if stop else len(text)):
            return False
    gap = text[cues[-1].end():start]
    if _PIVOT_GAP_BREAK.search(gap):
        return False
    return not (gap and any(f == "v" for _, f in tagged_words(_SET_WORDS.sub("", gap), _pos())))


def _builds_on_itself(text: str, end: int) -> bool:
    """Whether the party ending at ``end`` builds or equips something on its own premises (超市|设立…专销区), not a site
    of its own kind (高校|新建一批…基地, 高校及社会机构|建设一批…示范基地: the base is the site worked on, the college
    the enlisted builder)."""
    m = _BUILDS_ON_ITSELF.match(text, end)
    if m is None:
        return False
    return _HEAD.search(text, m.end(), _clause_end(text, m.end())) is None


# the gap between the pivot and a label that is itself a list of parties, each member closed by the head of a party's name
# (IT设备制造商、, 供销合作社、, 国家超算中心、): the verbs jieba reads inside those names (制造, 超算, 供销) name trades, no act
# on the label, which is one more member of the list
_LIST_OF_PARTIES = re.compile(r"(?:[^、，。；：！？\n和及与]{1,12}?(?:商|社|中心|企业|机构|单位|院所|院校|高校|学校|医院|市场|协会|"
                              r"联盟|集团|公司|银行|平台)[、和及与])+")


def _enlisted(text: str, start: int, end: int) -> bool:
    """Whether a label at [start, end) stands in the noun list a pivot verb (鼓励, 支持 …) opens, and the party it
    names is asked to act on something else."""
    if text[start:end].endswith(_ZONE_ENDS) or _builds_on_itself(text, end):
        return False
    lo = max(0, start - 60)
    cues = [m for m in _PIVOT.finditer(text, lo, start)]
    if not cues:
        return False
    gap = text[cues[-1].end():start]
    if _PIVOT_GAP_BREAK.search(gap):
        return False
    gap = re.sub(r"[（(][^（）()]*(?:[）)]|$)", "", gap)  # (含技工院校): an aside, or the label inside one
    gap = _SET_WORDS.sub("", gap)  # 委托相关|安全培训机构: jieba tags 相关 a verb; it marks a set, no act
    if _LIST_OF_PARTIES.fullmatch(gap):
        gap = ""  # 鼓励IT设备制造商、|数据中心, 鼓励国家超算中心、|智能计算中心: the words before are other parties' names
    if gap and any(f.startswith("v") for _, f in tagged_words(gap, _pos())):
        return False  # 支持贫困地区完善|网络基础设施, 鼓励企业和社区升级|智能消防设施: the pivot's party acts on it
    # a verb inside a label that ran past its modifier (地区开设|免税店) acts on the place as well; the activity of an
    # enterprise or an institution (装备制造|企业, 安全培训|机构) is its trade, no act on it
    return text.endswith(("企业", "机构"), start, end) \
        or not any(f.startswith("v") for _, f in tagged_words(text[start:end], _pos())[:-1])


# the governing body of a zone or a site (重庆高新区管委会; 两江新区、万盛经开区管委会 and 示范区、…和综合保税区等管委会,
# a head shared by a list; 风景名胜区管理处): the place names the body, and the work is the body's
_BODY_OF_A_PLACE = re.compile(r"(?:[、和及与][^，。；：、（）()]{1,12}?)*等?(?:管委会|管理委员会|党工委|工委|管理处)")


# colleges that act (支持高校建设大学科技园, 走进高校科研院所, 联合科研机构、高校…共同发起): a college followed by its own
# verb, or paired with research institutes, is a party of teaching and research that does the work on something
# else (site-type conventions 9 and 10); a college whose premises are worked on (高校消防安全管理) stays a site
_COLLEGES = ("高校", "高等学校", "高等院校", "大专院校", "培训机构")  # (training providers act as colleges do)
_PARTNERS_AFTER = re.compile(r"(?:[、和及与]?(?:科研|研究)?院所|[、和及与](?:科研|研究|研发)机构)")
_PARTNERS_BEFORE = re.compile(r"(?:科研|研究|研发)(?:院所|机构)[、和及与]\Z")


# a college that acts through a prepositional phrase before its verb (部属高校|直接向…提交申请, 高校|在…领域…取得突破, 支持
# 高校|在智能教育…等领域…): it addresses someone or works in a field, the subject of the verb after the phrase
_ACTS_THROUGH = re.compile(r"(?:直接|主动|积极|及时|要|应|应当|可)?(?:向|与|同|在[^，。；：！？\n]{1,40}?(?:领域|方面))")


def _worked_on_in_a_field(text: str, start: int, through: re.Match[str]) -> bool:
    """Whether 在…领域/方面的 after a college qualifies a noun that a verb before the college governs (加强|高校在消防安全方面的
    管理: the work is done on the college), not the college's own act or state (高校在…领域的…能力显著提升: it opens its
    clause)."""
    if not text.startswith("的", through.end()):
        return False
    return any(f.startswith("v") for _, f in tagged_words(text[_clause_start(text, start):start], _pos()))


def _college_acting(text: str, start: int, end: int) -> bool:
    """Whether a college label at [start, end) names a party that acts: its own verb after it, directly or after a
    prepositional phrase, or research institutes beside it."""
    if not text[start:end].endswith(_COLLEGES):
        return False
    through = _ACTS_THROUGH.match(text, end)
    if _PARTNERS_AFTER.match(text, end) or _PARTNERS_BEFORE.search(text, max(0, start - 8), start) \
            or through is not None and not _worked_on_in_a_field(text, start, through):
        return True
    words = tagged_words(text[end:_clause_end(text, end)][:12], _pos())
    return bool(words) and (words[0][1] == "v" or words[0][1] == "d" and len(words) > 1 and words[1][1] == "v")


# money and help a measure gives (扶持小微企业发展, 对新增规模以上工业企业…给予奖励, 直接补贴培训机构): the enterprises,
# colleges and institutions of such a sentence receive it, no site the work is done on (site-type convention 10)
_SUPPORT = re.compile(r"扶持|帮扶|奖励|奖补|补贴|补助|贴息|贷款|资助|融资|税收优惠")
_SENTENCE_ENDS = "。；;\n"
_RECIPIENTS = ("企业", "高校", "院校", "机构")


# a service or a resource a measure gives enterprises (为工业企业提供…服务, 面向小微企业的…, 带动小微企业创新发展, 向小微企业…
# 开放接口资源): the enterprises receive it, as they receive money (site-type convention 10)
_SERVED_BEFORE = re.compile(r"(?:为|面向|向|带动|帮助|服务)[^，。；：、\n]{0,4}\Z")


def _beneficiary(text: str, start: int, end: int) -> bool:
    """Whether an enterprise, college or institution stands in a sentence that gives money or help, or is what a
    service is given to."""
    if not text.endswith(_RECIPIENTS, start, end):
        return False
    if text.endswith("企业", start, end) and _SERVED_BEFORE.search(text, max(0, start - 6), start):
        return True
    lo = max(text.rfind(c, 0, start) for c in _SENTENCE_ENDS) + 1
    his = [i for i in (text.find(c, end) for c in _SENTENCE_ENDS) if i >= 0]
    return _SUPPORT.search(text, lo, min(his, default=len(text))) is not None


# the counterparts of a joint act (与工业企业开展合作, 加强与…等工业互联网先行区的交流互动, 智能制造企业与职业院校深度合作,
# 与…示范区、…度假区等发展相衔接): the kinds on either side of 与 are parties that cooperate, exchange or align, and the
# work is the cooperation, done on neither of them (site-type convention 10: parties enlisted to act are no sites; role
# convention 10 reads the same counterparts out of the agencies). A joint thing built between two places (开发区与港口|
# 连接通道建设) names no joint act, and keeps them; nor does sharing (停车场与周边居民共享): what is shared is a facility the
# work opens, so 共享 is no joint act here.
_JOINT_ACT = re.compile(r"合作|交流|互动|对接|衔接|协作|结对|接轨|沟通")
_WITH = re.compile(r"(?<![参给])与(?![此其])")
_PARTNER_LIST = re.compile(r"(?:[、和及][^，。；：！？\n、和及与]{1,14})*?等?与")


def _noun_phrase(gap: str) -> bool:
    """Whether ``gap`` (the words between 与 and a label) holds no verb: the label stands in 与's noun phrase."""
    gap = _SET_WORDS.sub("", gap)
    return not gap or not any(f == "v" for _, f in tagged_words(gap, _pos()))


def _counterpart(text: str, start: int, end: int) -> bool:
    """Whether a label at [start, end) names a party of a joint act written with 与 (see above): in the noun phrase
    after 与, or before 与 as the act's subject, with the joint act later in its clause."""
    lo, hi = _clause_start(text, start), _clause_end(text, end)
    with_before = list(_WITH.finditer(text, lo, start))
    if with_before and start - with_before[-1].end() <= 60 and _noun_phrase(text[with_before[-1].end():start]):
        return _JOINT_ACT.search(text, end, hi) is not None
    after = _PARTNER_LIST.match(text, end, hi)
    return after is not None and _JOINT_ACT.search(text, after.end(), hi) is not None


# the means an act goes through (通过老年大学、养老服务机构、社区教育机构等，采取…; 通过中国高校科技成果交易会等方式; 通过试点
# 示范、重大工程等，加快…): a list after 通过 closed by 等 names the channels or instruments of the work, which is done on
# something else, as 依托/借助 name a resource (site-type conventions 10 and 11); 通过智能车间/工厂建设 names work on them
_MEANS_CUE = "通过"
_MEANS_CLOSE = re.compile(r"[^，。；：！？\n等]{0,14}?等(?:[^，。；：！？\n]{0,6}?(?:方式|渠道|途径|形式|手段|平台|载体|活动))?"
                          r"(?=[，。；：！？\n]|进行|开展|采取|加强|加快|推动|实现|提供)")


def _means(text: str, start: int, end: int) -> bool:
    """Whether a label at [start, end) stands in a noun list after 通过 that 等 closes (see above)."""
    cue = text.rfind(_MEANS_CUE, _clause_start(text, start), start)  # the last 通过 of the clause before the label
    # (the list's members may be verbs, 试点示范; a verb right after 通过 or in the label's own member governs it: 通过加强|学校…;
    # a preposition right after 通过 makes the list the act's object or place: 通过对|加油站、加气站等进行检查)
    gap = text[cue + len(_MEANS_CUE):start] if cue >= 0 else ""
    first = tagged_words(gap[:4], _pos()) if gap else []
    if cue < 0 or start - (cue + len(_MEANS_CUE)) > 40 or first and first[0][1] in ("v", "p") \
            or not _noun_phrase(gap.split("、")[-1]):
        return False
    close = _MEANS_CLOSE.match(text, end)
    return close is not None and all(_noun_phrase(member) for member in text[end:close.end()].split("、"))
