"""Site labels of a text: every kind of site a passage names, as written, by the site-type rules.

Decides the labels of one text in order: vocabulary labels widened to their head noun (site_heads), open
labels by head noun and modifier (site_heads, site_modifiers), enterprises of a trade (危险化学品生产企业) and
kinds of project or works (site_works), list members beside a label (site_lists), then leaves out what the work
is not about (site_untargeted), writes a head shared by a list of modifiers out for each member (火险预警、火情监测
和瞭望设施) and joins a kind to the kind it narrows; anything inside a document title (《…地下空间…办法》) is no
label. ``rule_site_types`` keeps one entry per kind: a later shortened repeat (城镇老旧小区 … 老旧小区) is the
same kind, a list neighbour is not.

Gold site-type conventions (tests/gold/obligations/README.md): 5 (one entry per kind), 4, 12 and 16 (a trade
before 等 and a generic head takes that head: 餐饮等场所 -> 餐饮场所), and, through the modules it calls,
1, 3, 6–10, 14, 17 and 18.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.ingest.extract.site_heads import (
    _GENERIC_AFTER_ETC,
    _GENERIC_HEADS,
    _HEAD,
    _ONLINE_HALL,
    _PERSONS,
    _STANDALONE_HEADS,
    _TRADES,
    _WEAK_HEADS,
    WHOLE_KIND_HEADS,
    _not_a_site,
    _paired_heads,
    _widen_right,
)
from policykg.ingest.extract.site_lists import (
    _like_members,
    _listed_with_a_label,
    _neighbours,
    _one_phrase,
    written_out,
)
from policykg.ingest.extract.site_modifiers import (
    _GENERIC_MODIFIERS,
    _RANK,
    _RANK_BEFORE,
    _SCOPE,
    _ends_word,
    _governed_generic,
    _modifier_start,
    _opens_a_phrase,
    _pos,
    _purpose_verb_start,
)
from policykg.ingest.extract.site_parties import _PARTY_ANY, _listed_with_parties
from policykg.ingest.extract.site_untargeted import _not_targeted
from policykg.ingest.extract.site_vocabulary import SiteLabel, _matcher, concept_of
from policykg.ingest.extract.site_works import _noun_after, project_kinds, trade_enterprises
from policykg.ingest.extract.words import tagged_words
from policykg.ingest.model import Span

# words that single places out without saying what kind they are: with a generic head (学校、医院、养老院等特殊场所)
# they name the list's category, as 等重点场所 does (site-type convention 4); with works they name a legal kind
# (特殊建设工程, convention 7) and stay
_NO_KIND = frozenset(["特殊", "特别", "特定"])

# what a label names the goods of when written right before it (轨道交通装备, 医院设备, 充电桩产品): equipment and
# products are no kind of site (site-type convention 6)
_GOODS_AFTER = re.compile(r"装备|设备|器械|产品")

# a head shared by a list of trades (餐饮、娱乐场所; 餐饮、住宿企业): each trade takes it (site-type convention 4, a shared
# head written out for each member; convention 8, enterprises and units named with a sector word are a kind)
_SHARED_HEAD = re.compile(r"(?:[、和及或与][^，。；：、等的（）()]{1,6}?)+?(场所|单位|企业)")

# the regulated party a kind belongs to, written before it (本单位重大危险源, 单位消防设施, 企业生产车间): a possessive, no
# words of the kind (site-type convention 6: 单位, 企业 name every regulated party)
_OWNER = re.compile(r"(?:本|该|各)?(?:单位|企业|公司)")

# titles (《上海市地下空间安全使用管理办法》) name documents, not the sites an obligation is about
_TITLE = re.compile(r"《[^《》]{0,80}》")


def _unquoted(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the quotation marks around it (“三合一” -> 三合一), inner ones kept (“九小”场所)."""
    if text[start:start + 1] in "“\"" and text.count("”", start, end) + text.count("\"", start + 1, end) <= 1 \
            and text[end - 1:end] in "”\"":
        return start + 1, end - 1
    return start, end


# 建筑 between a verb and a noun is the attribute of that noun (测试|建筑|消防设施, 拆卸|建筑|起重机械, 从事|建筑|活动, 停用|
# 建筑|消防设施): the verb governs the whole phrase, which names the fittings, machines or works of buildings, and the
# verb is no use of a kind of building (as 居住|场所 is); a kind before a noun (公共建筑|节能改造) stays
_ATTRIBUTIVE_HEADS = ("建筑",)


def _attributive(text: str, start: int, head: re.Match[str]) -> bool:
    """Whether an open label [start, head) is a verb and the head 建筑 that is the attribute of the noun after it."""
    if head.group(0) not in _ATTRIBUTIVE_HEADS:
        return False
    before = tagged_words(text[start:head.start()], _pos())
    if not before or before[-1][1] not in ("v", "vn"):
        return False
    return _noun_after(text, head.end())


# the rest of one noun phrase after a kind, up to another head (科学城|重庆高新区): no mark, joiner or 的 between
_PHRASE_TO_A_HEAD = re.compile(r"[^\W\d_a-zA-Z的和及与或等在对为向从由把将]{1,6}?(?=" + _HEAD.pattern + ")")


def _names_another_site(text: str, end: int) -> bool:
    """Whether a kind ending at ``end`` runs on into the name of another site (西部科学城|重庆高新区: the zone named by its
    place in the science city), so that it is part of that name, not a site of its own (site-type convention 12)."""
    return _PHRASE_TO_A_HEAD.match(text, end) is not None


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
        if end == m.end() and _GOODS_AFTER.match(text, end):
            continue  # 轨道交通|装备, 港口|设备: the goods of a trade (site-type conventions 6 and 8), no place
        if end == m.end() and m.group(0) in _TRADES:
            # 用于餐饮, 建筑施工等行业: a trade or a material, no kind of site without a head (餐饮场所); before 等 and
            # a generic head the member takes that head (餐饮等场所 -> 餐饮场所, site-type convention 12)
            g = _GENERIC_AFTER_ETC.match(text, end) or _SHARED_HEAD.match(text, end)
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
    attributes: list[int] = []  # ends of the 建筑 that are an attribute (测试建筑|消防设施): the next kind starts after one
    for h in _HEAD.finditer(text):
        if any(a <= h.start() < b for a, b in taken) \
                or h.group(0).endswith("厅") and _ONLINE_HALL.search(text, max(0, h.start() - 8), h.start()):
            continue
        floor = max([b for a, b in taken if b <= h.start()] + [b for b in attributes if b <= h.start()], default=0)
        if h.group(0) in WHOLE_KIND_HEADS and _ends_word(text, h.end()) and not _names_another_site(text, h.end()):
            # 齐鲁|科学城, 中科院济南|科创城, 国家|大科学装置: the words before the kind name, rank or place one site; it is
            # recorded by its kind (site-type conventions 9, 12 and 19)
            out.append(SiteLabel(h.group(0), Span(offset + h.start(), offset + h.end()), concept_of(h.group(0)), "head_noun"))
            taken.append((h.start(), h.end()))
            continue
        start = _modifier_start(text, h.start(), floor)
        if start < 0:
            continue
        if start == h.start() and h.group(0) in _WEAK_HEADS:
            start = _purpose_verb_start(text, h.start(), floor)
        if start == h.start():  # 省级以上|开发区: the level word ranks the kind, the head alone names it
            level = _RANK_BEFORE.search(text[max(floor, start - 6):start])
        else:  # 国家级|高新区, 省级|绿色数据中心, 全市|工业数据中心 (site-type convention 12)
            level = _RANK.match(text, start) or _SCOPE.match(text, start, h.start())
            if level is None:  # 厘清|国家级|开发区, 营造有利于|国家级|开发区: the words before a rank are no part of the kind
                level = next(iter(reversed(list(_RANK.finditer(text, start, h.start())))), None)
            start = start if level is None else level.end()
        owner = _OWNER.match(text, start, h.start())
        if owner is not None and owner.end() < h.start():
            start = owner.end()  # 本单位|重大危险源, 单位|消防设施: whose it is, no part of the kind
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
                or modifier in _NO_KIND and h.group(0) in _GENERIC_HEADS \
                or _HEAD.search(modifier) and not _paired_heads(modifier) or modifier.endswith("重点") \
                or not _ends_word(text, h.end()) \
                or _not_a_site(written, h.group(0), modifier):
            # (whether the head ends a word is asked late: it segments the whole run around it)
            continue
        if _attributive(text, start, h):
            attributes.append(h.end())
            continue
        out.append(SiteLabel(written, Span(offset + start, offset + h.end()), concept_of(written), "head_noun"))
        taken.append((start, h.end()))
    out.extend(trade_enterprises(text, offset, taken))
    out.extend(project_kinds(text, offset, taken))
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
    kept = [s for s in out if not _not_targeted(text, s.span.start - offset, s.span.end - offset)
            and not (parties and _listed_with_parties(text, s.span.start - offset, s.span.end - offset))]
    if any(text[s.span.start - offset - 1:s.span.start - offset] in _LIST_JOINERS for s in kept):
        kept = sorted(kept + written_out(text, offset, kept), key=lambda s: s.span.start)
    return _one_phrase(text, offset, kept)


_LIST_JOINERS = frozenset("、和及与或")  # (what may stand before a label whose head a list of modifiers shares)


# the heads of a venue, written one for another (文体场所 … 文体场馆, 体育馆场馆 … 体育场馆)
_VENUE_HEAD = re.compile(r"(?:场所|场馆|场地|馆|场)+$")


def _one_kind(a: str, b: str) -> bool:
    """Whether two labels name one kind of venue in two forms: the same words before a venue head (文体|场所,
    文体|场馆; 体育馆场馆, 体育场馆: site-type convention 12, one kind written in two forms is one entry)."""
    stem_a, stem_b = _VENUE_HEAD.sub("", a), _VENUE_HEAD.sub("", b)
    return a != b and len(stem_a) >= 2 and stem_a == stem_b and stem_a != a and stem_b != b


@lru_cache(maxsize=2048)  # (a heading's text is asked again for each item under it)
def rule_site_types(text: str) -> tuple[str, ...]:
    """The site labels ``text`` names by the rules, as written, each once, in order of first mention; a later
    shortened repeat of a kind named in full (城镇老旧小区 … 老旧小区) is that kind again (site-type convention
    5), while a list neighbour that one label contains (高层建筑、超高层建筑) is a kind of its own."""
    out: list[SiteLabel] = []
    for s in find_site_labels(text):
        if any((s.text in o.text and o.text != s.text or _one_kind(s.text, o.text)) and not _neighbours(text, o, s)
               for o in out):
            continue
        out.append(s)
    return tuple(dict.fromkeys(s.text for s in out))
