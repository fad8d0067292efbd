"""Site labels, left edge: where the modifier before a head noun begins, and which modifiers name no kind.

Decides how far an open label reaches back from its head noun (展览|场馆, 城市污水处理|设施): jieba's words back
from the head while they are nouns, at most ``_MAX_MODIFIER`` characters, stopped by a function word, a
governing verb (督促, 加强 …), an agent's predicate (平台|参与|园区), a place word (范围内|建设工程) or a verb an
adverb qualifies; a modifier that opens with a level of government (区|档案馆) or is a place name alone (崂山|实验室) is
one named place, no kind, while a place name before the words of a kind is dropped (济南|人工智能创新发展试验区). Also the modifiers that name no kind (相关, 本单位, 成员 …, or a verb governing them:
违法改变|生产经营场所), the level, rank and scope words that a label drops (国家级|高新区, 全市|工业数据中心), a
verb that names what a facility is for (在|充电设施), whether a bare head opens its phrase (提升|矿井), and the
jieba tagger and word boundaries every site-type module reads words with.

Gold site-type conventions (tests/gold/obligations/README.md): 6 (a facility named by its purpose), 9 (a named
place or a government unit is no kind of site), 12 (a label keeps the words that make the kind, not those that
rank, scope or place it).
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.ingest.extract.cues import DUTY_CUE
from policykg.ingest.extract.unit_kinds import classify
from policykg.ingest.extract.words import tagged_words

# a modifier is the words before the head (消防技术服务 + 机构, 城市污水处理 + 设施); a preposition, particle,
# adverb or a verb that governs the phrase (督促, 加强 …) ends it on the left
_FUNCTION_TAGS = ("p", "c", "u", "d", "r", "x", "ad", "vd", "f", "t", "m", "q", "y", "e", "o")
_GOVERNING = frozenset(["加强", "督促", "推进", "开展", "落实", "检查", "排查", "整治", "管理", "监管", "指导", "组织", "建立", "完善", "推动", "实施", "规范", "清理", "整改", "巡查", "宣传", "引导", "改造", "建设", "设置", "配备", "配置", "做好", "严格", "全面", "深入", "持续", "加大", "健全", "提升", "确保", "涉及", "包括", "针对", "围绕", "聚焦", "依托", "利用", "鼓励", "支持", "培育", "发展", "打造", "推广", "创建", "督查", "督导", "排摸", "摸清", "掌握", "负责", "协调", "明确", "保障", "保证", "加快", "促进", "深化", "强化", "优化", "开放", "使用", "进入", "进行", "对于", "对", "向", "在", "以", "为", "将", "把", "由", "从"])


_MAX_MODIFIER = 10
_CODE = re.compile(r"[0-9]*[A-Za-z][A-Za-z0-9]*")


# modifiers that name no kind of place (相关场所, 本单位, 成员单位, 有关企业)
_GENERIC_MODIFIERS = re.compile(r"^(?:各类?|有关|相关|上述|以上|其他|同类|此类|这些|该|本|各种|一些|部分|所有|重点|特定|成员|"
                                r"责任|牵头|配合|主管|管理|使用|产权|相关职能|职能|行政|社会|生产经营|个人|本级|下属|所属|"
                                r"直属|系统|行业|地方|中央|国有|民营|大型|中小|小微|新|该类|工作|实施|建设|施工|设计|监理|"
                                r"经营|生产经营|固定生产经营|非生产经营|活动|公共活动|危险|现有|既有|全区|全市|全镇|辖区|"
                                r"每处|每个|作业|虚拟|同一|同一座|同一栋|相应|所在)$|^.*(?:单位|区域)$")


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


def _split_noun(words: list[tuple[str, str]], i: int) -> bool:
    """Whether words[i] is a one-character verb jieba cut from a noun it does not know, with the one-character noun
    after it (算|力 基础设施): the two are one noun of the modifier, no verb governing it."""
    return words[i][1] == "v" and len(words[i][0]) == 1 and i + 1 < len(words) \
        and len(words[i + 1][0]) == 1 and words[i + 1][1].startswith("n")


# the words before a verb that make it the name of an activity, not a predicate: a noun (工业互联网|发展, 资源化|利用,
# 人才|管理), a nominal verb or a set phrase (一体化|发展), another act of the activity (创新|发展)
_ACTIVITY_OBJECT_TAGS = ("n", "vn", "l", "v")
# how jieba tags a verb used as the name of an activity (发展, 管理, 利用); a verb it tags v (建立, 开展) acts on the place
_NOMINAL_ACTS = ("vn", "n")
# the governing words that also name the activity a place is for or shows (…发展示范区, …利用设施, …宣传设施, …保障设施,
# …改造项目); those that put or build a place (建设, 设置, 建立, 配置) or act on it (检查, 组织, 开展) never do
_ACTIVITIES = frozenset(["发展", "管理", "利用", "改造", "保障", "宣传", "整治", "监管"])


def _names_the_use(words: list[tuple[str, str]], i: int) -> bool:
    """Whether a verb that elsewhere governs a phrase (发展, 利用, 管理), written in the run of verbs right before a
    head with a noun before it (工业互联网|发展|示范区, 资源化|利用|设施, 人才|管理|改革|试验区), names the activity the
    place is for or shows, as 集中充电|场所 does: part of the kind, not a verb acting on it (加快|发展|示范区)."""
    if i == 0 or words[i][0] not in _ACTIVITIES or words[i][1] not in _NOMINAL_ACTS:
        return False
    w, flag = words[i - 1]
    return flag.startswith(_ACTIVITY_OBJECT_TAGS) and flag != "ns" and w not in _GOVERNING \
        and not _acted_by(words, i - 1)


# a noun that names a person by its suffix (专人, 居民, 工作人员, 经营者, 农户): a doer, never what an activity is about
_PERSON_NOUN = re.compile(r"[人民员者户]$")


def _acted_by(words: list[tuple[str, str]], j: int) -> bool:
    """Whether words[j], right before an activity word, is who does it, so that the activity is the clause's
    predicate (由专人|管理|场所, 居民|利用|住宅, 乡镇政府|宣传|设施) or follows a modal (各单位要|利用|设施), not the
    noun a compound kind names the activity by (资源化|利用|设施, 城乡物流|管理|试验区): the agent after 由, a unit the
    agency grammar reads, a person noun, or a word of duty or power (要, 应当, 须)."""
    w = words[j][0]
    return j > 0 and words[j - 1][0] == "由" or DUTY_CUE.fullmatch(w) is not None \
        or _PERSON_NOUN.search(w) is not None or classify(w, strict=True) is not None


def _modifier_start(text: str, head_start: int, floor: int) -> int:
    """Where the nouns before a head begin: jieba words back from the head while they are nouns, at most
    _MAX_MODIFIER characters and never before ``floor`` (the end of the previous label); -1 when the nouns
    open with a level of government (区档案馆) or are a place name alone (崂山实验室): one named place, not a kind of
    site; a place name before the words of a kind is left out (青岛|人工智能创新应用先导区: site-type convention 12)."""
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
    noun_passed = qualified = False
    acts_only = True  # (only verbs passed so far: the run of acts right before the head)
    for i in range(len(words) - 1, -1, -1):
        w, flag = words[i]
        if _split_noun(words, i):
            flag = "n"
        if (flag.startswith(_FUNCTION_TAGS) and not _CODE.fullmatch(w)) \
                or w in _GOVERNING and not (acts_only and _names_the_use(words, i)) \
                or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9“”]+", w):
            break  # (5G基站: a code of letters and digits is a modifier)
        if flag == "i":
            # 擅自改变|住宅, 停止使用|相应设施, 积极参与|市重点工程: a set phrase jieba keeps whole is a predicate
            # or a fitting's use (应急照明|设施, as 安全|设施), no words of a kind of site
            break
        if (noun_passed or qualified and len(w) > 1) and (flag == "v" or w[-2:] in _GOVERNING):
            # 开展|高标准农田, 推介|贫困地区精品景点, 构成|重大危险源: a verb before nouns or an adjective governs them
            # (居住|场所, 集中充电|场所: a verb right before the head says what the place is for)
            break
        noun_passed = noun_passed or flag.startswith("n")
        qualified = qualified or flag == "a"
        acts_only = acts_only and flag in ("v", "vn")
        start -= len(w)
    start = _after_a_predicate(text, start, head_start)
    named = False
    listed = text[:start].endswith(_LIST_JOINERS) and _names_a_thing(text[:start - 1])
    verbs: list[str] = []
    opening = tagged_words(text[start:head_start], _pos())
    for i, (w, flag) in enumerate(opening):  # a verb opening it governs it (规范|场所)
        if flag != "v" or _split_noun(opening, i):
            named = w in _LEVELS
            if not named and flag == "ns" and _is_region_name(w) and start + len(w) < head_start:
                # 济南|国家新一代人工智能创新发展试验区, 青岛|人工智能创新应用先导区: one named site, recorded by its kind
                # (site-type convention 12); a name with nothing between it and the head names no kind (崂山|实验室)
                start += len(w)
            else:
                named = named or flag == "ns" and _is_region_name(w)
            break
        verbs.append(w)
        start += len(w)
    if start == head_start and verbs and listed:
        # 火情监测和|瞭望设施 (a list member), 破坏|防火隔离带 (a verb before a verb): the verb next to the head
        # names what the place is for, as a noun would
        start -= len(verbs[-1])
    if not named:
        # a place name inside the modifier (科学城重庆|高新区, 国家实验室济南|基地): what stands before it names
        # another place or a body, and the kind is what follows it
        at = start
        for w, flag in tagged_words(text[start:head_start], _pos()):
            at += len(w)
            if flag == "ns" and at > start + len(w) and _is_region_name(w):
                start = at
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
# scope words before a kind (全市|工业数据中心, 全镇|小型建设工程): where, not what kind (site-type convention 12)
# and the words that scope a kind to all or some of its members (全国|建设工程, 全部|建设工程, 有关|专业建设工程, 有关|消防设施):
# which ones, not what kind; what remains is the kind, or a generic head that names none (sites 6, 7 and 12); a word
# that only opens with one (全国性) is no scope word: cut there, the label would start inside it (性交易场所)
_SCOPE = re.compile(r"(?:全|本|各)(?:省|市|区|县|镇|乡|街道)|全国(?!性)|全部|所有|有关|相关|上述")


def _governed_generic(modifier: str) -> bool:
    """Whether the modifier is a verb and the generic words it governs (违法改变|生产经营 + 场所): the bare
    regulated place, acted on."""
    words = tagged_words(modifier, _pos())
    for i in range(1, len(words)):
        if words[i - 1][1] == "v" and _GENERIC_MODIFIERS.match("".join(w for w, _ in words[i:])):
            return True
    return False


def _ends_word(text: str, end: int) -> bool:
    """Whether a head noun ends a word there (小区 in 小区域 does not)."""
    from policykg.ingest.extract.agencies import on_word_boundary

    # a character outside jieba's runs (、，。 …) is always a word of its own: no need to segment the text
    return end >= len(text) or not _RUN_CHAR.match(text, end) or on_word_boundary(text, end)


# a character jieba segments inside runs (words.py's _HAN); the head noun before it is never "\r"
_RUN_CHAR = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")
