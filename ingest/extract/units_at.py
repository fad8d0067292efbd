"""Finding units where they stand: the longest unit list that starts at a position of a clause.

``longest_units_at`` tries the ends where a unit list may stop (after a head, an alias, a bracket or a
person word: ``_end_positions``, found once per text), longest first, and keeps the first one followed by
what the caller accepts (a verb, a cue) that ends on a word boundary and reads as a list (``units_of``).
A unit before 和个人 is a party (有关单位和个人: gold README roles 4); a short-form declaration
（以下简称“…”） is no part of a name (roles 4: a defined term is the unit it names).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from policykg.ingest.extract.agencies import INSTITUTION_KINDS, AgencyHit, load_dictionary, on_word_boundary
from policykg.ingest.extract.scan import literal_trie
from policykg.ingest.extract.unit_heads import (
    _PAREN,
    _PERSON_LAST,
    MULTI_HEADS,
    SINGLE_HEADS,
    _pos_tokenizer,
    _strip_tail,
)
from policykg.ingest.extract.unit_kinds import _EACH_ZONE, _KIND_LAST, _RESTRICTED_KIND, ZONE_HEADS
from policykg.ingest.extract.unit_levels import _EACH_LEVEL, _REGION_PLURALS, _SET_OF_REGIONS, SELF_NAMES
from policykg.ingest.extract.unit_lists import (
    _EACH_PLACE,
    _PLACE_WORD,
    ASSOCIATION_ENDS,
    KIND_CLOSINGS,
    _end_chars,
)
from policykg.ingest.extract.unit_naming import units_of
from policykg.ingest.extract.words import words
from policykg.ingest.model import Region

_NP_RUN = re.compile(r"[\u4e00-\u9fff、（）()〔〕]*")
# a head character followed by one that makes a word of it with no unit in it (…管理所需经费, …事故处置)
_HEAD_OPENS_WORD = frozenset(["所需", "所得", "所用", "所涉", "所必", "所产", "所发", "所造", "所提", "处理", "处置", "处罚",
                              "室内"])


def longest_units_at(text: str, pos: int, region: Region | None, offset: int = 0,
                     follow: re.Pattern[str] | None = None, limit: int = 160,
                     registry=None) -> tuple[list[AgencyHit], int] | None:
    """The longest unit list that starts at ``pos`` and is followed by what ``follow`` accepts (a verb,
    a cue), with the position where it ends; None when no unit list starts there."""
    if text[pos:pos + 1] in "（(":
        pos += 1  # （街道办事处）: the bracket is not part of the name
    for e in _candidate_ends(text, pos, limit):
        if follow is not None and not follow.match(text, e):
            # (most positions are followed by no predicate: the two readings past a 及 or a 等 are asked only there)
            after = text[e:e + 1]
            if not (after == "及" and _staff_then_follow(text, e, follow)
                    or after == "等" and _etc_then_follow(text, e, follow)):
                continue
        hits = _units_ending_at(text, pos, e, region, offset, registry)
        if hits and any(_a_kind_only(h.name) for h in hits) and not _kinds_doing_a_task(text, pos, e):
            continue
        if hits and text[e:e + 1] in _PAIR_JOINERS and _PARTIES_PAIR.match(text, e):
            # 有关单位和个人, 任何单位和个人: every party, as 个人 is; no unit of administration
            hits = [h for h in hits if not (h.scope == "collective" and h.text.endswith("单位"))]
            if not hits:
                return None
        if hits:
            return hits, e
    return None


# a duty written right after an institution or zone named by its kind: the kind is given the task (README roles 17);
# a kind before any other word is a topic (高校在…取得突破, 国家级开发区在编人员, 国家级开发区可…: a permission)
_KIND_DUTY = re.compile(r"\s*(?:都|均|也|还)?(?:要(?![求素点])|应当|应(?![用急])|须|必须|负责|牵头|不得|严禁|会同|配合|协助|参与|参加|"
                        r"共同)")
# or a verb of doing opens the predicate (试点地区完成…, 国家级开发区制定…): the declarative duty of a plan, as for any
# subject (README roles 15); before 的 the act is an attribute (高校开展的研究), and a kind written after a verb is its
# object (授权自贸试验区制定…, 组织指导…学校开展…: README roles 10), no subject; nor is a verb before a noun of its state
# or outcome (试点地区完成情况纳入考核, 开发区落实进度: what is checked) a predicate
_KIND_DOES = re.compile(r"\s*(?:完成|制定|建立|健全|开展|落实|推进|推动|组织|实施|做好|抓好|出台|完善|加强|加快)"
                        r"(?!情况|进度|进展|成效|效果|结果|率)(?![^，,。；;]{0,12}的)")

# a set word after a kind opens the units the kind only places (自贸试验区相关职能部门, 试点地区有关部门, 开发区所属单位)
_KIND_MODIFIES = re.compile(r"相关|有关|所属|各(?!自)")
# 由X…组成的/构成的: what a thing is made of, no act of X (由高校和科研院所人员组成的委员会; 建立由政府储备和企业储备组成的
# 体系); 由A、B组成X，开展… is another reading (the units act)
MADE_OF = re.compile(r"[^，,。；;]{0,40}?(?:组成|构成)的")


def _kinds_doing_a_task(text: str, pos: int, e: int) -> bool:
    """Whether a list holding institutions or zones named by kind (中小学校, 国家级开发区) is the subject of a duty: a
    list started inside a list (机关、团体、学校、村（居）民委员会: its first members no units) is a law's formula for
    every organisation (README roles 17), and a kind with no duty or verb of doing after it (``_KIND_DOES``) is a
    topic, not an agency. After 由 the
    act that follows (the caller's predicate) is the kind's own (由试点地区推举…: README roles 15, 17), where 由 is a
    word of its own (the 由 of 自由贸易试验区 is not) and the kind does not modify the units after it (由试点地区有关部门…:
    those units act, 相关 is no verb there)."""
    if text[pos - 1:pos] == "由" and not _KIND_MODIFIES.match(text, e) and not MADE_OF.match(text, e) \
            and on_word_boundary(text, pos - 1):
        return True
    if text[pos - 1:pos] == "、":
        return False
    return _KIND_DUTY.match(text, e) is not None or _KIND_DOES.match(text, e) is not None and not _opens_with_a_verb(text[pos:e])


def _opens_with_a_verb(run: str) -> bool:
    """Whether the first word of ``run`` is one jieba tags a verb (授权|自贸试验区, 组织|指导…学校): the kinds after it are
    the verb's object."""
    # not shared with unit_lists._act_not_sector: that one cuts with _tokens, accepts only "v" (not "vd"), no length floor,
    # and asks the dictionary for stem+局/部门/委/办: the checks differ, not merged
    first = next(iter(words(run)), "")
    return len(first) >= 2 and load_dictionary().lookup(first) is None and \
        _pos_tokenizer().word_tag_tab.get(first, "") in ("v", "vd")


def name_run_end(text: str, pos: int) -> int:
    """Where the run of characters a name may hold (``_NP_RUN``) from ``pos`` ends (see ``follows_the_run``)."""
    return _NP_RUN.match(text, pos).end()  # (a run may be empty: it always matches)


def follows_the_run(text: str, pos: int, follow: re.Pattern[str]) -> bool:
    """Whether ``follow`` matches where the run of characters a name may hold (``_NP_RUN``) from ``pos``
    ends. A unit list from ``pos`` ends inside that run or at its end, so a ``follow`` that opens with no
    such character (a comma, a full stop, a colon) can match nowhere else: when this is False,
    ``longest_units_at`` with that ``follow`` finds nothing, and need not be asked."""
    return follow.match(text, _NP_RUN.match(text, pos).end()) is not None


# a unit's staff written after it and bound by a duty (消防救援机构及其工作人员应当…): the duty binds the unit, whose
# staff they are; an act or a breach written after them (…及其工作人员违反…的, 对…颁发…的) gives the unit no duty
_ITS_STAFF = re.compile(r"及其(?:工作人员|执法人员)(?:执行职务)?[，,]?(?=应当|必须|须|不得|严禁|要(?![求素点])|应(?![用急对]))")


def _staff_then_follow(text: str, e: int, follow: re.Pattern[str]) -> bool:
    """Whether the units ending at ``e`` are followed by their staff (及其工作人员) bound by a duty cue that
    ``follow`` accepts."""
    if text[e:e + 1] != "及":
        return False
    m = _ITS_STAFF.match(text, e)
    return m is not None and follow.match(text, m.end()) is not None


def _etc_then_follow(text: str, e: int, follow: re.Pattern[str]) -> bool:
    """Whether the units ending at ``e`` are closed by 等 with no kind word after it, the predicate right after
    (工业和信息化部、科技部等要…; 区应急局、区公安分局等负责…): 等 closes the list of units (gold README roles 3's
    amendment), as 等部门 does, and the act is each member's."""
    return text[e:e + 1] == "等" and _ETC_PREDICATE.match(text, e + 1) is not None and follow.match(text, e + 1) is not None


# what may follow such a 等 directly: a duty cue or a verb of the units' own act, never a word that opens a noun (等算力
# 基础设施, 等相关部门: the list names things, or its closing kind word follows)
_ETC_PREDICATE = re.compile(r"\s*(?:要(?![求素点])|应当|应(?![用急对])|须|必须|负责|牵头|会同|配合|协助|参与|参加|共同|分别|联合|"
                            r"按照|按(?=职责)|根据|依据|依照|结合|在各自|各自|均|都|也要|还要|加强|加快|做好|抓好|建立|研究|"
                            r"开展|推进|推动|制定|指导|督促|落实|完善|积极|切实|进一步|不得|严禁)")


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
# the heads of the public institutions and zones a text writes by kind (README roles 12, 17), which no unit head ends
_KIND_ENDS = tuple(INSTITUTION_KINDS) + ZONE_HEADS


@lru_cache(maxsize=1)
def _piece_end_trie() -> re.Pattern[str]:
    """What a piece ``_tail`` accepts may end with, spelt backwards, as one trie: read on the reversed
    text it says in one step whether one ends at a position. A head, a place word (各街道、镇), a self
    name, a dictionary alias of ``_tail``'s lengths, or the last character of a person word (which
    ``_strip_tail`` cuts, so that the piece ends before it)."""
    by_alias = load_dictionary().by_alias
    pieces = set(_PERSON_LAST) | set(SINGLE_HEADS) | _PLACE_LAST | set(MULTI_HEADS) | set(SELF_NAMES) | set(_REGION_PLURALS)
    pieces |= {a for a in by_alias if 2 <= len(a) <= 10}
    pieces |= set(KIND_CLOSINGS) | set(_KIND_ENDS) | set(ASSOCIATION_ENDS)
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
def _end_char_pattern() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(re.escape(c) for c in _end_chars())) + "]")


def _tail(text: str, pos: int, e: int) -> bool:
    """Whether text[pos:e] ends like a unit name, a person of one, a list's shared head or an institution or zone
    named by its kind: a cheap test before the list is parsed."""
    piece = _tail_piece(text, pos, e)
    return bool(piece) and (_ends_a_unit(piece) or piece.endswith(_KIND_ENDS)
                            or piece.endswith(ASSOCIATION_ENDS) and _LIST_MARK.search(piece) is not None)


# a list (、, 和, 及, 与 between members) may close with associations by kind, which ``read_list`` leaves out (README roles 34)
_LIST_MARK = re.compile(r"[、和及与]")


def _a_kind_only(name: str) -> bool:
    """Whether a unit's name ends in an institution or zone named by its kind (中小学校, 国家级开发区: README roles
    12, 17) and in nothing else a unit name ends with (医疗机构, 各预算单位, 各自贸试验区 and a zone's 管委会 are read
    as before)."""
    return name.endswith(_KIND_ENDS) and not _ends_a_unit(name)


def _tail_piece(text: str, pos: int, e: int) -> str:
    piece = _strip_tail(text[pos:e])
    if "（" in piece or "(" in piece or "〔" in piece:
        piece = _PAREN.sub("", piece)
    return piece


def _ends_a_unit(piece: str) -> bool:
    if piece[-1] in SINGLE_HEADS or piece.endswith(MULTI_HEADS) or piece in SELF_NAMES or _EACH_PLACE.fullmatch(piece):
        return True  # (各街道、镇: a set of places, read as one collective)
    if piece[0] == "各" and _EACH_LEVEL.fullmatch(piece) or piece[0] in "各有相" and _SET_OF_REGIONS.fullmatch(piece):
        return True  # 各有关省（市）, 相关省份
    if piece[-1] in _KIND_LAST and "的" in piece and _RESTRICTED_KIND.fullmatch(piece):
        return True  # 有森林消防任务的村
    if piece[-1] == "区" and _EACH_ZONE.search(piece):
        return True  # 各自贸试验区
    if _ends_with_a_set(piece):
        return True  # 有关部门、各地方; 区应急局、各街道、镇: a list's last member is a set of regions or places
    if piece.endswith(KIND_CLOSINGS) and "、" in piece:
        return True  # 工会、共青团、妇女联合会等团体: named bodies closed by their kind
    by_alias = load_dictionary().by_alias
    n = len(piece)
    return any(k <= n and piece[-k:] in by_alias for k in _alias_lengths_ending().get(piece[-1], ()))


# (the set marker first, the joiner before it looked behind: ``re`` then skips to the positions of a marker)
_MEMBER_OPENS = re.compile(r"[各有相](?<=[、和及与].)")


def _ends_with_a_set(piece: str) -> bool:
    """Whether a list's last member (written after 、/和/及/与) is a set of regions or of places named by a set marker
    (各地方, 各有关省（市）, 相关省份, 各街道、镇), which the tests above read only when it stands alone."""
    for m in _MEMBER_OPENS.finditer(piece):
        member = piece[m.start():]
        if _EACH_PLACE.fullmatch(member) or _EACH_LEVEL.fullmatch(member) or _SET_OF_REGIONS.fullmatch(member):
            return True
    return False


@lru_cache(maxsize=1)
def _alias_lengths_ending() -> dict[str, tuple[int, ...]]:
    """For each last character, the lengths (2 to 10) of the dictionary aliases ending in it: ``_tail`` asks
    about those suffixes only."""
    out: dict[str, set[int]] = {}
    for a in load_dictionary().by_alias:
        if 2 <= len(a) <= 10:
            out.setdefault(a[-1], set()).add(len(a))
    return {ch: tuple(sorted(ks)) for ch, ks in out.items()}
