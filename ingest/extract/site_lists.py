"""Site labels in lists and phrases: which list members are kinds of site, and which neighbours join into one.

Decides the members of a 、 list that take a label from their neighbours: a bare head noun next to a label
(大型厂房、仓库、园区) and a noun ending in a place character (开发区、港区、风景区、自然保护区等; the first member read
after the verb or preposition that governs the list: 对|住宅区、老旧建筑…), since the members of a list are of one
kind; whether two labels stand side by side in a list (高层建筑、超高层建筑: each its own kind, not a shortened
repeat); a kind named by its use written right before a kind of structure, joined into one label
(人员密集场所普通地下室); and the members of a list of modifiers before a head they share, each with the head
written out (火险预警、火情监测和瞭望设施 -> 火险预警设施, 火情监测设施).

Gold site-type conventions (tests/gold/obligations/README.md): 4 and 16 (list members beside the kind; the
place members count; a shared head written out), 5 (one entry per kind: list neighbours are kinds of their own), 17 (a kind written as
one noun phrase is one entry).
"""

from __future__ import annotations

import re

from policykg.ingest.extract.site_heads import _GAP_BREAK, _HEAD, SITE_HEADS
from policykg.ingest.extract.site_modifiers import _is_region_name, _modifier_start, _pos
from policykg.ingest.extract.site_vocabulary import SiteLabel, concept_of
from policykg.ingest.extract.words import tagged_words
from policykg.ingest.model import Span

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


# what joins the members of a list, and the characters a kind of place ends in (港区, 风景区, 储备库, 储存室; passages,
# halls and shafts: 门厅, 放映厅, 河道, 地下通道, 智能管道, 电缆井)
_LIST_SEP = re.compile(r"以及|或者|[、和及或与等，。；：！？\n（）()]")
_PLACE_CHARS = "区站房室库馆场园厅道井"
_NOUN_TAGS = ("n", "vn", "an", "b", "j")  # (j: an abbreviation, 通信|盲区)
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
        if text[a - 1:a] != "、":
            a = _nouns_after_the_predicate(words, a, b)  # (对|人流干道、消防车通道: the list's first member)
        if a < 0:
            continue
        words = tagged_words(text[a:b], _pos())
        if all(f.startswith(_NOUN_TAGS) and f != "ns" for _, f in words) and words[-1][1].startswith("n") \
                and not _is_region_name(text[a:b]):
            out.append((a, b))
            ends.add(b)  # (a member found makes the next one a neighbour of the list)
    return out


# what opens the first member of a list before its nouns: a preposition or a verb that takes the whole list as its
# object (对|人流干道、消防车通道…, 在|医院、居住区, 利用|老旧商业设施、仓储设施)
_PREDICATE_TAGS = ("p", "v")


def _nouns_after_the_predicate(words: list[tuple[str, str]], a: int, b: int) -> int:
    """Where the nouns of a list's first member begin when a preposition or a verb opens the segment (对|人流干道): the
    nouns after the last such word, two characters or more; ``a`` when none opens it, -1 when no nouns follow one."""
    at, cut = a, -1
    for w, f in words:
        at += len(w)
        if f in _PREDICATE_TAGS:
            cut = at
    if cut < 0:
        return a
    return cut if b - cut >= 2 else -1


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


def _neighbours(text: str, a: SiteLabel, b: SiteLabel) -> bool:
    """Whether two labels of ``text`` (spans from 0) stand next to each other in a list: only a joining
    character (or quotes) between them."""
    between = text[a.span.end:b.span.start]
    return len(between) <= 3 and all(c in "、和及与或“”\"" for c in between)


# A head shared by a list of modifiers (火险预警、火情监测和瞭望设施; 铁路、公路、民航客运场站; 高层、地下公共建筑): the last member
# carries the head, and each member before it takes that head, written out (site-type convention 4: 高层、地下公共建筑 ->
# 高层公共建筑, 地下公共建筑). A member is a short run of nouns (or a noun and its act: 火情监测) with no head of its own and no
# label and no place character at its end: a member that is a kind of site itself (老旧小区和城中村消防设施, 民航客运场站及
# 轨道交通站点) lists kinds, not modifiers.
_MEMBER_JOINERS = "、和及与或"
_MAX_MEMBER = 6
_MAX_RUN = 10  # (the first member is read within the run before it: 在林区设置|火灾预警)
_SET_MEMBER = re.compile(r"^(?:各类?|有关|相关|上述|以上|其他|其它|这些|该|本|所有|部分|一些|同类|此类)|(?:单位|企业|区域|部门)$")


def _member_before(text: str, end: int, floor: int) -> tuple[int, bool] | None:
    """Where the member of a modifier list ending at ``end`` starts, and whether a joiner stands before it (more members);
    None when no member of nouns ends there."""
    k = end
    while k > floor and end - k < _MAX_RUN and "\u4e00" <= text[k - 1] <= "\u9fff" and text[k - 1] not in _MEMBER_JOINERS:
        k -= 1
    joined = k > floor and text[k - 1] in _MEMBER_JOINERS
    start = _modifier_start(text, end, k)
    if start < 0 or start == end or end - start > _MAX_MEMBER or joined and start != k:
        return None  # (a member between two joiners is nouns only: 检查、维修|… lists acts)
    return start, joined


# the word a modifier member ends in: an act the facility is for (预警, 监测, 转运调配, 储存) or a distinguishing word (大型,
# 高层); a member ending in a noun names a thing of its own (计量、标准、信息基础设施; 智能装备、智能工厂), a list of things
_MODIFIER_END_TAGS = ("v", "vn", "b")


def _modifier_like(member: str) -> bool:
    """Whether a list member ends in an act or a distinguishing word (火情监测, 大型), as a modifier of a shared head does."""
    words = tagged_words(member, _pos())
    return bool(words) and words[-1][1] in _MODIFIER_END_TAGS


def _labels_of(text: str) -> tuple[str, ...]:
    """The site labels of a text by every rule (site_labels reads this module: imported when called)."""
    from policykg.ingest.extract.site_labels import rule_site_types

    return rule_site_types(text)


def _kind_of_its_own(shared: str, members: list[tuple[int, int]], text: str) -> bool:
    """Whether a list of nouns (铁路、公路、水运、民航客运场站) shares the label's head (site-type convention 4): the part written
    once is a kind of site by itself, a modifier and a head noun (客运场站), not a bare head (工厂) nor a word with no kind of
    its own (基础设施), and the members are one word each, two at least, so that one stands between two joiners, a whole word
    (计量、标准、信息基础设施 and 智能装备、智能工厂 list things; in 超算中心、国际数据中心 the one noun before the joiner is the
    tail of a compound). A single noun member (高层、地下公共建筑) is left: it cannot be told from such a tail."""
    if shared in SITE_HEADS or _labels_of(shared) != (shared,):
        return False
    if len(members) < 2:
        return False  # (one noun before a joiner may be the tail of a compound: 超算中心、…数据中心; 验证中心和…中试基地)
    return all(len(tagged_words(text[x:y], _pos())) == 1 for x, y in members)


def written_out(text: str, offset: int, labels: list[SiteLabel]) -> list[SiteLabel]:
    """The members of a modifier list before a label, each with the label's head written out (火险预警、火情监测和瞭望设施
    -> 火险预警设施, 火情监测设施 beside 瞭望设施), in text order."""
    out: list[SiteLabel] = []
    spans = [(s.span.start - offset, s.span.end - offset) for s in labels]
    for s in labels:
        a = s.span.start - offset
        if text[a - 1:a] not in tuple(_MEMBER_JOINERS) or a < 2:
            continue
        if s.rule != "head_noun":
            continue  # (a vocabulary label, 应急避难场所, is one kind: no modifier of it is a member of a list)
        members: list[tuple[int, int]] = []
        # a member that is no modifier (流通基础设施建设、供应链服务、生产基地) lists things, unless the head written once is a
        # kind of its own (_kind_of_its_own)
        nouns = False
        end = a - 1
        floor = max([y for _, y in spans if y <= end], default=0)
        while True:
            m = _member_before(text, end, floor)
            member = text[m[0]:end] if m else ""
            if m is None or _HEAD.search(member) or _SET_MEMBER.search(member) or member[-1] in _PLACE_CHARS \
                    or any(x < end and m[0] < y for x, y in spans):
                members = []
                break
            nouns = nouns or not _modifier_like(member)
            members.insert(0, (m[0], end))
            if not m[1]:
                break
            end = m[0] - 1
        if not members:
            continue
        label_words = [w for w, _ in tagged_words(s.text, _pos())]
        k = min(len(tagged_words(text[members[-1][0]:members[-1][1]], _pos())), len(label_words) - 1)
        shared = "".join(label_words[k:])
        if k < 1 or len(shared) < 2 or not _HEAD.search(shared):
            continue
        if (nouns or not _modifier_like("".join(label_words[:k]))) and not _kind_of_its_own(shared, members, text):
            continue
        for x, y in members:
            written = text[x:y] + shared
            out.append(SiteLabel(written, Span(offset + x, offset + y), concept_of(written) or s.concept, "written_out"))
    return out
