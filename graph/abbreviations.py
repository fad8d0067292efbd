"""How an abbreviation relates to the full name it stands for (issue 13: a registry that links abbreviations to
full names by characters in order, 消防委 ↔ 消防安全委员会).

Characters in order alone say too little (区局 is in order in any 区X局), so the short name is read word by
word: each jieba word of the full name gives a piece that starts with its first character (银行保险监督管理委员会
-> 银保监会); only the words ``_may_vanish`` names may give nothing (fillers such as 和 and 管理, the 政府 of
人民政府 before a department, the body before an office, 监督管理 before a committee, 发展/开发 after a sector).
graph/agency_names.py asks this of every agency name in the
store, with the guards (kind, region, generic nodes) that keep different units apart.
"""

from __future__ import annotations

import functools

NATION_PREFIXES = ("中华全国", "国务院", "国家", "中国", "中华", "中共中央", "中央", "中共")
NATION = "中华人民共和国"
HEAD_SHORT = {"委员会": "委", "办公室": "办", "管理委员会": "管委"}


_FILLER_WORDS = frozenset({"和", "与", "及", "的", "管理", "人民"})


def _in_order(short: str, full: str) -> bool:
    """Whether ``short``'s characters occur in ``full`` in order."""
    it = iter(full)
    return all(c in it for c in short)


_LEVELS = frozenset("省市区县镇乡")


@functools.lru_cache(maxsize=4096)
def _name_words(full: str) -> tuple[str, ...]:
    """The jieba words of a full name: a level character glued by jieba into no word of its dictionary is a
    word of its own (市大数据发展管理局: 市 大 数据 …, not 市大 数据; 市场 stays); 管理 and 人民 split off a head (应急管理局:
    应急 管理 局); a national prefix split off a dictionary word holding a whole national unit (国家药品监督管理局:
    国家 药品监督管理局), else any short name with its characters in order (国管局, 国家机关事务管理局's) stood for it."""
    import logging

    import jieba

    jieba.setLogLevel(logging.ERROR)
    words: list[str] = []
    cut = jieba.lcut(full)
    if len(cut[0]) > 1 and cut[0][0] in _LEVELS and not jieba.dt.FREQ.get(cut[0]):  # 市大: no word of the dictionary
        cut = [full[0], *jieba.lcut(full[1:])]
    nation = next((p for p in NATION_PREFIXES if cut[0].startswith(p) and len(cut[0]) > len(p) + 1), "")
    if nation:  # 国家药品监督管理局 as one word: 国家 + the unit, whose first character must then be written
        cut = [nation, cut[0][len(nation):], *cut[1:]]
    for w in cut:
        if w[:2] in ("管理", "人民") and len(w) > 2:  # 应急管理局 -> 应急局, 人民政府 -> 政府
            words += [w[:2], w[2:]]
        else:
            words.append(w)
    return tuple(words)


# the body an office belongs to, left out before its head (扶贫开发领导小组办公室 -> 扶贫办, 网信办, 金融工作办公室 -> 金融办)
_BODY_OF_OFFICE = frozenset({"委员会", "领导小组", "工作领导小组", "小组", "工作小组", "联席会议", "工作"})


def _may_vanish(words: tuple[str, ...], at: int) -> bool:
    """Whether word ``at`` of a full name may give no piece of its abbreviation: a filler (和, 管理, 人民); the
    政府 of a level's 人民政府 before its department (市人民政府国有资产监督管理委员会 -> 市国资委); the body before an
    office (领导小组办公室 -> 办); 监督管理 before a committee (国有资产监督管理委员会 -> 国资委); a 发展/开发 after the
    sector (大数据发展管理局 -> 大数据局). A sector, place or kind word never vanishes."""
    w, last = words[at], len(words) - 1
    if w in _FILLER_WORDS:
        return True
    if 0 < at < last and w == "政府" and words[at - 1] == "人民":
        return True
    if at == last - 1 and ((w in _BODY_OF_OFFICE and words[last] == "办公室")
                           or (w in ("监督管理", "监督") and words[last] == "委员会")):
        return True
    return 0 < at < last and w in ("发展", "开发")


def abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` abbreviates ``full`` word by word: each word of ``full`` gives a piece of ``short``
    that starts with its first character (the head word: its first or last, 委员会 -> 委 or 会) and holds its
    characters in order; only the words of _may_vanish may give nothing. 银保监会 abbreviates 银行保险监督管理委员会 and
    区应急局 区应急管理局; 应急管理局 does not abbreviate 普陀区应急管理局, nor 县级以上人民政府部门 its 公安部门."""
    words = _name_words(full)
    # the positions of ``short`` reachable after each word, word by word: no recursion as deep as a query is long,
    # and no path tried twice (a query of many words that may vanish was a RecursionError, a 500)
    reach = {0}
    for wi, w in enumerate(words):
        starts = {w[0], w[-1]} if wi == len(words) - 1 else {w[0]}
        after = set(reach) if _may_vanish(words, wi) else set()
        for si in reach:
            if si == len(short) or short[si] not in starts:
                continue
            rest = w[w.index(short[si]) + 1:]
            for k in range(1, len(short) - si + 1):
                if not _in_order(short[si + 1: si + k], rest):
                    break
                after.add(si + k)
        if not after:
            return False
        reach = after
    return len(short) in reach
