"""Site types: which kinds of places an obligation concerns, kept as written and mapped to SKOS concepts.

A label is found two ways: a label of the vocabulary (``data/site_types.tsv``, published as the SKOS
scheme ``ontology/site_types.ttl``), widened to the noun phrase the text writes around it (电动自行车 +
集中充电场所), or an open noun phrase ending in a site head noun (场所 仓库 厂房 门店 …) with a
modifier before it (展览场馆). The written label is what the obligation says; its concept is the
vocabulary concept whose label it is, or failing that the longest vocabulary label it contains
(文物古建筑 -> 文物建筑); labels nothing fits keep no concept.

Not kinds of site: an open 企业/机构/院校 (电商企业, 金融机构 are parties asked to act; the vocabulary's
化工企业 or 养老机构 are sites), the units and equipment a place holds (应急避难场所|管理单位, 避难设施设备), a
generic word after a list (…幼儿园等|重点场所: a category that is a kind, 等|特殊敏感场所, is kept), anything
inside a document title (《…地下空间…办法》), the parties a measure supports or enlists (支持职业院校…承担培训),
a place that names its governing body (高新区管委会), a laboratory (a research body), a place pointed back to
(同一建筑) and enterprises, colleges or institutions a sentence gives money or help (扶持小微企业发展). Level words
before a kind are dropped (省级以上开发区 -> 开发区).

Also read as site-type conventions 14–18 say: kinds named only as what equipment must suit (根据…特点和需要，
加强…装备配备) take no entry; a heading that joins a site with equipment or teams passes no site down; a kind
named by its use before a structure is one entry (人员密集场所普通地下室); a zone that 打造/建成 makes of the whole
territory, with no count or place, is no zone. An installation head that is a kind alone (矿井, 变电站, 水库) is a
label with no modifier; a trade or material of the vocabulary (建筑施工, 彩钢板) needs a head after it; a college
that acts (高校参与…, 高校科研院所) is a party; an agent's verb inside a modifier ends it (平台|参与|园区).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policykg.ingest.extract.scan import literal_trie
from policykg.ingest.extract.words import tagged_words
from policykg.ingest.model import Span

DATA_FILE = Path(__file__).resolve().parent / "data" / "site_types.tsv"

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
              "服务区", "示范区", "保护区", "功能区", "优势区", "开发区", "高新区", "先导区", "先行区", "农田",
              "基站", "数据中心", "牧场", "港口", "泊位", "堆场", "管廊", "水库", "枢纽",
              # zones, stores and grounds named by what is done there (风景名胜区, 产业集聚区, 应急物资储备库, 专用储存室,
              # 专用场地, 规模养殖场), grown from the corpus's noun phrases that end in them
              "名胜区", "度假区", "集聚区", "加工区", "合作区", "集中区", "商业区", "生活区", "储存区", "储备库", "储存室",
              "场地", "养殖场", "科技园", "创业园",
              # points and strips set up on the ground (消防前置执勤点, 临时森林消防检查点, 防火隔离带, 生物防火林带),
              # sources of hazard that are installations (重大危险源), gathering places (游客集散中心, 固体废物集散地)
              "执勤点", "检查点", "服务点", "配置点", "堆放点", "隔离带", "林带", "危险源", "集散中心", "集散地",
              # plants, stations and workings of energy, mining and forestry (智能电厂, 变电站, 换流站, 矿井, 油气田,
              # 炼厂, 储气库, 采煤工作面, 国有林场): installations and grounds the work is done on, as 基站, 水库 and
              # 养殖场 are (a 虚拟电厂 is a way of pooling loads, no place)
              "电厂", "变电站", "换流站", "矿井", "油气田", "炼厂", "储气库", "工作面", "林场",
              # centres that are built installations, of computing and of goods (人工智能计算中心, 智算中心, 算力中心,
              # 物流配送中心, 分拨中心: site-type convention 9), not the research or service centres (技术创新中心)
              "计算中心", "算力中心", "智算中心", "配送中心", "分拨中心",
              "馆", "店", "仓")
# A vocabulary label is widened to these too (易燃易爆 + 单位, 餐饮 + 企业)
_WIDEN_HEADS = SITE_HEADS + ("单位", "企业", "机构", "院校")
# a modifier is the words before the head (消防技术服务 + 机构, 城市污水处理 + 设施); a preposition, particle,
# adverb or a verb that governs the phrase (督促, 加强 …) ends it on the left
_FUNCTION_TAGS = ("p", "c", "u", "d", "r", "x", "ad", "vd", "f", "t", "m", "q", "y", "e", "o")
_GOVERNING = frozenset(["加强", "督促", "推进", "开展", "落实", "检查", "排查", "整治", "管理", "监管", "指导", "组织", "建立", "完善", "推动", "实施", "规范", "清理", "整改", "巡查", "宣传", "引导", "改造", "建设", "设置", "配备", "配置", "做好", "严格", "全面", "深入", "持续", "加大", "健全", "提升", "确保", "涉及", "包括", "针对", "围绕", "聚焦", "依托", "利用", "鼓励", "支持", "培育", "发展", "打造", "推广", "创建", "督查", "督导", "排摸", "摸清", "掌握", "负责", "协调", "明确", "保障", "保证", "加快", "促进", "深化", "强化", "优化", "开放", "使用", "进入", "进行", "对于", "对", "向", "在", "以", "为", "将", "把", "由", "从"])
_LONG_GOVERNING = tuple(w for w in _GOVERNING if len(w) > 1)  # (a gap holds one only when it is as long)
_MAX_MODIFIER = 10
_CODE = re.compile(r"[0-9]*[A-Za-z][A-Za-z0-9]*")
# what the words between a vocabulary label and its head noun cannot hold (电动自行车|集中充电（停放）|场所)
_GAP_BREAK = re.compile(r"[^\u4e00-\u9fff（）()]|[的和及与或等对在将把向从为以由]")
# modifiers that name no kind of place (相关场所, 本单位, 成员单位, 有关企业)
_GENERIC_MODIFIERS = re.compile(r"^(?:各类?|有关|相关|上述|以上|其他|同类|此类|这些|该|本|各种|一些|部分|所有|重点|特定|成员|"
                                r"责任|牵头|配合|主管|管理|使用|产权|相关职能|职能|行政|社会|生产经营|个人|本级|下属|所属|"
                                r"直属|系统|行业|地方|中央|国有|民营|大型|中小|小微|新|该类|工作|实施|建设|施工|设计|监理|"
                                r"经营|生产经营|固定生产经营|非生产经营|活动|公共活动|危险|现有|既有|全区|全市|全镇|辖区|"
                                r"每处|每个|作业|虚拟|同一|同一座|同一栋|相应)$|^.*(?:单位|区域)$")
_WEAK_HEADS = ("设施",)  # with a modifier that names equipment or fittings it is no kind of site
# a vocabulary label ending in one of these is a place already: the facilities, units or staff after it
# (老旧小区消防设施, 应急避难场所管理单位, 地下空间使用单位) are what the place holds, not a kind of site
_PLACE_ENDS = ("场所", "小区", "建筑", "空间", "综合体", "市场", "商场", "园区", "区", "站", "房", "室", "库", "馆")
_HOLDINGS = ("设施", "单位", "企业", "机构")
# vocabulary labels that name a trade, an activity or a material: a kind of site only with the head noun the text
# writes after them (餐饮场所, 建筑施工企业, 快递物流单位, 轨道交通车站; site-type conventions 6 and 8)
_TRADES = frozenset(["快递物流", "建筑施工", "剧本娱乐", "彩钢板", "夹芯彩钢板", "聚氨酯泡沫夹芯材料"])
_GENERIC_AFTER_ETC = re.compile(r"等(场所|单位|企业|行业单位)")
# titles (《上海市地下空间安全使用管理办法》) name documents, not the sites an obligation is about
_TITLE = re.compile(r"《[^《》]{0,80}》")


@dataclass(frozen=True)
class SiteType:
    """One concept of the site-type scheme."""

    key: str
    label: str
    label_en: str
    alt_labels: tuple[str, ...]
    broader: str | None
    definition: str


@dataclass(frozen=True)
class SiteLabel:
    """A kind of site as the text writes it, with the concept it maps to (None when none fits)."""

    text: str
    span: Span
    concept: str | None
    rule: str


@lru_cache(maxsize=1)
def load_site_types() -> dict[str, SiteType]:
    """The vocabulary, keyed by concept key (read once)."""
    out: dict[str, SiteType] = {}
    for line in DATA_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, label, en, alts, broader, definition = (line.split("\t") + [""] * 6)[:6]
        out[key] = SiteType(key, label, en, tuple(a for a in alts.split("|") if a), broader or None, definition)
    return out


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    by_label: dict[str, str] = {}
    for st in load_site_types().values():
        for lab in (st.label, *st.alt_labels):
            by_label.setdefault(lab, st.key)
    return literal_trie(by_label), by_label  # the longest label at each position


_HEAD = re.compile("|".join(SITE_HEADS))
# nouns of people that a place's name qualifies (高校毕业生, 中小学生, 医院管理局 is a unit: 管理局)
_PERSONS = re.compile(r"毕业生|学生|生(?![产活态])|师生|教师|教职工|职工|医务人员|管理局")
_WIDEN = re.compile(r"(?:[（(][\u4e00-\u9fff]{1,4}[）)])?(?:" + "|".join(_WIDEN_HEADS) + ")")


@lru_cache(maxsize=4096)
def concept_of(label: str) -> str | None:
    """The concept key a written label maps to: its own label, else the longest vocabulary label inside it."""
    pattern, by_label = _matcher()
    label = label.strip("“”\"")
    if label in by_label:
        return by_label[label]
    best = ""
    for i in range(len(label)):
        m = pattern.match(label, i)
        if m and len(m.group(0)) >= len(best):  # on a tie the later label, nearer the head noun, wins
            best = m.group(0)
    return by_label[best] if best else None


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


# the run of characters jieba segments as one block (its re_han_internal) that ends a window
_RUN_TAIL = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._]+\Z")


@lru_cache(maxsize=1)
def _pos():
    """jieba's part-of-speech tagger over the agency tokenizer, with the main dictionary's tags only.

    The agency grammar's tagger takes the user words' tags (nt) first: jieba hands them to whichever tagger
    over the tokenizer cuts first, so building it here first keeps this one's tags the same in every run."""
    import jieba.posseg as pseg
    from policykg.ingest.extract.agencies import _tokenizer
    from policykg.ingest.extract.agency_grammar import _pos_tokenizer

    _pos_tokenizer()
    return pseg.POSTokenizer(_tokenizer())


def _modifier_start(text: str, head_start: int, floor: int) -> int:
    """Where the nouns before a head begin: jieba words back from the head while they are nouns, at most
    _MAX_MODIFIER characters and never before ``floor`` (the end of the previous label); -1 when the nouns
    open with a place name or a level of government (崂山实验室, 济南黄河大数据中心, 区档案馆): one named
    place, not a kind of site."""
    lo = max(floor, head_start - _MAX_MODIFIER)
    k = _modifier_in(text[lo:head_start])
    if k == 0 and lo > floor and lo > 0:
        # the nouns run past the longest modifier: start at the first word wholly inside it (青岛海|洋人工智能大模型
        # 产业集聚区 -> 人工智能大模型产业集聚区), not inside a word
        from policykg.ingest.extract.agencies import on_word_boundary

        while k < head_start - lo and not on_word_boundary(text, lo + k):
            k += 1
    return -1 if k < 0 else lo + k


@lru_cache(maxsize=8192)
def _modifier_in(window: str) -> int:
    """_modifier_start within the characters before a head (the same few phrases recur: asked once)."""
    # jieba cuts each run of its word characters apart and any other character ends the walk below, so
    # only the run the window ends with is read (tagged as jieba tags it, without segmenting the rest)
    text, head_start = window, len(window)
    run = _RUN_TAIL.search(window)
    words = tagged_words(run.group(0), _pos()) if run else []
    start = head_start
    noun_passed = False
    for w, flag in reversed(words):
        if (flag.startswith(_FUNCTION_TAGS) and not _CODE.fullmatch(w)) or w in _GOVERNING \
                or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9“”]+", w):
            break  # (5G基站: a code of letters and digits is a modifier)
        if noun_passed and (flag == "v" or w[-2:] in _GOVERNING):
            break  # 开展|高标准农田, 推介|贫困地区精品景点: a verb before nouns governs them (居住|场所 modifies)
        noun_passed = noun_passed or flag.startswith("n")
        start -= len(w)
    start = _after_a_predicate(text, start, head_start)
    named = False
    listed = text[:start].endswith(_LIST_JOINERS) and _names_a_thing(text[:start - 1])
    verbs: list[str] = []
    for w, flag in tagged_words(text[start:head_start], _pos()):  # a verb opening it governs it (规范|场所)
        if flag != "v":
            named = w in _LEVELS or flag == "ns" and _is_region_name(w)
            break
        verbs.append(w)
        start += len(w)
    if start == head_start and verbs and listed:
        # 火情监测和|瞭望设施 (a list member), 破坏|防火隔离带 (a verb before a verb): the verb next to the head
        # names what the place is for, as a noun would
        start -= len(verbs[-1])
    return -1 if named else start


_LIST_JOINERS = ("、", "和", "及", "与", "或")
# nouns of an agent or a rule: a verb after one is its predicate (平台|参与|园区, 生产经营单位|出租|场所, 法规规定|制定|建筑,
# 创业者|提供|…场地), while a verb after a thing names what the place is for (自行车|停放|场所, 污水|处理|设施)
# a place word before the kind says where it is (本条线范围内|建设工程), no part of the kind (site-type convention 12)
_LOCATIVES = frozenset(["内", "中", "以内", "之内", "范围内", "区域内", "辖区内"])
_AGENT = re.compile(r"(?:单位|者|人员|平台|机构|企业|部门|政府|规定|法规|主体)$")


def _after_a_predicate(text: str, start: int, head_start: int) -> int:
    """Where the modifier [start, head_start) begins once a predicate inside it is cut off: the words after an
    agent's verb or of a verb an adverb qualifies (有效降低|算力中心), after a place word (范围内|建设工程) or after a
    suffix that ends a word before them (共享型|智慧园区)."""
    words = tagged_words(text[start:head_start], _pos())
    at = start
    cut = start
    for i, (w, flag) in enumerate(words):
        at += len(w)
        if flag == "v" and i > 0 and (_AGENT.search(words[i - 1][0]) or words[i - 1][1] in ("a", "ad", "d")) \
                or flag == "k" or w in _LOCATIVES:
            cut = at
    return cut


def _names_a_thing(before: str) -> bool:
    """Whether the list member ending ``before`` holds a noun (火情监测|和, 城市终端配送|、), not acts alone (侵占|、
    损坏建筑: a list of verbs governs what follows); an empty one is the label found before it (电动车停放场所|和|充电设施)."""
    member = re.split(r"[^\u4e00-\u9fff]|[和及与或]", before)[-1]
    return any(flag.startswith("n") for _, flag in tagged_words(member, _pos())) if member else True


# 省档案馆, 区档案馆: a unit of one level of government, not a kind of site
_LEVELS = frozenset("省市区县镇乡")


def _is_region_name(word: str) -> bool:
    """Whether a word jieba tags as a place is the name of a division (济南, 崂山), not a common noun (城市)."""
    from policykg.ingest.extract.regions import Gazetteer

    gz = Gazetteer.load()
    return word in gz.by_name or word in gz.by_short


def _unquoted(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the quotation marks around it (“三合一” -> 三合一), inner ones kept (“九小”场所)."""
    if text[start:start + 1] in "“\"" and text.count("”", start, end) + text.count("\"", start + 1, end) <= 1 \
            and text[end - 1:end] in "”\"":
        return start + 1, end - 1
    return start, end


def find_site_labels(text: str, offset: int = 0) -> list[SiteLabel]:
    """Every kind of site ``text`` names, as written, in text order (one per written label)."""
    pattern, by_label = _matcher()
    if "《" in text:
        text = _TITLE.sub(lambda t: "·" * len(t.group(0)), text)
    out: list[SiteLabel] = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        end = _widen_right(text, m.group(0), m.end())
        pos = end
        if _PERSONS.match(text, end):
            continue  # 高校|毕业生, 中小学|生: the label names the people of a place, not the place
        if end == m.end() and m.group(0) in _TRADES:
            # 用于餐饮, 建筑施工等行业: a trade or a material, no kind of site without a head (餐饮场所); before 等 and
            # a generic head the member takes that head (餐饮等场所 -> 餐饮场所, site-type convention 12)
            g = _GENERIC_AFTER_ETC.match(text, end)
            if g is not None and _ends_word(text, g.end()):
                written = m.group(0) + g.group(1)
                out.append(SiteLabel(written, Span(offset + m.start(), offset + g.end()), by_label[m.group(0)],
                                     "vocabulary+head"))
            continue
        start, end_q = _unquoted(text, m.start(), end)
        written = text[start:end_q]
        out.append(SiteLabel(written, Span(offset + start, offset + end_q), concept_of(written) or by_label[m.group(0)],
                             "vocabulary" if end == m.end() else "vocabulary+head"))
    taken = [(s.span.start - offset, s.span.end - offset) for s in out]
    bare: list[tuple[int, int]] = []
    for h in _HEAD.finditer(text):
        if any(a <= h.start() < b for a, b in taken):
            continue
        floor = max((b for a, b in taken if b <= h.start()), default=0)
        start = _modifier_start(text, h.start(), floor)
        if start < 0:
            continue
        if start == h.start() and h.group(0) in _WEAK_HEADS:
            start = _purpose_verb_start(text, h.start(), floor)
        if start == h.start():  # 省级以上|开发区: the level word ranks the kind, the head alone names it
            level = _RANK_BEFORE.search(text[max(floor, start - 6):start])
        else:  # 国家级|高新区, 省级|绿色数据中心, 全市|工业数据中心 (site-type convention 12)
            level = _RANK.match(text, start) or _SCOPE.match(text, start, h.start())
            start = start if level is None else level.end()
        modifier = text[start:h.start()]
        written = text[start:h.end()]
        if level is not None and start == h.start() and len(h.group(0)) > 1 \
                and not h.group(0).endswith(_GENERIC_HEADS) and _ends_word(text, h.end()):
            out.append(SiteLabel(written, Span(offset + start, offset + h.end()), concept_of(written), "head_noun"))
            taken.append((start, h.end()))
            continue
        if h.group(0) == "设施" and (any(b == start for _, b in taken) and "消防" not in text[start:h.start()]
                                   or text.startswith("设备", h.end())):
            continue  # 应急避难场所|供电设施: what the place just named holds; 避难设施设备: equipment
        if start == h.start() and h.group(0) in _STANDALONE_HEADS and _ends_word(text, h.end()) \
                and _opens_a_phrase(text, h.start(), floor):
            # 提升矿井地质条件, 推动变电站和换流站智能运检: an installation that is a kind on its own
            out.append(SiteLabel(h.group(0), Span(offset + h.start(), offset + h.end()), concept_of(h.group(0)),
                                 "head_noun"))
            taken.append((h.start(), h.end()))
            continue
        if start == h.start() and len(h.group(0)) > 1 and not h.group(0).endswith(_GENERIC_HEADS):
            bare.append((h.start(), h.end()))  # 大型厂房、仓库、园区: a list member of its own, if its list names sites
            continue
        if len(modifier) < 2 or _GENERIC_MODIFIERS.match(modifier) or _governed_generic(modifier) \
                or _HEAD.search(modifier) and not _paired_heads(modifier) or modifier.endswith("重点") \
                or not _ends_word(text, h.end()) \
                or _not_a_site(written, h.group(0), modifier):
            # (whether the head ends a word is asked late: it segments the whole run around it)
            continue
        out.append(SiteLabel(written, Span(offset + start, offset + h.end()), concept_of(written), "head_noun"))
        taken.append((start, h.end()))
    for m in _PROJECT.finditer(text) if "工程" in text or "项目" in text else ():
        if any(a < m.end() and m.start() < b for a, b in taken) or not _ends_word(text, m.end()):
            continue
        start = _modifier_start(text, m.start(), max((b for a, b in taken if b <= m.start()), default=0))
        modifier = text[start:m.start()] if start >= 0 else ""
        scope = _SCOPE.match(modifier)  # 全镇|小型建设工程: where, not what kind
        if scope:
            start, modifier = start + scope.end(), modifier[scope.end():]
        if m.group("size"):
            start = m.start() - len(modifier)
        elif m.group("kind") and (len(modifier) < 2 or _GENERIC_MODIFIERS.match(modifier)):
            start = m.start()  # 技改项目, 装修工程: the procedure names the kind (重点|技改项目)
        elif len(modifier) < 2 or _GENERIC_MODIFIERS.match(modifier) or modifier.endswith(("工程", "项目")):
            continue  # 建设工程, 有关建设项目, 工程建设项目: every project
        out.append(SiteLabel(text[start:m.end()], Span(offset + start, offset + m.end()), None, "project_kind"))
        taken.append((start, m.end()))
    if not out:
        return out  # (a list member needs a label beside it)
    for a, b in bare:
        if _listed_with_a_label(text, a, b, taken) and _ends_word(text, b):
            out.append(SiteLabel(text[a:b], Span(offset + a, offset + b), concept_of(text[a:b]), "head_noun+list"))
            taken.append((a, b))
    for a, b in _like_members(text, taken):
        out.append(SiteLabel(text[a:b], Span(offset + a, offset + b), concept_of(text[a:b]), "list_member"))
    out.sort(key=lambda s: s.span.start)
    parties = _PARTY_ANY.search(text) is not None  # (else no list of the text names an organisation)
    return _one_phrase(text, offset, [s for s in out if not _not_targeted(text, s.span.start - offset, s.span.end - offset)
                                      and not (parties and _listed_with_parties(text, s.span.start - offset,
                                                                                  s.span.end - offset))])


# the words that may stand between a kind and the kind it narrows in one noun phrase (人员密集场所|普通|地下室)
_NARROWING_GAP = re.compile(r"[\u4e00-\u9fff]{0,2}")
# a kind named by its use (人员密集场所, 公众聚集场所) before a kind of structure (地下室, 建筑, 用房): the structures
# that serve that use, one kind
_USES = ("场所",)
_STRUCTURES = ("地下室", "建筑", "建筑物", "用房", "房屋", "厂房", "仓库")


def _one_phrase(text: str, offset: int, labels: list[SiteLabel]) -> list[SiteLabel]:
    """Labels with a kind written directly before the kind it narrows joined into one (人员密集场所普通地下室:
    site-type convention 17); lists are split only at their punctuation and conjunctions."""
    out: list[SiteLabel] = []
    for s in labels:
        if out:
            a = out[-1]
            gap = text[a.span.end - offset:s.span.start - offset]
            if a.text.endswith(_USES) and s.text.endswith(_STRUCTURES) and _NARROWING_GAP.fullmatch(gap) \
                    and not _GAP_BREAK.search(gap) and not _JOINER_WORD.search(gap) \
                    and not any(f.startswith(("v", "p", "d")) for _, f in tagged_words(gap, _pos())):
                written = text[a.span.start - offset:s.span.end - offset]
                out[-1] = SiteLabel(written, Span(a.span.start, s.span.end), concept_of(written) or s.concept, "one_phrase")
                continue
        out.append(s)
    return out


_JOINER_WORD = re.compile(r"以及|或者|[、和及与或等]")


# head nouns that name a kind of installation on their own, with no modifier (矿井, 变电站, 水库), unlike the frames
# that need one (场所, 设施, 园区, 基地, 站点)
_STANDALONE_HEADS = frozenset(["电厂", "变电站", "换流站", "矿井", "油气田", "炼厂", "储气库", "林场", "水库", "码头",
                               "港口", "泊位", "管廊", "基站", "数据中心", "计算中心", "算力中心", "智算中心",
                               "配送中心"])


def _purpose_verb_start(text: str, head_start: int, floor: int) -> int:
    """Where a facility named by what it is for begins: one verb right before 设施, after a preposition or a
    joiner (在|充电|设施, 和|停车|设施: site-type convention 6), not a verb that acts on it (加强|设施, 维护|设施)."""
    run = _RUN_TAIL.search(text[max(floor, head_start - _MAX_MODIFIER):head_start])
    words = tagged_words(run.group(0), _pos()) if run else []
    if not words or words[-1][1] != "v" or len(words[-1][0]) < 2 or words[-1][0] in _GOVERNING:
        return head_start
    verb_start = head_start - len(words[-1][0])
    before = words[-2][0] if len(words) > 1 else text[verb_start - 1:verb_start]
    return verb_start if before in ("在", "对", "为", "和", "及", "与", "、", "，") else head_start


def _opens_a_phrase(text: str, start: int, floor: int) -> bool:
    """Whether a head at ``start`` opens its noun phrase: after a mark or a joiner, a governing word, a verb or
    a function word (提升|矿井, 和|换流站), not inside a word (发电厂) nor after words that qualify it (虚拟|电厂)."""
    if start == 0 or not _RUN_CHAR.match(text, start - 1) or text[start - 1] in _LIST_JOINERS:
        return True
    from policykg.ingest.extract.agencies import on_word_boundary

    if not on_word_boundary(text, start):
        return False
    run = _RUN_TAIL.search(text[max(floor, start - _MAX_MODIFIER):start])
    words = tagged_words(run.group(0), _pos()) if run else []
    if not words:
        return True
    w, flag = words[-1]
    return w in _GOVERNING or flag == "v" and not _GENERIC_MODIFIERS.match(w) or flag.startswith(_FUNCTION_TAGS)


# level and rank words before a kind (省级以上开发区, 国家级高新区, 省级绿色数据中心): they rank or scope the kind, and
# the label keeps the words that make it (site-type convention 12); a legal grade inside a vocabulary label
# (市级文物保护单位) is the vocabulary's and never reaches this
_RANK = re.compile(r"(?:国家|省|市|县|区|乡|镇|部|省部)级(?:及?以上)?")
_RANK_BEFORE = re.compile(_RANK.pattern + r"\Z")


def _paired_heads(modifier: str) -> bool:
    """Whether the modifier is one head noun of a kind (景区|景点, 宿舍|建筑, 农田|保护区): two kinds of place joined
    into one word name one kind; a generic head before another (场所|设施, 建筑|设施) names what a place holds."""
    m = _HEAD.fullmatch(modifier)
    return m is not None and modifier not in _GENERIC_HEADS


# A kind of project or works (site-type convention 7): works of a size or rank (小型工程, 重大项目, 重点项目: a rank
# that leaves a generic head keeps it, convention 12) or of a procedure
# (小型建设工程, 金属冶炼建设项目, 旧区改造项目, 装饰装修工程); the bare 建设工程/建设项目 is every project
_SCOPE = re.compile(r"(?:全|本|各)(?:省|市|区|县|镇|乡|街道)")
_PROJECT = re.compile(r"(?:(?P<size>小型|大型|重大|重点)|(?P<kind>技改|技术改造|装饰装修|装修)|(?:基本)?建设|施工|基建|改造|改建|"
                      r"扩建)(?:工程|项目)")


# heads that name a kind only with a modifier (a bare 场所 or 设施 is no member of a list of sites on its own)
_GENERIC_HEADS = ("场所", "设施", "建筑", "建筑物")
_QUOTES = "“”\"'‘’"


def _ends_with_a_label(text: str, end: int, taken: list[tuple[int, int]]) -> bool:
    """Whether a label ends at ``end`` (closing quotes aside): 幼儿园|等, “多合一”|等."""
    return any(b <= end and not text[b:end].strip(_QUOTES) for _, b in taken)


def _listed_with_a_label(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """Whether the bare head at [start, end) is a whole member of a 、 list next to a label (仓库、园区, 车库、停车场)."""
    before = text[start - 1:start] == "、" and _ends_with_a_label(text, start - 1, taken)
    after = text[end:end + 1] == "、" and any(a == end + 1 + (text[end + 1:end + 2] in _QUOTES) for a, _ in taken)
    if before:
        return True
    from policykg.ingest.extract.agencies import on_word_boundary

    return after and on_word_boundary(text, start)  # (对|车库: 库车 in 停车库车 would be no member)


# what joins the members of a list, and the characters a kind of place ends in (港区, 风景区, 储备库, 储存室)
_LIST_SEP = re.compile(r"以及|或者|[、和及或与等，。；：！？\n（）()]")
_PLACE_CHARS = "区站房室库馆场园"
_NOUN_TAGS = ("n", "vn", "an", "b")
_MAY_LIST_A_PLACE = re.compile(f"[{_PLACE_CHARS}]、|、[^、，。；]{{1,9}}[{_PLACE_CHARS}](?:[、和及或与等，。；：]|$)")


def _like_members(text: str, labels: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Members of a 、 list of sites that are nouns ending in a place character (开发区、港区、风景区、自然保护区等):
    the members of a list are of one kind, so they are sites too."""
    if not labels or not _MAY_LIST_A_PLACE.search(text):
        return []  # (no 、 next to a word ending in a place character: nothing to segment)
    bounds = [0] + [x for m in _LIST_SEP.finditer(text) for x in (m.start(), m.end())] + [len(text)]
    segs = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds) - 1, 2)]
    ends = {b for _, b in labels}
    out = []
    for k, (a, b) in enumerate(segs):
        if not 2 <= b - a <= 10 or text[b - 1] not in _PLACE_CHARS or any(x < b and a < y for x, y in labels) \
                or "、" not in (text[a - 1:a], text[b:b + 1]):
            continue
        # a neighbour across a 、 is a label: the member before it ends one, or the member after it is one
        before = k > 0 and segs[k - 1][1] in ends and "、" in text[segs[k - 1][1]:a]
        after = k + 1 < len(segs) and segs[k + 1][1] in ends and "、" in text[b:segs[k + 1][0]]
        if not (before or after):
            continue
        words = tagged_words(text[a:b], _pos())
        if all(f.startswith(_NOUN_TAGS) and f != "ns" for _, f in words) and words[-1][1].startswith("n") \
                and not _is_region_name(text[a:b]):
            out.append((a, b))
            ends.add(b)  # (a member found makes the next one a neighbour of the list)
    return out


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


def _listed_with_parties(text: str, start: int, end: int) -> bool:
    """Whether a label is a member of a 、 list that names organisations (two of them, or 等部门 after it)."""
    if text[start - 1:start] not in _JOINS and text[end:end + 1] != "、":
        return False
    lo = max(text.rfind(c, 0, start) for c in _CLAUSE_ENDS) + 1
    m = _CLAUSE_END.search(text, end)
    hi = m.start() if m else len(text)
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


# Where a named kind of site is no site the work is about: a force (微型消防站|等力量). A hazard on a passage or a
# facility (占用|疏散通道, 消防水源|不足) is work on it: checked, kept clear (site-type convention 1).
_FORCE_AFTER = re.compile(r"(?:等)?(?:社会)?(?:消防)?(?:力量|队伍)")
# the audience of a campaign (宣传进企业、进学校; 面向学校、社区开展教育): where publicity goes, not a site the
# measure acts on (site-type convention 3)
_AUDIENCE = re.compile(r"(?:[“‘、]|^)进[“‘]?$|面向(?:[^，。；：、]{1,8}[、和及与])*[“‘]?$")


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
_ZONE_ENDS = ("区", "园", "基地", "区域")


# what a party does on its own premises (鼓励大型连锁商店和超市|设立…专销区): work on the place after all
_BUILDS_ON_ITSELF = re.compile(r"(?:[、和及与或][^，。；：、]{1,10}?)*?等?(?:设立|设置|建设|建立|改造|升级|配备|配置|安装|开设|新建|"
                               r"改建|扩建|完善)")


def _enlisted(text: str, start: int, end: int) -> bool:
    """Whether a label at [start, end) stands in the noun list a pivot verb (鼓励, 支持 …) opens, and the party it
    names is asked to act on something else."""
    if text[start:end].endswith(_ZONE_ENDS) or _BUILDS_ON_ITSELF.match(text, end):
        return False
    lo = max(0, start - 60)
    cues = [m for m in _PIVOT.finditer(text, lo, start)]
    if not cues:
        return False
    gap = text[cues[-1].end():start]
    if _PIVOT_GAP_BREAK.search(gap):
        return False
    gap = re.sub(r"[（(][^（）()]*(?:[）)]|$)", "", gap)  # (含技工院校): an aside, or the label inside one
    if gap and any(f.startswith("v") for _, f in tagged_words(gap, _pos())):
        return False  # 支持贫困地区完善|网络基础设施, 鼓励企业和社区升级|智能消防设施: the pivot's party acts on it
    # a verb inside a label that ran past its modifier (地区开设|免税店) acts on the place as well
    return not any(f.startswith("v") for _, f in tagged_words(text[start:end], _pos())[:-1])


# the governing body of a zone or a site (重庆高新区管委会; 两江新区、万盛经开区管委会 and 示范区、…和综合保税区等管委会,
# a head shared by a list; 风景名胜区管理处): the place names the body, and the work is the body's
_BODY_OF_A_PLACE = re.compile(r"(?:[、和及与][^，。；：、（）()]{1,12}?)*等?(?:管委会|管理委员会|党工委|工委|管理处)")


def _not_targeted(text: str, start: int, end: int) -> bool:
    """Whether a label at [start, end) names a force, a campaign's audience, the body that governs a place or a
    party a measure enlists rather than a site the work is about."""
    if _FORCE_AFTER.match(text, end) or _DOMAIN_OF_A_UNIT.match(text, end) or _BODY_OF_A_PLACE.match(text, end):
        return True
    if _enlisted(text, start, end) or _beneficiary(text, start, end) or _styled_hub(text, start, end) \
            or _equipment_purpose(text, start, end) or _college_acting(text, start, end):
        return True
    before = text[max(0, start - 60):start]  # (a list after 面向 is short; the pattern is asked only near one)
    return ("进" in before[-2:] or "面向" in before) and _AUDIENCE.search(text, max(0, start - 60), start) is not None


# what a plan makes of its whole territory (到2026年…打造世界级海洋人工智能大模型产业集聚区; 建成全国乡村教育振兴先行区):
# 打造/建成 and a zone with no count and no place, a slogan, no zone built or delimited (site-type convention 18).
# A count (打造10个以上…集聚区, 打造一批…集聚区), a place (在…打造) or a measure that supports others' building
# (支持打造…集聚区) keeps the zone.
_STYLED = re.compile(r"(?:努力)?(?:打造|建成|建设成)(?:成为|为|成)?(?P<gap>[^，。；：、！？\n]{0,30})\Z")
_COUNT = re.compile(r"[0-9０-９一二两三四五六七八九十百千几多若][0-9０-９一二三四五六七八九十百千]*(?:个|家|批|处|座)|一批|若干|多个")
_HUB_BEFORE = re.compile(r"(?:支持|推动|鼓励|引导|在[^，。；：]{1,20}?)\Z")


def _styled_hub(text: str, start: int, end: int) -> bool:
    """Whether a zone at [start, end) is what 打造/建成 makes of the plan's territory, with no count or place."""
    if not text[start:end].endswith("区"):
        return False
    m = _STYLED.search(text, max(0, start - 36), start)
    return not (m is None or _COUNT.search(m.group("gap"))
                or _HUB_BEFORE.search(text, max(0, m.start() - 24), m.start()))


# kinds of site named only as what equipment must suit (根据高层建筑、地下空间等火灾特点和需要，加强消防车辆装备配备):
# nothing is done on them (site-type convention 14); the same kinds named where an installation is put stay
_SUITS = re.compile(r"(?:根据|针对|结合|适应)(?P<kinds>[^，。；：！？\n]{2,60}?)(?:的)?(?:火灾|灾害|事故|救援)?(?:特点|特性|风险特点)"
                    r"(?:和|及|与)?(?:[^，。；：]{0,8}(?:需要|需求))?[，,]?")
_EQUIPPING = re.compile(r"装备|器材|车辆|配备")
_INSTALLING = re.compile(r"设置|建设|建立|改造|安装|新建")


def _equipment_purpose(text: str, start: int, end: int) -> bool:
    """Whether a label at [start, end) stands in a 根据…特点和需要 phrase whose sentence equips, and builds nothing."""
    if "特点" not in text and "特性" not in text:
        return False
    lo = max(text.rfind(c, 0, start) for c in _SENTENCE_ENDS + "，") + 1
    m = _SUITS.search(text, max(0, lo - 64), end + 24)
    while m is not None and m.end("kinds") < end:
        m = _SUITS.search(text, m.start() + 1, end + 24)
    if m is None or not m.start("kinds") <= start:
        return False
    his = [i for i in (text.find(c, m.end()) for c in _SENTENCE_ENDS) if i >= 0]
    rest = text[m.end():min(his, default=len(text))]
    return _EQUIPPING.search(rest) is not None and _INSTALLING.search(rest) is None


# colleges that act (支持高校建设大学科技园, 走进高校科研院所, 联合科研机构、高校…共同发起): a college followed by its own
# verb, or paired with research institutes, is a party of teaching and research that does the work on something
# else (site-type conventions 9 and 10); a college whose premises are worked on (高校消防安全管理) stays a site
_COLLEGES = ("高校", "高等学校", "高等院校", "大专院校")
_PARTNERS_AFTER = re.compile(r"(?:[、和及与]?(?:科研|研究)?院所|[、和及与](?:科研|研究|研发)机构)")
_PARTNERS_BEFORE = re.compile(r"(?:科研|研究|研发)(?:院所|机构)[、和及与]\Z")


def _college_acting(text: str, start: int, end: int) -> bool:
    """Whether a college label at [start, end) names a party that acts: its own verb after it, or research
    institutes beside it."""
    if not text[start:end].endswith(_COLLEGES):
        return False
    if _PARTNERS_AFTER.match(text, end) or _PARTNERS_BEFORE.search(text, max(0, start - 8), start):
        return True
    m = _CLAUSE_END.search(text, end)
    words = tagged_words(text[end:m.start() if m else len(text)][:12], _pos())
    return bool(words) and (words[0][1] == "v" or words[0][1] == "d" and len(words) > 1 and words[1][1] == "v")


# money and help a measure gives (扶持小微企业发展, 对新增规模以上工业企业…给予奖励, 直接补贴培训机构): the enterprises,
# colleges and institutions of such a sentence receive it, no site the work is done on (site-type convention 10)
_SUPPORT = re.compile(r"扶持|帮扶|奖励|奖补|补贴|补助|贴息|贷款|资助|融资|税收优惠")
_SENTENCE_ENDS = "。；;\n"
_RECIPIENTS = ("企业", "高校", "院校", "机构")


def _beneficiary(text: str, start: int, end: int) -> bool:
    """Whether an enterprise, college or institution stands in a sentence that gives money or help."""
    if not text.endswith(_RECIPIENTS, start, end):
        return False
    lo = max(text.rfind(c, 0, start) for c in _SENTENCE_ENDS) + 1
    his = [i for i in (text.find(c, end) for c in _SENTENCE_ENDS) if i >= 0]
    return _SUPPORT.search(text, lo, min(his, default=len(text))) is not None


# modifiers that make 设施 equipment or shared fittings, not a kind of site
_PARTY_MODIFIER = re.compile(r"(?:服务|生产|连锁|骨干|龙头|困难|专业|中介|代理|施工|设计|监理|建设|管理|运营|示范|优势|"
                             r"相关|有关|工作|办公|临时|自动|老旧|基础|配套|消防|安全|设备|器材|物资|硬件|技防|物防|"
                             r"逃生|救援|训练|体验|保护性|供电|供排水|供水|共用|公共)$")


_EQUIPMENT = re.compile(r"器材|设备|装备")


def _governed_generic(modifier: str) -> bool:
    """Whether the modifier is a verb and the generic words it governs (违法改变|生产经营 + 场所): the bare
    regulated place, acted on."""
    words = tagged_words(modifier, _pos())
    for i in range(1, len(words)):
        if words[i - 1][1] == "v" and _GENERIC_MODIFIERS.match("".join(w for w, _ in words[i:])):
            return True
    return False


def _not_a_site(written: str, head: str, modifier: str) -> bool:
    """Whether an open label names a party, a unit or equipment rather than a kind of site: a government
    unit (消防救援机构), a regulated party by its role (物业服务企业), equipment or shared fittings (自动消防设施,
    公共消防设施, 供电设施)."""
    from policykg.ingest.extract.agencies import load_dictionary

    d = load_dictionary()
    if any(d.lookup(written[i:]) is not None for i in range(len(written) - 1)):
        return True  # 当地消防救援机构: an agency
    # fire installations are sites (消防设施, 公共消防设施, 消防基础设施: site-type convention 6); 消防器材设施 is
    # equipment
    return head in _WEAK_HEADS and (_EQUIPMENT.search(modifier) is not None
                                    or "消防" not in modifier and _PARTY_MODIFIER.search(modifier) is not None)


def _ends_word(text: str, end: int) -> bool:
    """Whether a head noun ends a word there (小区 in 小区域 does not)."""
    from policykg.ingest.extract.agencies import on_word_boundary

    # a character outside jieba's runs (、，。 …) is always a word of its own: no need to segment the text
    return end >= len(text) or not _RUN_CHAR.match(text, end) or on_word_boundary(text, end)


# a character jieba segments inside runs (words.py's _HAN); the head noun before it is never "\r"
_RUN_CHAR = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")


# whether find_site_types adds the learned tagger's labels to the rules' (learned_sites.py; the
# combination and its figures are in benchmarks/site_tagger.py). Off: it gains half a point of F1 on CV
# (at the edge of noise) and a point on held-out, but costs +64% extraction CPU, which fast extraction
# (issue 18) cannot pay, and a model trained on dev makes dev-check's site-type figures in-sample for every
# rule measured on them.
LEARNED = False


@contextmanager
def learned(on: bool):
    """find_site_types with the learned tagger on or off inside the block (benchmarks compare the two)."""
    global LEARNED
    was, LEARNED = LEARNED, on
    find_site_types.cache_clear()
    try:
        yield
    finally:
        LEARNED = was
        find_site_types.cache_clear()


@lru_cache(maxsize=2048)
def find_site_types(text: str) -> tuple[str, ...]:
    """The site labels ``text`` names, as written: the rules' (``rule_site_types``), then, when ``LEARNED``,
    the labels the learned tagger reads where no rule label stands."""
    rules = rule_site_types(text)
    if not LEARNED:
        return rules
    from policykg.ingest.extract.learned_sites import add_learned

    return add_learned(text, rules)


@lru_cache(maxsize=2048)  # (a heading's text is asked again for each item under it)
def rule_site_types(text: str) -> tuple[str, ...]:
    """The site labels ``text`` names by the rules, as written, each once, in order of first mention; a later
    shortened repeat of a kind named in full (城镇老旧小区 … 老旧小区) is that kind again (site-type convention
    5), while a list neighbour that one label contains (高层建筑、超高层建筑) is a kind of its own."""
    out: list[SiteLabel] = []
    for s in find_site_labels(text):
        if any(s.text in o.text and o.text != s.text and not _neighbours(text, o, s) for o in out):
            continue
        out.append(s)
    return tuple(dict.fromkeys(s.text for s in out))


def _neighbours(text: str, a: SiteLabel, b: SiteLabel) -> bool:
    """Whether two labels of ``text`` (spans from 0) stand next to each other in a list: only a joining
    character (or quotes) between them."""
    between = text[a.span.end:b.span.start]
    return len(between) <= 3 and all(c in "、和及与或“”\"" for c in between)


# a heading's number (第三章, 第十八条, （三）, 三、, 1.) is not part of what the heading says
_HEADING_NUMBER = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[编章节条]|[（(]?[一二三四五六七八九十百\d]{1,3}[)）、.．﹒]?)\s*")


def heading_site_types(heading: str) -> tuple[str, ...]:
    """The kinds of site a section heading or a list's lead-in names ((三)高层建筑消防安全治理, 第三章 消防设施,
    在居民住宅区内不得有下列行为): what stands under it is about them (site-type convention 2)."""
    body = _HEADING_NUMBER.sub("", heading, count=1)
    # a lead-in of several sentences is a preamble over the whole text (建设自由贸易试验区…。…提出如下措施：), as
    # the title is: it restricts nothing
    if "。" in body:
        return ()
    found = rule_site_types(body)
    return () if found and _two_topics(body) else found


# what a heading may join to a site as a topic of its own (消防站和消防装备建设, 消防基础设施和队伍建设)
_OTHER_TOPIC = re.compile(r"装备|器材|队伍|力量|车辆|物资|人员")


def _two_topics(body: str) -> bool:
    """Whether a heading joins a kind of site with a subject that is no site (…站和…装备建设): a table of contents
    of two topics, which restricts nothing (site-type convention 15); the items on the site name it themselves."""
    return any(_OTHER_TOPIC.search(member) and not rule_site_types(member)
               for member in re.split(r"以及|[和及与、]", body) if member)


def with_heading_sites(own: tuple[str, ...], headings: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """A unit's own labels, then the heading labels that none of them names already (the unit's 共用消防设施
    is the kind of 第三章 消防设施: one entry per kind)."""
    return _beside(own, (label for heading in headings for label in heading_site_types(heading)))


def with_item_sites(own: tuple[str, ...], items: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """A list's lead-in with the kinds its items name (对下列生产经营单位应当进行重点检查：（二）宾馆、饭店…; 应当设置
    以下设施：（一）消防设施…): when the items are kinds or things, not duties, they say what the lead-in's duty
    bears on."""
    return _beside(own, (label for item in items for label in rule_site_types(item)))


def _beside(own: tuple[str, ...], labels) -> tuple[str, ...]:
    """``own``, then each label that none before it names (one entry per kind)."""
    out = list(own)
    for label in labels:
        if not any(label in o or o in label for o in out):
            out.append(label)
    return tuple(out)


def concepts_of(labels: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The concept keys of written labels, each once, in order (labels no concept fits are left out)."""
    return tuple(dict.fromkeys(k for k in (concept_of(lab) for lab in labels) if k))


def label_of(key: str) -> str:
    """The Chinese preferred label of a concept key (the key itself when unknown)."""
    st = load_site_types().get(key)
    return st.label if st else key
