"""Fast paths of the extractors give what the slower reading they replace gives (speed work, issue 18)."""

from policykg.ingest.extract.agencies import _block_around, _jieba_blocks, on_word_boundary
from policykg.ingest.extract.words import words

# marked fixture: short strings for run edges (a run longer than the read-back window, Latin and spaces),
# not policy documents
SAMPLES = [
    "区应急局负责督促检查，区消防救援支队配合。",
    "2024年12月31日前完成abc 12项 x\r\n y（街道）办事处",
    "各" + "街道办事处和镇人民政府" * 8 + "负责",
    "ab_c.d%e及时和谐、" + "消防" * 30,
]


def test_block_around_is_the_run_that_holds_the_position():
    for s in SAMPLES:
        starts, ends = _jieba_blocks(s)
        for a, b in zip(starts, ends):
            for p in range(a, b):
                assert _block_around(s, p) == (a, b), (s, p)


def test_word_boundary_agrees_with_the_segmentation():
    for s in SAMPLES:
        starts, pos = set(), 0
        for w in words(s):
            starts.add(pos)
            pos += len(w)
        for p in range(len(s)):
            if on_word_boundary(s, p) != (p in starts):
                # a Latin letter or digit glues to the next run: only Chinese positions are compared
                assert not s[p - 1].isascii() or not s[p - 1].isalnum(), (s, p)


def test_a_pair_inside_no_word_is_crossed_by_none():
    """``on_word_boundary``'s first test: where the two characters around a position stand side by side in no
    dictionary word (``inner_pairs``), the full test (``spans_no_word``) finds no word across it either."""
    from policykg.ingest.extract.words import inner_pairs, spans_no_word

    shortcuts = 0
    for s in SAMPLES + ["农村居民管理办法", "应急管理部门负责人"]:
        starts, ends = _jieba_blocks(s)
        for a, b in zip(starts, ends):
            for p in range(a + 1, b):
                if s[p] not in inner_pairs().get(s[p - 1], ""):
                    shortcuts += 1
                    assert spans_no_word(s, a, p, b), (s, p)
    assert shortcuts > 10
    assert "村" in inner_pairs()["农"] and "法" in inner_pairs()["办"]  # 农村, 办法: words of the dictionary
