"""Acts on a unit: whether a phrase opens with a verb or function word that acts on a unit, rather than naming one.

``_verb_first`` decides 发动村居委 (an act: 发动 and its object) from 审计部门 or 居委会 (names whose first word jieba
also reads as a verb): a sector the dictionary knows before a department head (教育主管部门, 建设行政主管部门), a
body named by its task (集中采购小组) and a zone's own name (自贸试验区相关职能部门) open a name; an adverb, a
function word or a verb whose object is itself a unit open an act. ``unit_kinds.classify`` refuses such phrases.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.ingest.extract.agencies import load_dictionary
from policykg.ingest.extract.unit_heads import (
    _BODY_NAMED_BY_ITS_TASK,
    _NOT_IN_NAME,
    ZONE_HEADS,
    _pos_tokenizer,
)
from policykg.ingest.extract.unit_levels import LEVEL_WORDS, split_prefix
from policykg.ingest.extract.words import tagged_words

# the head a sector word stands before (行政主管部门, 主管部门, 行政管理部门, 监督管理机构): no object of a verb
_SECTOR_HEAD_END = re.compile(r"(?:行政)?(?:主管|管理|监督管理)?(?:部门|机关|机构)$")


def _sector_then_head(word: str, rest: str) -> bool:
    """Whether ``word`` + ``rest`` is a sector and a department head (建设行政主管部门, 发展改革主管部门): the head
    right after the word, or after words that continue it into the stem of a dictionary name (发展改革委)."""
    m = _SECTOR_HEAD_END.search(rest)
    if m is None:
        return False
    stem = word + rest[:m.start()]
    return stem in _sector_stems() if m.start() else word in _sector_words()


@lru_cache(maxsize=1)
def _sector_stems() -> frozenset[str]:
    """Every beginning (two characters or more) of a unit name of the dictionary (发展改革 of 发展改革委)."""
    return frozenset(a[:k] for a, e in load_dictionary().by_alias.items() if e.scope != "collective"
                     for k in range(2, len(a)))


@lru_cache(maxsize=1)
def _sector_words() -> frozenset[str]:
    """The words of the dictionary's unit names (住房和城乡建设局: 住房, 城乡建设, 建设 …): the sectors a verb-like
    word (建设, 规划, 审计) names when a department head follows it."""
    out: set[str] = set()
    for alias, entry in load_dictionary().by_alias.items():
        if entry.scope == "collective":
            continue
        for i in range(len(alias) - 1):
            out.add(alias[i:i + 2])
    return frozenset(out)


def _manner_then_verb(word: str) -> bool:
    """Whether a four-character word is an adverb of manner and a verb (充分发挥, 认真落实, 认真贯彻), whatever jieba
    tags the whole word: the halves are looked up as words of their own."""
    tags = _pos_tokenizer().word_tag_tab
    return tags.get(word[:2], "") in ("d", "ad") and (tags.get(word[2:], "").startswith("v") or word[2:] in _NOT_IN_NAME)


# the heads of bodies set up for a task (调查组, 工作组, 集中采购小组, 数字政府专班, 指挥部): named by the task, whose
# verb opens the name (the task-named bodies of ``unit_heads``, 联合采购办公室, with any verb)
_TASK_BODY_END = re.compile(r"(?:组|专班|指挥部)$")
# verbs that set up, send, staff or direct a body: before one they are an act on it (组建专家组, 派出工作组)
_ACTS_ON_A_BODY = frozenset(["组建", "设立", "建立", "成立", "派出", "派", "派驻", "选派", "增派", "下派", "委派", "外派",
                             "进驻", "入驻", "抽调", "组织", "召集", "调整", "撤销", "充实",
                             "建设", "筹建", "新建", "组成", "牵头", "依托", "指导", "督促", "协调", "配合", "会同", "协助",
                             "参加", "参与", "加入", "通知", "邀请", "接受", "听取", "发挥", "健全", "完善", "加强", "服从",
                             "听从", "请求", "报告", "报送", "请示", "提请", "报请", "联系", "对接"])


def _task_verb(verb: str, rest: str) -> bool:
    """Whether ``verb`` opens the name of a body set up for a task (集中|采购小组) rather than acting on a body named
    after it: a word of two characters or more that sets up, sends or directs no body, before a rest that opens
    with no level, region or set marker and is no name of the dictionary (求|市级应急指挥部, 服从|区指挥部: the
    unit starts after the verb)."""
    return len(verb) >= 2 and verb not in _ACTS_ON_A_BODY and not _SET_OR_RANK.match(rest) \
        and not split_prefix(rest, None)[0] and load_dictionary().lookup(rest) is None


_SET_OR_RANK = re.compile(r"(?:有关|相关|各|其他|其它|下级|上级|本级|同级)")
_FUNCTION_START = ("d", "ad", "vd", "p", "c", "u", "m", "q", "f", "t")


# the tags a zone's own name gets (西部|f of 西部科学城, 自|p of 自贸试验区 cut short) are no function words: a run
# that opens with a zone and goes on to a unit names the zone's body (西部科学城重庆高新区管委会, 自贸试验区相关职能部门)
_ZONE_OPENING = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:" + "|".join(ZONE_HEADS) + ")")
_NOT_IN_A_ZONE_NAME = ("v", "p", "c", "d", "u", "r", "m")


def _zone_opens(text: str) -> bool:
    """Whether ``text`` opens with a zone's name (…试验区, …高新区: ``ZONE_HEADS``) and goes on to more words,
    the zone's name holding no verb, preposition or other function word when read whole (支持国家级开发区: an act)."""
    m = _ZONE_OPENING.match(text)
    if m is None or m.end() == len(text) or not _ZONE_OPENING.fullmatch(text, 0, m.end()):
        return False
    words = []
    for w, flag in tagged_words(text, _pos_tokenizer()):
        if sum(len(x) for x, _ in words) >= m.end():
            break
        words.append((w, flag))
    # single characters side by side are one word the dictionary lacks (自|贸 of 自贸): their tags are guesses
    unknown = {k for k in range(len(words)) if len(words[k][0]) == 1
               and (k and len(words[k - 1][0]) == 1 or k + 1 < len(words) and len(words[k + 1][0]) == 1)}
    return not any(flag[:1] in _NOT_IN_A_ZONE_NAME for k, (_, flag) in enumerate(words) if k not in unknown)


@lru_cache(maxsize=8192)
def _verb_first(text: str) -> bool:
    """Whether ``text`` is an act on a unit rather than a unit: it opens with an adverb or function word
    (全面应用政法委), or with a verb whose object is itself a unit (发动村居委, 建成消防救援大队); a name
    opens with a place, a level or a noun (审计部门 and 居委会 open with words jieba also reads as verbs)."""
    if text[:1] in "各本" or text.startswith(("其他", "有关", "相关", "全市", "全区", "全县", "全镇", "全乡", "全体")) \
            or any(text.startswith(p) for p in LEVEL_WORDS) or _BODY_NAMED_BY_ITS_TASK.match(text) \
            or _zone_opens(text):
        return False  # (联合采购办公室: a body named by its task, no act on a unit)
    for w, flag in tagged_words(text[:8], _pos_tokenizer()):
        if load_dictionary().lookup(w) is not None or w == text:
            return False
        if len(w) == 4 and _manner_then_verb(w):
            return True  # 充分发挥…, 认真落实…: an adverb and a verb written as one word open a predicate
        if flag in _FUNCTION_START:
            return True
        if flag not in ("v", "vn", "r"):
            return False
        if flag != "r" and _TASK_BODY_END.search(text) and _task_verb(w, text[len(w):]):
            return False  # 集中采购小组, 生产安全事故调查组: a body set up for a task is named by it, verb included
        if flag != "r" and not _SET_OR_RANK.search(text, len(w)) and \
                any(load_dictionary().lookup(w + suf) is not None for suf in ("局", "部门", "委", "厅")):
            return False  # 教育主管部门: a sector the dictionary knows (教育局), not the verb 教育
        if flag != "r" and not _SET_OR_RANK.search(text, len(w)) and _sector_then_head(w, text[len(w):]):
            return False  # 建设行政主管部门, 发展改革主管部门: words of the dictionary's unit names before a department
            # head, no verb
        # (组织有关部门, 组织政府有关部门, 组织下级人民政府: a sector word stands before its head, never before a set
        # marker or a rank: the verb 组织 and its object)
        from policykg.ingest.extract.unit_kinds import classify  # (classify builds on this module)

        rest = text[len(w):]
        d = load_dictionary()
        return classify(rest) in ("unit", "collective", "self") or any(d.lookup(rest[i:]) is not None
                                                                         for i in range(len(rest) - 1))
    return False
