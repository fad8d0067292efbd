"""Site labels of headings and lead-ins: which kinds a heading or a list's lead-in passes to what stands under it.

Decides the kinds a section heading or a lead-in names ((三)高层建筑消防安全治理, 第三章 消防设施, 在居民住宅区内
不得有下列行为), without its number; a lead-in of several sentences (a preamble) and a heading that joins a site
with another subject (消防站和消防装备建设) pass none down. A unit then takes its own labels first and the heading's
or its list items' kinds that none of them names already (one entry per kind).

Gold site-type conventions (tests/gold/obligations/README.md): 2 (a heading's or lead-in's site passes down),
5 (one entry per kind), 13 (kinds listed under a lead-in that is the obligation belong to it), 15 (a heading
that joins a site with another subject passes none).
"""

from __future__ import annotations

import re

from policykg.ingest.extract.site_labels import rule_site_types

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
    found = tuple(label for label in rule_site_types(body)
                  if not _PROGRAMME.fullmatch(label) and not label.endswith(_DOMAIN_INFRASTRUCTURE))
    return () if found and _two_topics(body) else found


# works named by rank alone (三、重点工程; …“新一代人工智能”重大项目…申报): in a heading they name the plan's programmes,
# a section of its content, not a kind of works that restricts the items below (site-type conventions 2 and 7: a
# programme is no site); a kind of works in a heading (小型建设工程安全管理) still passes down
_PROGRAMME = re.compile(r"(?:重点|重大)(?:工程|项目)")


# the infrastructure of a domain (三、支持工业互联网基础设施建设, 强化人工智能基础设施与创新平台建设): in a heading it names a
# chapter of the plan, a category of policy whose items each name the installations they build (标识解析二级节点, 5G
# 基站, 实训基地), not one kind of site that restricts them (site-type conventions 2 and 9); in an item's own text it
# stays a label (加快算力基础设施建设)
_DOMAIN_INFRASTRUCTURE = ("基础设施",)


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
