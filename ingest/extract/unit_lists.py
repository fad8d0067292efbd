"""Unit lists: cutting a noun phrase into items, the head they share, and what each item is.

``read_list`` reads 区应急局、区教育局和区民政局 (items split at 、 outside brackets, and at 和/及/与/或 only where
the text before is a whole unit: 区事故灾难和自然灾害指挥部 stays one), 交通、公安等部门 (stems sharing the closing
head: each named member is a mention, gold README roles 3 amendment, also for 等负有…职责的部门), zones
sharing a 管委会, X及其部门 (the unit's departments, a set: roles 3) and sets of places (各街道、镇). A
regulated party in a list is left out (roles 4); an institution named by its kind is tolerated where a
subject is read. ``may_be_a_list`` is the cheap test on the last character before the parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policykg.ingest.extract.agencies import INSTITUTION_KINDS, load_dictionary
from policykg.ingest.extract.unit_heads import (
    _PAREN_TAIL,
    _PERSON,
    MULTI_HEADS,
    SINGLE_HEADS,
    _names_a_person,
    _pos_tokenizer,
    _strip_tail,
    _tokens,
    head_of,
    plain_words,
)
from policykg.ingest.extract.unit_kinds import (
    _REGULATED_PARTY,
    _ZONE,
    ZONE_HEADS,
    _verb_first,
    classify,
    zone_kind,
)
from policykg.ingest.extract.unit_levels import _ATOM, _COMPOUND_LEVEL, _REGION_PLURALS, SELF_NAMES
from policykg.ingest.extract.unit_tiers import _EACH_TIER, _TIER_ATOM, read_kinds, tier_groups  # noqa: F401 (re-exported)

_SHARED = re.compile(r"^(?P<stem>.+?)等(?P<mark>有关|相关|其他)?(?P<head>(?:行业|行政|主管|管理|职能|监管|监督|执法|综合|业务){0,3}"
                     r"(?:部门|单位|机构|机关)(?:和|及|、)?(?:部门|单位)?|管委会|管理委员会)$")
# a list closed by a department defined by its duty (应急管理、公安等负有安全生产监督管理职责的部门): the members are named
# sectors, as before any closing head (gold README roles 3 amendment); the head they share is the clause's head word
_SHARED_DESCRIBED = re.compile(r"^(?P<stem>.+?)等(?P<mark>有关|相关|其他)?(?:负有|承担|负责|具有)[^、等的]{1,24}的(?:有关|相关)?"
                               r"(?P<head>部门|机构)$")


# named bodies closed by 等 and the kind of organisation they are (工会、共青团、妇女联合会等团体): each named body is a
# mention (gold README roles 3 amendment), the kind names none of its own
_NAMED_THEN_KIND = re.compile(r"^(?P<stem>.+?)等(?:人民团体|群团组织|团体)$")
KIND_CLOSINGS = ("等团体", "等人民团体", "等群团组织")


_ZONE_HEADS = ("管委会", "管理委员会")


_ASIDE_TAIL = re.compile(r"[（(]以下(?:简称|统称|称)[^（）()]{1,20}[）)]$")
_JOINERS = ("以及", "或者", "及其", "和", "及", "与", "或")
_JOINER = re.compile("|".join(_JOINERS))  # tried in order, as the tuple is
_JOINER_OR_EACH = re.compile("|".join(_JOINERS) + "|各")
# words that open with a joiner's character but join nothing (由镇文物部门及时报上级部门: no unit 时报上级部门)
_NOT_JOINED = frozenset(["及时", "及早", "及格", "和谐", "和平", "和睦", "和解", "与会", "与否", "或许"])


@dataclass(frozen=True)
class Item:
    """One written item of a unit list: its text, where it starts, and what kind of item it is."""

    text: str
    start: int
    kind: str  # unit | collective | stem | self | its (the departments of the unit before: X及其部门)
    owner: str = ""  # for ``its``: the unit whose departments they are, as written


# a named unit closed by 等 and a generic kind word (国家卫生健康委等相关部门): the list's closing, before a joiner
_CLOSED_BY_KIND = re.compile(r"(?P<stem>[^等]{2,}?)等(?:有关|相关|其他)?(?:部门|单位|机构)")


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
        if j is not None and i > pos + 3 and piece[i - 1] in "门位构" and (km := _CLOSED_BY_KIND.fullmatch(piece, pos, i)) \
                and classify(km.group("stem"), strict=True) == "unit":
            # 应急部、国家卫生健康委等相关部门及各地区: 等 and its kind word close the named units before 及 (README roles 3
            # amendment: the closing 等相关部门 adds no entry), the members after 及 are read on their own
            out.append((km.group("stem"), start + pos))
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


# a social organisation written by its kind (相关行业组织, 行业协会, 商会, 有关学会, 产业联盟): no unit of administration
# (gold README roles 34); one named individually (中国互联网协会) is read by ``classify`` before this is asked
_ASSOCIATIONS_BY_KIND = re.compile(r"(?:各|有关|相关|其他|其它)?[^及和与、]{0,6}?(?:行业组织|社会组织|协会|商会|学会|联盟)(?:组织)?")
ASSOCIATION_ENDS = ("行业组织", "社会组织", "协会", "商会", "学会", "联盟")
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
    named_only = last.endswith(KIND_CLOSINGS) and (kind_m := _NAMED_THEN_KIND.match(last)) is not None
    if named_only:
        pieces[-1] = (last := kind_m.group("stem"), last_at)
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
    for k, (text, at) in enumerate(pieces):
        if not pending and _COMPOUND_LEVEL.fullmatch(text) or _ATOM.fullmatch(text) or \
                _EACH_TIER.fullmatch(text) and k + 1 < len(pieces) and _TIER_ATOM.match(pieces[k + 1][0]):
            # (X等和各省辖市、省直管县〔市〕政府: a set of levels opening after the list before it)
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
        if zone_head and (kind is None or kind == "unit" and zone_kind(text)) and _ZONE.fullmatch(text):
            kind = "stem"  # 城乡一体化示范区、…等管委会; 两江新区、…、万盛经开区管委会: each zone's 管委会
        elif kind is None and zone_head and _PAREN_TAIL.sub("", text).endswith(zone_head) \
                and _ZONE.fullmatch(_PAREN_TAIL.sub("", text)[:-len(zone_head)]):
            kind = "unit"
        if kind is None and (shared or _ends_generic(pieces[-1][0])) and 1 <= len(text) <= 10 and \
                re.fullmatch(r"[\u4e00-\u9fff]+", text) and plain_words(text, short_ok=len(text) <= 3) \
                and not _act_not_sector(text):
            kind = "stem"
        if kind is None and items and _ASSOCIATIONS_BY_KIND.fullmatch(text):
            continue  # 有关部门、各地方、相关行业组织: associations by kind take no entry (README roles 34), the units before them do
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
    if pending or named_only and (len(items) < 2 or any(i.kind != "unit" for i in items)):
        return None  # (…等团体: bodies named one by one, never sectors or sets)
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
    # not shared with units_at._opens_with_a_verb: that one cuts with words(), accepts "v" and "vd", needs two characters
    # and asks the dictionary for the first word itself: the checks differ, not merged
    first = _tokens(stem)[0]
    return _pos_tokenizer().word_tag_tab.get(first, "") == "v"


def _ends_generic(last: str) -> bool:
    """Whether a list's last item ends in a head its bare stems can share (卫生健康、疾控部门)."""
    return bool(re.search(r"(?:部门|行政管理部门|主管部门)$", last)) and classify(last) == "unit"


@lru_cache(maxsize=1)
def _end_chars() -> frozenset[str]:
    """Every last character of a piece ``_tail`` accepts, before its person word or brackets are cut:
    a head, a self name, a dictionary alias, a closing bracket, or the end of a person word."""
    ends = set(SINGLE_HEADS) | {h[-1] for h in MULTI_HEADS} | {n[-1] for n in SELF_NAMES} | set("）)〕")
    ends |= {w[-1] for w in _REGION_PLURALS}
    ends |= {a[-1] for a in load_dictionary().by_alias if len(a) >= 2}
    ends |= {w[-1] for w in re.findall(r"[\u4e00-\u9fff]+", _PERSON.pattern)}
    ends |= {w[-1] for w in KIND_CLOSINGS}  # 工会、妇联等团体
    ends |= {w[-1] for w in ASSOCIATION_ENDS}  # 有关部门、相关行业组织: a list may close with associations by kind
    ends |= {w[-1] for w in INSTITUTION_KINDS + ZONE_HEADS}  # 中小学校, 幼儿园, 国家级开发区: kinds (README roles 12, 17)
    return frozenset(ends)
