"""Site labels, works and trades: the kinds of project or works, and the enterprises of a trade, a text names.

Reads two kinds of label that ``find_site_labels`` adds after its open head-noun labels. An enterprise of a trade
is the goods and the activity written before 企业 (危险化学品生产企业, 食盐批发企业, 工业盐生产和销售企业), less the
rank, scope, time and set words before them (省级|食盐批发企业, 交由有关|危险化学品生产企业). A kind of project or works
is a project noun (``site_heads._PROJECT``) with the modifier that makes it a kind (小型建设工程, 技改项目), unless a
verb right before governs the works (从事|建设工程), the works name a register or a programme (重大工程|数据库,
知识产权|保护工程) or the party that does them (建设工程|设计企业), or nothing makes them a kind (建设工程: every
project). Each reader skips what a label read before it covers, and adds its own spans to those taken.

Gold site-type conventions (tests/gold/obligations/README.md): 6 (enterprises qualified by a trade count; parties
and goods do not), 7 (projects and works of a kind; a programme or a description is no site), 10 (a party enlisted
is no site).
"""

from __future__ import annotations

import re

from policykg.ingest.extract.site_heads import _PROJECT, _not_a_site
from policykg.ingest.extract.site_modifiers import (
    _GENERIC_MODIFIERS,
    _RANK,
    _SCOPE,
    _ends_word,
    _governed_generic,
    _modifier_start,
    _pos,
)
from policykg.ingest.extract.site_vocabulary import SiteLabel, concept_of
from policykg.ingest.extract.word_boundaries import on_word_boundary
from policykg.ingest.extract.words import tagged_words
from policykg.ingest.model import Span

# a register or a programme that works name the entries of (技术改造重点项目|库, 重大工程|数据库, 重大工程|专项): the
# measure builds the register or runs the programme, no works are acted on (site-type convention 7: a description or a
# programme is no site)
_REGISTER = re.compile(r"(?:数据库|储备库|库|专项|清单|名单|名录|目录)")

# a party whose trade the works name, written right after them (外商投资建设工程|设计企业, 技术改造工程|服务商, 重点项目|单位):
# the noun phrase names the enterprise or unit, a regulated or enlisted party, no works acted on (site-type conventions 6
# and 10)
_PARTY_OF_WORKS = re.compile(r"(?:设计|施工|监理|勘察|咨询|服务|总承包)?(?:企业|服务商|承包商|公司|单位|机构)")

# the activity of a trade before 企业 (生产企业, 批发企业, 生产和销售企业): with the goods before it the enterprise is a kind
_TRADE_ACTS = "生产|批发|零售|销售|经营|储存|运输|加工|制造|处置|发电|充装|回收"
_TRADE_ENTERPRISE = re.compile(f"(?:{_TRADE_ACTS})(?:[和、或及与](?:{_TRADE_ACTS}))*企业")
_ACT_END = re.compile(f"(?:{_TRADE_ACTS})$")  # 生产|经营企业: the regulated party of every trade, no goods
_CURRENT = re.compile(r"现有|既有|新增|新设|其他|其它")  # which enterprises of the trade, not what trade
_SET_MARKER = re.compile(r"有关|相关|各类|所有")

_NOUN_AFTER = ("n", "vn", "nz", "an")


def _governs(modifier: str) -> bool:
    """Whether the last word of a modifier before works is a verb that governs them (境内|从事, 应当|纳入, 违法|指定),
    not a trade that an object before it makes (金属|冶炼 建设项目)."""
    words = tagged_words(modifier, _pos())
    return bool(words) and words[-1][1] == "v" and len(words[-1][0]) > 1 \
        and (len(words) == 1 or not words[-2][1].startswith("n"))


def _noun_after(text: str, end: int) -> bool:
    """Whether a noun is written right after ``end`` (the head before it is that noun's attribute)."""
    run = re.match(r"[\u4e00-\u9fff]{1,8}", text[end:])
    words = tagged_words(run.group(0), _pos()) if run else []
    return bool(words) and words[0][1] in _NOUN_AFTER


def _verb_before_an_attribute(text: str, modifier: str, end: int) -> bool:
    """Whether works are the attribute of a noun after them and a verb ends the words before them (资料报送|建设工程|
    所在地, 依法承担|建设工程|安全生产责任, 国家实行|建设工程|质量监督管理制度): the verb governs the whole phrase, as
    for 建筑 (测试|建筑|消防设施); a trade before works (金属冶炼|建设项目和…) stays."""
    words = tagged_words(modifier, _pos())
    return bool(words) and words[-1][1] == "v" and _noun_after(text, end)


def _listed_acts(acts: str) -> list[str]:
    """The trades of an enterprise phrase one at a time where they are a 、 list (生产、批发), else the phrase whole."""
    return acts.split("、") if "、" in acts and not re.search("[和或及与]", acts) else [acts]


def trade_enterprises(text: str, offset: int, taken: list[tuple[int, int]]) -> list[SiteLabel]:
    """The enterprises of a trade ``text`` names (危险化学品生产企业), outside the spans ``taken``, which each adds to."""
    out: list[SiteLabel] = []
    for m in _TRADE_ENTERPRISE.finditer(text) if "企业" in text else ():
        # 危险化学品生产企业, 食盐批发企业, 工业盐生产和销售企业: an enterprise of a trade, the goods and the activity written
        # before it (site-type convention 6: enterprises qualified by a trade count)
        if any(a < m.end() and m.start() < b for a, b in taken) or not _ends_word(text, m.end()):
            continue
        start = _modifier_start(text, m.start(), max((b for a, b in taken if b <= m.start()), default=0))
        if start < 0:
            continue
        level = _RANK.match(text, start) or _SCOPE.match(text, start, m.start()) or _CURRENT.match(text, start)
        while level is not None:  # 省级|食盐批发企业, 全省|现有|食盐定点生产企业: rank, scope and time are no trade
            start = level.end()
            level = _RANK.match(text, start) or _SCOPE.match(text, start, m.start()) or _CURRENT.match(text, start)
        marker = None
        for marker in _SET_MARKER.finditer(text, start, m.start()):
            pass
        if marker is not None:  # 交由有关|危险化学品生产企业: a set marker opens the phrase of the kind
            start = marker.end()
        goods = text[start:m.start()]
        written = text[start:m.end()]
        if len(goods) < 2 or _GENERIC_MODIFIERS.match(goods) or _governed_generic(goods) or _ACT_END.search(goods) \
                or _not_a_site(written, "企业", goods):
            continue
        span = Span(offset + start, offset + m.end())
        for act in _listed_acts(text[m.start():m.end() - 2]):
            # 食盐生产、批发企业 -> 食盐生产企业, 食盐批发企业: a list of trades written with 、 shares the goods and the
            # head (site-type convention 4: a head shared by a list is written out for each member); a pair joined by
            # 和/或 (工业盐生产和销售企业) names one party that does both and stays as written
            out.append(SiteLabel(goods + act + "企业", span, concept_of(goods + act + "企业"), "trade_enterprise"))
        taken.append((start, m.end()))
    return out


# what stands between a size and the works (重大|产业|项目, 大型|基本建设|工程, 重点|工程|项目): the works themselves, their
# procedure or a trade of built works (convention 7's trades: site_heads._WORKS_TRADES), a closed class (site-type
# convention 7: works of a kind; a programme is no site); a programme, a field or an area (重大|民生|工程, 重大|文化|工程,
# 重大|战略|项目, 重点|城市|项目, 重大|招商引资|项目, 重大|科技|项目, 重点|工作|项目) names no works acted on
_TRADE_OF_WORKS = re.compile(r"(?:工程|(?:基本)?建设|基建|施工|改造|改建|扩建|(?:房屋)?建筑|基础设施|交通|能源|产业|工业"
                             r"|水利|水务|市政|燃气|绿化|人防|民防|防空|海洋|住宅)+")


# works that build an information system or a platform (数字政府建设项目, 信息化建设项目, 平台能力建设项目, 应用场景建设项目,
# 集群网络化改造工程): what is built is a system, a platform or a service, no site (site-type conventions 7 and 9); a system
# of pipes or lines (排水系统改造工程, 供水系统改造项目) is built works of a trade and stays (convention 7)
_SYSTEM_WORKS = re.compile(r"信息化|数字政府|电子政务|平台|信息系统|场景|网络化")


def _trade_of_sized_works(what: str) -> bool:
    """Whether the words between a size and a project noun (重大|产业|项目) name the trade or procedure of the works."""
    return _TRADE_OF_WORKS.fullmatch(what) is not None


def project_kinds(text: str, offset: int, taken: list[tuple[int, int]]) -> list[SiteLabel]:
    """The kinds of project or works ``text`` names (小型建设工程, 技改项目), outside the spans ``taken``, which each
    adds to."""
    out: list[SiteLabel] = []
    pos = 0
    while (m := _PROJECT.search(text, pos) if "工程" in text or "项目" in text else None) is not None:
        pos = m.end()
        if m.group("what") and not _trade_of_sized_works(m.group("what")):
            pos = m.start("what")  # 重点|技改项目: the works after the size may be a kind of their own
            continue
        if any(a < m.end() and m.start() < b for a, b in taken) or not _ends_word(text, m.end()) \
                or _REGISTER.match(text, m.end()) or _PARTY_OF_WORKS.match(text, m.end()) \
                or m.group("kind") == "保护" and _aim_of_a_programme(text, m.start()):
            continue
        start = _modifier_start(text, m.start(), max((b for a, b in taken if b <= m.start()), default=0))
        modifier = text[start:m.start()] if start >= 0 else ""
        if modifier and (_governs(modifier) or _verb_before_an_attribute(text, modifier, m.end())):
            # 从事|建设工程, 纳入|建设项目, 构成|重大工程: a verb right before works governs them (the works' own
            # procedure, 装修|工程, is part of the kind)
            start, modifier = m.start(), ""
        scope = _SCOPE.match(modifier)  # 全镇|小型建设工程: where, not what kind
        if scope:
            start, modifier = start + scope.end(), modifier[scope.end():]
        if m.group("size"):
            start = m.start() - len(modifier)
        elif m.group("kind") and (len(modifier) < 2 or _GENERIC_MODIFIERS.match(modifier)):
            start = m.start()  # 技改项目, 装修工程: the procedure names the kind (重点|技改项目)
        elif len(modifier) < 2 or _GENERIC_MODIFIERS.match(modifier) or modifier.endswith(("工程", "项目")):
            continue  # 建设工程, 有关建设项目, 工程建设项目: every project
        if _SYSTEM_WORKS.search(text, start, m.end()):
            continue  # 数字政府|建设项目: a system or a platform is built
        out.append(SiteLabel(text[start:m.end()], Span(offset + start, offset + m.end()), None, "project_kind"))
        taken.append((start, m.end()))
    return out


def _aim_of_a_programme(text: str, pos: int) -> bool:
    """Whether the 保护 of X保护工程 at ``pos`` is a verb of its own, whose object (知识产权|保护, 未成年人|保护,
    天然林|保护) is the aim of a programme, no works (site-type convention 7: a programme is no site); works on a
    thing are named by the one noun the trade forms with it (文物保护|工程, the works of the law on relics)."""
    return on_word_boundary(text, pos)
