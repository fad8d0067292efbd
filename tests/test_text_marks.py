"""CharMarks, strip_end, search_at_end and RangeSearch give what the plain calls they replace give, and target_context's
reports_what_is what targets' _reports first gave (constructed strings)."""

import random
import re

import pytest
from policykg.ingest.extract import text_marks
from policykg.ingest.extract.non_targets import (
    _BUILDS_ON,
    _COMMITS,
    _CONSISTS,
    _CRITERION_END,
    _GRANTS,
    _MAKES,
    _PAYS,
    _PER_UNIT,
    _SANCTION_CLAUSE,
    _STATUS_AFTER,
    _STATUS_DONE,
    _STATUS_LEAD,
    _STATUS_OPENER,
)
from policykg.ingest.extract.target_context import Marks, reports_what_is
from policykg.ingest.extract.target_numbers import _FREQUENCY, _LENGTH_AFTER_CMP
from policykg.ingest.extract.text_marks import (
    CharMarks,
    RangeSearch,
    is_plain,
    search_at_end,
    search_slice_end,
    strip_end,
)

# constructed fixture: the characters and words the end-anchored patterns read, spaces and marks among them
_PIECES = ["培育", "建设", "奖励", "按", "每人", "不超过", "满", "，", "。", "；", ";", "：", ":", "！", "？", "\n", " ", "\u3000",
           "\t", "企业", "5", "家", "的", "等", "、"]


def _texts(n: int = 400) -> list[str]:
    rng = random.Random(7)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def test_marks_answer_as_rfind_and_count_do():
    for text in _texts():
        marks = CharMarks(text, "，。；;：:")
        for pos in range(len(text) + 1):
            assert marks.last_before(pos) == max(text.rfind(c, 0, pos) for c in "，。；;：:")
            assert marks.count_before(pos) == len(re.findall("[，。；;：:]", text[:pos]))
            split = re.split("[，。；;：:]", text[pos:], maxsplit=1)[0]
            assert text[pos:marks.first_from(pos)] == split


def test_strip_end_is_rstrip():
    for text in _texts():
        for pos in range(len(text) + 1):
            assert strip_end(text, pos) == len(text[:pos].rstrip())


@pytest.mark.parametrize("pattern", [_MAKES, _LENGTH_AFTER_CMP])
def test_search_at_end_finds_what_a_search_from_the_start_finds(pattern):
    for text in _texts():
        for pos in range(len(text) + 1):
            assert (search_at_end(pattern, text, pos) is None) == (pattern.search(text, 0, pos) is None)


def test_search_at_end_after_rstrip():
    for text in _texts():
        for pos in range(len(text) + 1):
            plain = _PAYS.search(text[:pos].rstrip())
            assert (search_at_end(_PAYS, text, strip_end(text, pos)) is None) == (plain is None)


def test_unbounded_or_unanchored_patterns_are_refused():
    with pytest.raises(ValueError):
        search_at_end(re.compile(r"已[^的]*$"), "已经", 2)
    with pytest.raises(ValueError):
        search_at_end(re.compile(r"培育"), "培育", 2)


# constructed fixture: the words the clause searches of targets.py look for, with spaces, marks and lookalikes
_CLAUSE_PIECES = ["已", "经", "建成", "的", "基础上", "新增", "每", "年", "半年", "月", "个", "给予", "奖励", "包括", "责令", "现有",
                  "力争", "要", "到□", "截至", "以来", "，", "。", "；", " ", "\n", "\u3000", "企业", "5", "2", "达", "百", "每1", "2个月",
                  "季度", "处分"]


def _clause_texts(n: int = 300) -> list[str]:
    rng = random.Random(11)
    return ["".join(rng.choice(_CLAUSE_PIECES) for _ in range(rng.randint(0, 24))) for _ in range(n)]


@pytest.mark.parametrize("pattern", [_PER_UNIT, _STATUS_LEAD, _SANCTION_CLAUSE, _CONSISTS, _GRANTS, _COMMITS, _BUILDS_ON,
                                     _FREQUENCY])
def test_range_search_finds_what_a_plain_search_finds(pattern, monkeypatch):
    monkeypatch.setattr(text_marks, "LONG_RANGE", 0)  # every range read as a long one
    for text in _clause_texts():
        search = RangeSearch(text)
        for lo in range(len(text) + 1):
            for hi in range(lo, len(text) + 1):
                m = pattern.search(text, lo, hi)
                assert search.first(pattern, lo, hi) == (-1 if m is None else m.start()), (text, lo, hi)


def test_patterns_a_range_search_cannot_bound_are_searched_as_asked():
    text = "，已经已的已" * 60
    for bad in (r"^已", r"已\b", r"(?<=，)已", r"(已)\1", r"已[^的]*", r"已$"):
        pattern = re.compile(bad)
        assert not is_plain(pattern)
        for lo, hi in ((0, len(text)), (7, len(text) - 3)):
            m = pattern.search(text, lo, hi)
            assert RangeSearch(text).first(pattern, lo, hi) == (-1 if m is None else m.start())


def test_the_clause_patterns_read_the_same_in_place():
    """targets.py searches these where they stand, where they were first searched in a slice of the clause or
    sentence: with no anchor, boundary or look-behind, both read the same (a rule that adds one fails here)."""
    for pattern in (_SANCTION_CLAUSE, _STATUS_LEAD, _CONSISTS, _GRANTS, _PER_UNIT, _COMMITS, _BUILDS_ON, _FREQUENCY,
                    _STATUS_OPENER):
        assert is_plain(pattern), pattern.pattern


def _plain_reports(masked: str, num: int, end: int) -> bool:
    """targets._reports (now target_context.reports_what_is) as first written (slices and rfind from the text's start): the reference."""
    def clause_start(pos):
        return max((masked.rfind(c, 0, pos) for c in "，。；;：:"), default=-1) + 1
    clause = masked[clause_start(num):num]
    done = _STATUS_DONE.search(clause)
    if done and not _BUILDS_ON.search(clause, done.start()):
        return True
    opened = max(masked.rfind(c, 0, num) for c in "。；;！？") + 1
    sentence = re.sub(r"\s", "", masked[opened:num])
    line = masked[max(opened, masked.rfind("\n", 0, num) + 1):num].lstrip(" \u3000")
    if _COMMITS.search(sentence):
        return False
    return _STATUS_OPENER.match(sentence) is not None or _STATUS_OPENER.match(line) is not None \
        or _STATUS_AFTER.match(masked, end) is not None


def test_reports_answers_as_first_written(monkeypatch):
    for long in (200, 0):
        monkeypatch.setattr(text_marks, "LONG_RANGE", long)
        for text in _clause_texts():
            marks = Marks(text)
            for num in range(len(text) + 1):
                assert reports_what_is(text, num, num, marks) == _plain_reports(text, num, num), (text, num)


# constructed fixture: what a criterion after a number is written with (人的单位, 以上的企业, （含…）的机构给予…)
_CRITERION_PIECES = ["的", "企业", "机构", "单位", "个", "人", "家", "以上", "（含", "）", "给予", "奖励", "超高层", "科技型", " ", "\n",
                     "，", "5", "年", "a", "“", "”"]


@pytest.mark.parametrize("pattern", [_CRITERION_END, re.compile(r"(?:^|(?<=人))的企业$"), re.compile(r"\b的机构$")])
def test_search_slice_end_finds_what_a_search_of_the_slice_finds(pattern):
    rng = random.Random(5)
    for _ in range(60):
        text = "".join(rng.choice(_CRITERION_PIECES) for _ in range(rng.randint(0, 90)))
        for lo in range(0, len(text) + 1, 5):
            for hi in range(lo, len(text) + 1):
                assert search_slice_end(pattern, text, lo, hi) == (pattern.search(text[lo:hi]) is not None), (text, lo, hi)
