"""CharMarks, strip_end and search_at_end give what the plain calls they replace give (constructed strings)."""

import random
import re

import pytest
from policykg.ingest.extract.non_targets import _MAKES, _PAYS
from policykg.ingest.extract.target_numbers import _LENGTH_AFTER_CMP
from policykg.ingest.extract.text_marks import CharMarks, search_at_end, strip_end

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
