"""Unit names by grammar: an optional region or level prefix, a modifier, a head noun from a closed set.

A government unit is named the same way everywhere: 区 + 粮食物资储备 + 局, 镇 + 党群 + 中心,
公安嘉定 + 分局. The head nouns form a closed class (局 委 办 处 所 中心 委员会 部门 …), so a unit the
dictionary has never seen is still recognised — where it stands: this module reads the noun phrase that
opens a clause, follows 由/会同, or fills a responsibility clause, and tells whether it is a list of units
(区应急局、区教育局; 交通、公安等部门 with one head shared by every item). Heads are checked on jieba
word boundaries, so 督办, 场所 and 格局 never end a unit and the 区 of 社区 is no prefix. The dictionary
(``agencies.py``) only supplies canonical names; it is no gate.

This module is the grammar's one import place; each concept lives in its own module, lowest first:

- ``unit_heads``: head nouns, word boundaries, a person of a unit, words no name holds;
- ``unit_levels``: region and level prefixes (本区, 县（市、区）, 省级) and the regions they name;
- ``unit_kinds``: ``classify`` — one written name is a unit, a collective, the self, or no unit;
- ``unit_lists``: ``read_list`` — items of a list, their shared head, joined units;
- ``unit_naming``: ``units_of``, ``name_item`` — each item's AgencyHit with its canonical name;
- ``units_at``: ``longest_units_at`` — the longest unit list that starts at a position of a clause.
"""

from __future__ import annotations

from policykg.ingest.extract.unit_heads import (
    MULTI_HEADS,
    NOT_UNITS,
    SINGLE_HEADS,
    _pos_tokenizer,
    head_of,
    plain_words,
)
from policykg.ingest.extract.unit_kinds import _described_department, classify
from policykg.ingest.extract.unit_levels import LEVEL_WORDS, SELF_NAMES, split_prefix
from policykg.ingest.extract.unit_lists import Item, may_be_a_list, read_list
from policykg.ingest.extract.unit_naming import name_item, units_of
from policykg.ingest.extract.units_at import (
    _end_positions,
    _tail,
    follows_the_run,
    longest_units_at,
    name_run_end,
)

# the private names are those other modules and tests read (the tokenizer with tags, the department defined
# by an act, the end positions and the cheap tail test)
__all__ = [
    "LEVEL_WORDS", "MULTI_HEADS", "NOT_UNITS", "SELF_NAMES", "SINGLE_HEADS", "Item",
    "_described_department", "_end_positions", "_pos_tokenizer", "_tail",
    "classify", "follows_the_run", "head_of", "longest_units_at", "may_be_a_list", "name_item", "name_run_end",
    "plain_words", "read_list",
    "split_prefix", "units_of",
]
