"""Counts that are words, not quantities: a count after 等 that restates a list, 一次 "at one go", 一个 "a" (issue 13).

A number with a counting unit is most often a quantity the text sets, but three written forms use it as a word of the
sentence: a count right after 等 that says how many members the list before it names (国家开发银行等9家银行重点向…,
发挥A、B等7个开发区的带动作用), 一次 before the verb it qualifies (实现数据同源、一次认证: "at one go", as 一次性), and
一个/一家 meaning "a" unless the clause gives one to each member of a set (每个省培育一家龙头机构: a quota). Each is read
from the words around the number (jieba's parts of speech where a verb decides); targets.py asks these three questions
of each match it reads.

Gold README (tests/gold/obligations/README.md): the schema's ``targets`` field (a quantified target the obligation
commits to) and target convention 6 (number words; the members of a list are each one target).
"""

from __future__ import annotations

import re

from policykg.ingest.extract.target_context import Marks
from policykg.ingest.extract.text_marks import strip_end

__all__ = ["at_one_go", "per_each", "restates_list"]


# A count after 等 restates how many members the list before it names, and sets nothing, where the list is what there is:
# it opens its clause as the subject (国家开发银行等9家银行重点向…发放贷款: no verb or preposition before it in its
# clause), or a verb of using what exists governs it (发挥A、B等7个开发区的带动作用, 依托A等3个园区). Any other verb
# before the list does something to or in the members, and its count stays a target (治理A、B等5个黑臭水体, 建成A、B等5
# 个平台, 在A、B等8个领域推广), whichever verb it is. A verb is a word jieba tags as one (v, vd …, not vn, a noun of an
# act), or a verb of doing it tags otherwise (布局, 整治, 部署 as nouns, 落实 an adjective: _ACTS_ON_LIST).
_USES_LIST = re.compile(r"发挥|依托|利用|借助|用好|依靠")
_ACTS_ON_LIST = re.compile(r"建设|建成|新建|培育|打造|创建|认定|布局|实施|推广|推动|推进|深化|实现|完成|开展|组织|支持|扶持|遴选|"
                           r"形成|制定|修订|发布|覆盖|引进|新增|增加|选择|确定|选取|设立|成立|部署|落实|研制|攻克|突破|"
                           r"培训|改造|整治|提升|[在对向]")


def restates_list(masked: str, clause_start: int, num: int, marks: Marks) -> bool:
    """Whether the count at ``num``, written right after 等, only restates the members of the list before it (the
    list opens its clause, or a verb of using governs it)."""
    end = strip_end(masked, num) - 1  # (the 等)
    if marks.has(_USES_LIST, clause_start, end):
        return True
    return not marks.has(_ACTS_ON_LIST, clause_start, end) and not any(
        w.flag == "p" or w.flag.startswith("v") and w.flag != "vn" for w in _pos_words(masked[clause_start:end]))


def _pos_words(text: str):
    """jieba's words of ``text`` with their parts of speech (the agency grammar's tagger: 国家开发银行 is one unit)."""
    from policykg.ingest.extract.agency_grammar import _pos_tokenizer

    return _pos_tokenizer().cut(text)


# 一次 counts an act where a verb of doing or a comparator stands before it (组织一次演练, 进行一次检查, 不少于一次, 每半年考评
# 一次); right after a list mark or a clause's start, or after a verb of reaching a state (实现/达到/做到), and before the
# verb it qualifies (一次认证, 一次投入, 一次办结), it is the manner "at one go", as 一次性 is
_ONE_GO_BEFORE = re.compile(r"(?:[、，,；;：:（(“]|实现|达到|达|做到)$")


def at_one_go(masked: str, m: re.Match, marks: Marks) -> bool:
    """Whether the 一次 matched by ``m`` qualifies the verb after it (一次认证) rather than counting an act."""
    start = m.start("cmp") if m.group("cmp") else m.start("num")
    j = strip_end(masked, start)
    opens = j == 0 or marks.clause_start(start) >= j or _ONE_GO_BEFORE.search(masked, max(0, j - 2), j) is not None
    return opens and re.match(r"[\u4e00-\u9fff]", masked[m.end():m.end() + 1]) is not None


# 一个, 一家 say "a" far more often than they count; a count of one is a quota where the clause gives it to each member of a
# set: 每个省培育一家龙头机构, 一个单位原则上只开设一个账号 (each X + a verb of doing + one Y; a verb is a word jieba tags
# v…, vn included, or a verb of doing it tags otherwise). A copula or a verb of having there states what each member is
# or has (每个企业都是一家独立法人): "a", no quota
_EACH = re.compile(r"每(?:个|家|所|户|一)")
_NOT_DOING = frozenset(("是", "为", "成为", "作为", "属于", "属", "系", "有", "拥有"))


def per_each(masked: str, clause_start: int, num: int, marks: Marks) -> bool:
    """Whether the clause before ``num`` gives its count to each member of a set (每个省…, 一个单位… at its start) by a
    verb of doing right before the count (adverbs aside: 只开设, 都建立)."""
    j = clause_start
    while j < num and masked[j].isspace():
        j += 1
    if not (masked.startswith("一个", j) and j + 2 < num or marks.has(_EACH, clause_start, num)):
        return False
    words = [w for w in _pos_words(masked[clause_start:num]) if not w.flag.startswith("d") and w.word.strip()]
    return bool(words) and words[-1].word not in _NOT_DOING and (
        words[-1].flag.startswith("v") or _ACTS_ON_LIST.fullmatch(words[-1].word) is not None)  # (布局 jieba tags n)
