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
