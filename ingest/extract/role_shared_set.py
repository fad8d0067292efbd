"""A set marker and place written once before a list of departments: 各地X部门、Y部门 covers every member.

The first member 各地X部门 (``_EACH_PLACE_DEPARTMENT``) opens an open set of departments, one per place; the members
joined to it by 、/和/及 that name a department by kind alone (Y部门, Z管理局) belong to the same set and read as a
collective (gold README roles 3: a set marker before a coordinated pair covers both; roles 13(a) and 22: words a list
writes once belong to each member). A member with a level, place or set word of its own (市公安局, 省级…, 有关…), a
place's name (济南市市场监督管理局) or one that is no department (各级人民政府、街道办事处: another tier) keeps its own
reading. Used by ``role_subjects``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from policykg.ingest.extract.agencies import AgencyHit
from policykg.ingest.extract.unit_heads import _pos_tokenizer
from policykg.ingest.extract.words import words

_EACH_PLACE_DEPARTMENT = re.compile(r"各(?:地|地区|地方|省|市|区|县|省[（(]区、市[)）])[^、，,]{1,14}?(?:部门|机构|管理局|局)")
_BARE_DEPARTMENT = re.compile(r"[^、，,]{2,14}?(?:部门|机构|管理局)")
# a first word that is a level or place word of its own; a set word (各…, 有关…, 相关…, 其他…, 本级, 同级) is told by
# its opening, ``_SET_OPENINGS``
_OWN_SCOPE_WORD = re.compile(r"其它|本|当地|国家|中央|国务院|[省市区县]级|省|市|区|县|镇|乡|州")
_SET_OPENINGS = ("各", "有关", "相关", "其他", "本级", "同级")
_LIST_GLUE = frozenset(["、", "和", "及"])


def _scoped(name: str) -> bool:
    """Whether ``name`` opens with a level, place or set word of its own (市公安局, 省级…, 有关…) or a place's name
    (济南市|市场监督管理局, 长江|航务管理局: one unit, no member of the set): its first word, as jieba cuts and tags it
    (市场监管部门 opens with 市场, no level, no place)."""
    first = next(iter(words(name)), "")
    return _OWN_SCOPE_WORD.fullmatch(first) is not None or first.startswith(_SET_OPENINGS) \
        or _pos_tokenizer().word_tag_tab.get(first) == "ns"


def shared_set_marker(hits: list[AgencyHit], text: str, offset: int) -> list[AgencyHit]:
    """The members of one subject list after a first member 各地X部门 (``_EACH_PLACE_DEPARTMENT``) that name a department
    by kind alone, joined to it by 、/和/及, read as the same open set (collective); the other members as read."""
    if len(hits) < 2 or not hits[0].collective or not _EACH_PLACE_DEPARTMENT.fullmatch(hits[0].text):
        return hits
    out = [hits[0]]
    for prev, h in pairwise(hits):
        joined = text[prev.span.end - offset:h.span.start - offset] in _LIST_GLUE and out[-1].collective
        if joined and not h.collective and _BARE_DEPARTMENT.fullmatch(h.text) and not _scoped(h.text):
            h = replace(h, name=h.text, scope="collective", key="", region_code=None, generic=False,
                        rule=h.rule + ";shared_set")
        out.append(h)
    return out
