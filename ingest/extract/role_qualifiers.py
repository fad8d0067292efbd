"""A unit named only inside a 的-clause that says which thing another party acts on: no agency (gold README roles 33).

执行X下达的指令, 不服从X发布的决定, 对照X报送的任务, 配备由X制发的标志, 如需由X出具鉴定书的项目: the clause after the
unit (X + a verb of making or issuing + … + 的 + a noun) identifies the object of someone else's act, and the making
is presupposed, done before or written where the text gives it as X's own act. The unit is read so where something
governs the 的-phrase before it in its clause: a verb or preposition of the clause before the unit (不服从…, 需由),
or a governing word the unit's name was read with (对照…, 拒不执行…: the name opens with a preposition, adverb or idiom).
A unit that opens its clause keeps its reading: X制定的预案每三年修订一次 (the act falls on the maker, roles 33) and
X设立…的办公室 (X's own act with an object that holds a 的) alike.
"""

from __future__ import annotations

import re

from policykg.ingest.extract.unit_heads import _pos_tokenizer
from policykg.ingest.extract.words import tagged_words
from policykg.ingest.model import AgencyMention

# X + a verb of making, issuing or running + up to 16 characters + 的 + a noun: a 的-phrase X only qualifies
_MAKES_THEN_OF = re.compile(r"(?:所|依法|联合|共同|统一)?(?:下达|发布|制定|制发|出具|作出|做出|提供|报送|组织|开展|确定|批准|认定|"
                            r"颁发|核发|印发|公布|部署|建立|设立|牵头|呈报|下发|发出)[^，,。；;、：:\n]{0,16}?的(?=[\u4e00-\u9fff])")
_CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")
_ITEM_LEAD = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇0-9]+条|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])?\s*")
# the tags of a word that governs what follows it in the clause (a verb, a preposition) and of a word no name opens
# with (a preposition, an adverb, an idiom: 对照…, 拒不执行…)
_GOVERNS = ("v", "p")
_NOT_A_NAME_OPENING = ("p", "d", "ad", "i")


def _clause_before(text: str, pos: int) -> str:
    """The text of the clause holding ``pos`` up to ``pos``, its item number or article number left out."""
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, pos)), default=0)
    return _ITEM_LEAD.sub("", text[start:pos], count=1)


def only_qualifies(a: AgencyMention, text: str, offset: int) -> bool:
    """Whether ``a`` (read in ``text`` at ``offset``) stands only inside a 的-phrase that qualifies the object of
    another party's act (see the module)."""
    start, end = a.span.start - offset, a.span.end - offset
    if not 0 <= start < end <= len(text) or not _MAKES_THEN_OF.match(text, end):
        return False
    words = tagged_words(a.text, _pos_tokenizer())
    if words and words[0][1] in _NOT_A_NAME_OPENING:
        return True  # 对照各旗县区…报送的, 拒不执行…部门作出的: the governing word read with the name
    before = _clause_before(text, start)
    return any(flag in _GOVERNS for _, flag in tagged_words(before, _pos_tokenizer())) if before else False
