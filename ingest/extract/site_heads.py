"""Site labels, right edge: the head nouns a kind of site ends in, and how far a vocabulary label widens.

Decides which nouns close a label: an open label ends in a head noun of a place or facility (场所 仓库 厂房
门店 … ``SITE_HEADS``); a vocabulary label widens right to the head noun the text writes after it
(电动自行车|集中充电（停放）场所, 易燃易爆|单位), unless a governing word, a parenthesis left open, another
vocabulary label or what a place holds (老旧小区|消防设施) stands between. Also: heads that are a kind on their
own (矿井, 变电站, 水库) or only with a modifier (场所, 设施, 建筑), two heads that make one kind (景区景点), the
kinds of project or works (小型工程, 旧区改造项目; bare 建设工程 is every project), vocabulary trades and materials
that need a head (餐饮, 建筑施工, 彩钢板), the people a place's name qualifies (高校|毕业生), and the open labels
that name an agency, a party or equipment (消防救援机构, 自动消防设施, 供电设施).

Gold site-type conventions (tests/gold/obligations/README.md): 6 (facilities count; parties and equipment do
not), 7 (projects and works of a kind), 8 (sector words need a head), 9 (zones and built facilities count;
research bodies such as 实验室 and economic markets do not).
"""

from __future__ import annotations

import re

from policykg.ingest.extract.site_modifiers import _GENERIC_MODIFIERS, _GOVERNING
from policykg.ingest.extract.site_vocabulary import _matcher

# zones built as cities of science and technology (site-type convention 9: zones a measure builds or develops); a named one is
# recorded by its kind (齐鲁科学城 -> 科学城, convention 12)
SCIENCE_CITIES = ("科学城", "科技城", "科创城")
# large research installations, one or a cluster: the planning class of 重大科技基础设施 (site-type convention 19), whose
# level or place words are dropped (国家大科学装置 -> 大科学装置, convention 12)
LARGE_INSTALLATIONS = ("大科学装置群", "大科学装置")
# heads that name the kind whole: the words before them name, rank or place one site (convention 12)
WHOLE_KIND_HEADS = SCIENCE_CITIES + LARGE_INSTALLATIONS

# Head nouns of a place or facility: an open label ends in one of them (longest first), with a modifier
# of nouns before it (展览场馆, 城市污水处理设施). 企业, 机构 and 院校 are no heads of open labels: with an open
# modifier they name parties the text addresses (电商企业, 金融机构, 高等院校 are asked to act, not places to act
# on); the kinds of site among them are the vocabulary's (化工企业, 养老机构). An open 市场 is a market of the
# economy (中国市场, 资本市场, 细分市场) more often than a place: the marketplaces are the vocabulary's
# (农贸市场, 批发市场, 商贸市场 …). A 实验室 is a research body set up or designated (重点实验室, 联合实验室,
# 工程实验室: site-type convention 9), no head of a place.
SITE_HEADS = ("场所", "商场", "仓库", "厂房", "门店", "商铺", "小区",
              "场馆", "工地", "楼宇", "宿舍", "车间", "作坊", "住宅", "建筑物", "建筑", "站点", "园区", "工厂", "基地",
              "景区", "景点", "网点", "码头", "公园", "绿地", "停车场", "车库", "设施", "楼院",
              "服务区", "示范区", "试验区", "保护区", "功能区", "优势区", "开发区", "高新区", "先导区", "先行区", "农田",
              "基站", "数据中心", "牧场", "港口", "泊位", "堆场", "管廊", "水库", "枢纽",
              # yards of transport stations (客运场站, 公交场站): the ground a service runs from
              "场站",
              # zones, stores and grounds named by what is done there (风景名胜区, 产业集聚区, 应急物资储备库, 专用储存室,
              # 专用场地, 规模养殖场), grown from the corpus's noun phrases that end in them
              "名胜区", "度假区", "集聚区", "加工区", "合作区", "集中区", "商业区", "生活区", "储存区", "储备库", "储存室",
              "场地", "养殖场", "科技园", "创业园",
              # cities of science built as zones (齐鲁科学城, 中科院济南科创城, 科技城: site-type convention 9), read by their
              # kind alone (site_labels)
              *SCIENCE_CITIES,
              # points and strips set up on the ground (消防前置执勤点, 临时森林消防检查点, 防火隔离带, 生物防火林带),
              # sources of hazard that are installations (重大危险源), gathering places (游客集散中心, 固体废物集散地)
              "执勤点", "检查点", "服务点", "配置点", "堆放点", "隔离带", "林带", "危险源", "集散中心", "集散地",
              # the areas of a hazard that emergency laws have surveyed, registered and marked (危险源、危险区域)
              "危险区域",
              # plants, stations and workings of energy, mining and forestry (智能电厂, 变电站, 换流站, 矿井, 油气田,
              # 炼厂, 储气库, 采煤工作面, 国有林场): installations and grounds the work is done on, as 基站, 水库 and
              # 养殖场 are (a 虚拟电厂 is a way of pooling loads, no place)
              "电厂", "变电站", "换流站", "矿井", "油气田", "炼厂", "储气库", "工作面", "林场",
              # centres that are built installations, of computing and of goods (人工智能计算中心, 智算中心, 算力中心,
              # 物流配送中心, 分拨中心: site-type convention 9), not the research or service centres (技术创新中心)
              "计算中心", "算力中心", "智算中心", "配送中心", "分拨中心",
              # large research installations, one or a cluster (国家大科学装置, 大科学装置群: the class of 重大科技基础设施, site-type
              # convention 19), read by their kind alone (site_labels)
              *LARGE_INSTALLATIONS,
              # installations of the networks (互联网交换中心, 国家级互联网骨干直联点), as 基站 and 数据中心 are
              "交换中心", "直联点", "直连点",
              # halls where the public is served (政务服务大厅, 实体办事大厅, 营业厅): rooms of a site, kept clear and
              # equipped like 门厅 and 楼梯间
              "大厅", "营业厅",
              "馆", "店", "仓",
              # a building of a use (办公楼, 教学楼, 门诊楼, 商住楼, 航站楼), with the modifier that names the use
              "楼")
# A vocabulary label is widened to these too (易燃易爆 + 单位, 餐饮 + 企业)
_WIDEN_HEADS = SITE_HEADS + ("单位", "企业", "机构", "院校")


_LONG_GOVERNING = tuple(w for w in _GOVERNING if len(w) > 1)  # (a gap holds one only when it is as long)


# what the words between a vocabulary label and its head noun cannot hold (电动自行车|集中充电（停放）|场所)
_GAP_BREAK = re.compile(r"[^\u4e00-\u9fff（）()]|[的和及与或等对在将把向从为以由]")


_WEAK_HEADS = ("设施",)  # with a modifier that names equipment or fittings it is no kind of site
# a vocabulary label ending in one of these is a place already: the facilities, units or staff after it
# (老旧小区消防设施, 应急避难场所管理单位, 地下空间使用单位) are what the place holds, not a kind of site
_PLACE_ENDS = ("场所", "小区", "建筑", "空间", "综合体", "市场", "商场", "园区", "区", "站", "房", "室", "库", "馆")
_HOLDINGS = ("设施", "单位", "企业", "机构")
# vocabulary labels that name a trade, an activity or a material: a kind of site only with the head noun the text
# writes after them (餐饮场所, 建筑施工企业, 快递物流单位, 轨道交通车站; site-type conventions 6 and 8); 餐饮 alone is
# a trade (用于餐饮、生产加工等经营活动, 宾馆、餐饮等服务性行业, 餐饮外卖: convention 16)
_TRADES = frozenset(["餐饮", "快递物流", "建筑施工", "剧本娱乐", "彩钢板", "夹芯彩钢板", "聚氨酯泡沫夹芯材料"])
_GENERIC_AFTER_ETC = re.compile(r"等(场所|单位|企业|行业单位)")


_HEAD = re.compile("|".join(SITE_HEADS))
# a hall on the web (网上办事大厅, “线上发布大厅”): a platform, no room of a site (site-type convention 9)
_ONLINE_HALL = re.compile(r"(?:线上|网上|在线|掌上|云上|数字|虚拟)[^，。；：、]{0,6}\Z")
# nouns of people that a place's name qualifies (高校毕业生, 中小学生, 医院管理局 is a unit: 管理局)
_PERSONS = re.compile(r"毕业生|学生|生(?![产活态])|师生|教师|教职工|职工|医务人员|管理局")
_WIDEN = re.compile(r"(?:[（(][\u4e00-\u9fff]{1,4}[）)])?(?:" + "|".join(_WIDEN_HEADS) + ")")


def _widen_right(text: str, label: str, end: int) -> int:
    """The end of the head noun that closes a vocabulary label's noun phrase (电动自行车|集中充电场所)."""
    vocabulary = _matcher()[0]
    for k in range(7):
        m = _WIDEN.match(text, end + k)
        if m and not _GAP_BREAK.search(text, end, end + k) and "“" not in text[end:end + k]:
            gap = text[end:end + k]
            if len(gap) > 1 and any(w in gap for w in _LONG_GOVERNING) or \
                    label.endswith(_PLACE_ENDS) and m.group(0).endswith(_HOLDINGS) or \
                    gap.count("（") + gap.count("(") > gap.count("）") + gap.count(")") or \
                    any(vocabulary.match(text, i) for i in range(end, end + k)):
                # 商业综合体|实行消防设施, 老旧小区|消防设施, 智能工厂|（数字化车间, 学校|应急避难场所 (a label of
                # its own follows): the label ends where it is
                return end
            return m.end()
    return end


# head nouns that name a kind of installation on their own, with no modifier (矿井, 变电站, 水库), unlike the frames
# that need one (场所, 设施, 园区, 基地, 站点)
_STANDALONE_HEADS = frozenset(["危险源", "危险区域", "电厂", "变电站", "换流站", "矿井", "油气田", "炼厂", "储气库", "林场", "水库", "码头",
                               "港口", "泊位", "管廊", "基站", "数据中心", "计算中心", "算力中心", "智算中心",
                               "配送中心", "大厅", "营业厅", "交换中心", "直联点", "直连点"])


def _paired_heads(modifier: str) -> bool:
    """Whether the modifier is one head noun of a kind (景区|景点, 宿舍|建筑, 农田|保护区): two kinds of place joined
    into one word name one kind; a generic head before another (场所|设施, 建筑|设施) names what a place holds."""
    m = _HEAD.fullmatch(modifier)
    return m is not None and modifier not in _GENERIC_HEADS


# A kind of project or works (site-type convention 7): works of a size or rank (小型工程, 重大项目, 重点项目: a rank
# that leaves a generic head keeps it, convention 12), also with the trade or procedure written between the size and the
# head (重大产业项目, 大型基本建设工程: ``what``, read by site_works._trade_of_sized_works), of a procedure (小型建设工程, 金属冶炼建设项目, 旧区改造项目,
# 装饰装修工程) or of a trade of building, 工程 only (燃气工程, 绿化工程, 水务工程: convention 7's examples; 民防工程,
# 人民防空工程, 文物保护工程, 海洋工程, 修缮工程, the X工程 of built works in two documents or more of the corpus); the bare
# 建设工程/建设项目 is every project
_WORKS_TRADES = "燃气|绿化|水务|水利|市政|防空|民防|海洋|地下|保护|修缮|拆除|安装|住宅"
_PROJECT = re.compile(r"(?:(?P<size>小型|大型|重大|重点)(?P<what>[\u4e00-\u9fff]{2,4}?)?|(?P<kind>技改|技术改造|装饰装修|装修|(?:" + _WORKS_TRADES
                      + r")(?=工程))|(?:基本)?建设|施工|基建|改造|改建|扩建)(?:工程|项目)")


# heads that name a kind only with a modifier (a bare 场所 or 设施 is no member of a list of sites on its own)
_GENERIC_HEADS = ("场所", "设施", "建筑", "建筑物")


# modifiers that make 设施 equipment or shared fittings, not a kind of site
_PARTY_MODIFIER = re.compile(r"(?:服务|生产|连锁|骨干|龙头|困难|专业|中介|代理|施工|设计|监理|建设|管理|运营|示范|优势|"
                             r"相关|有关|工作|办公|临时|自动|老旧|基础|配套|消防|安全|设备|器材|物资|硬件|技防|物防|"
                             r"逃生|救援|训练|体验|保护性|供电|供排水|供水|共用|公共)$")


_EQUIPMENT = re.compile(r"器材|设备|装备")
# words before 基础设施 that name where or how new it is, not its domain (城市基础设施, 新型基础设施: all of a
# territory's infrastructure, a category of policy, no kind of site)
_NO_DOMAIN = re.compile(r"(?:新型|城市|城乡|城镇|乡村|农村)+")  # 农村新型基础设施 too


# what a facility of a domain is called after the domain (社区综合|服务设施, 养老|服务设施, 农机作业|服务配套设施, 网络|安全设施,
# 网络|安全基础设施): the domain before it names the kind, as it does before 基础设施; with no domain or a generic one
# (公共服务设施, 相关配套设施, 生产安全设施) the word names shared fittings or equipment, as before
_AFTER_A_DOMAIN = re.compile(r"(?:服务配套|服务|配套|安全)(?=(?:基础)?$)")


def _domain_of(modifier: str) -> str:
    """The modifier of a facility without the 服务/配套/安全 that follows a domain of two characters or more (社区综合服务
    -> 社区综合, 网络安全基础 -> 网络基础)."""
    m = _AFTER_A_DOMAIN.search(modifier)
    if m is None or m.start() < 2:
        return modifier
    domain = modifier[:m.start()]
    return modifier if _GENERIC_MODIFIERS.match(domain) else domain + modifier[m.end():]


# a 基地 named by research or innovation (科技创新基地, 人工智能技术创新基地, 战略研究基地): a title given to laboratories and
# centres, no place (site-type convention 20); one named by what is produced, trained, incubated or shown on it (产业基地,
# 实训基地, 孵化基地, 示范基地) stays
_TITLE_BASE = re.compile(r"(?:创新|研究)$")


def _not_a_site(written: str, head: str, modifier: str) -> bool:
    """Whether an open label names a party, a unit or equipment rather than a kind of site: a government
    unit (消防救援机构), a regulated party by its role (物业服务企业), equipment or shared fittings (自动消防设施,
    公共消防设施, 供电设施)."""
    from policykg.ingest.extract.agencies import load_dictionary

    d = load_dictionary()
    if any(d.lookup(written[i:]) is not None for i in range(len(written) - 1)):
        return True  # 当地消防救援机构: an agency
    if head == "基地" and _TITLE_BASE.search(modifier):
        return True  # 科技创新基地, 战略研究基地: a title given to organisations (site-type convention 20)
    if head in _WEAK_HEADS:
        modifier = _domain_of(modifier)
    if head in _WEAK_HEADS and modifier.endswith("基础") and len(modifier) > 3:
        # infrastructure of a domain (通信基础设施, 算力基础设施, 重大科技基础设施, 能源新型基础设施: site-type convention
        # 9, a built facility): the words before 基础 name the kind; a bare or generic 基础设施 (配套基础设施) names none
        modifier = modifier[:-2]
        return _EQUIPMENT.search(modifier) is not None or _GENERIC_MODIFIERS.match(modifier) is not None \
            or _NO_DOMAIN.fullmatch(modifier) is not None \
            or "消防" not in modifier and _PARTY_MODIFIER.search(modifier) is not None
    # fire installations are sites (消防设施, 公共消防设施, 消防基础设施: site-type convention 6); 消防器材设施 is
    # equipment
    return head in _WEAK_HEADS and (_EQUIPMENT.search(modifier) is not None
                                    or "消防" not in modifier and _PARTY_MODIFIER.search(modifier) is not None)
