"""words.words must give exactly jieba's accurate-mode words (no HMM) with the user dictionary."""

from policykg.ingest.extract.words import run_words, tokenizer, words

# marked fixture: short strings that exercise the segmenter's edge cases, not policy documents
SAMPLES = [
    "区应急局负责督促检查，区消防救援支队配合。",
    "（一）区住建局、区教育局和区民政局按照职责分工负责",
    "2024年12月31日前完成abc 12项 x\r\n y",
    "Ａ级ab3中文-b_c.d%e  及时和谐",
    "",
    "   ",
    "消防委办公室会同镇综治办",
]


def test_words_are_jiebas():
    tk = tokenizer()
    for s in SAMPLES:
        assert words(s) == tuple(tk.cut(s, HMM=False)), s


def test_latin_letters_and_digits_join_as_jieba_joins_them():
    assert run_words("abc12") == tuple(tokenizer().cut("abc12", HMM=False))
    assert "".join(words("共12项")) == "共12项"


def test_tagged_words_are_posseg_pairs():
    import jieba.posseg as pseg
    from policykg.ingest.extract.words import tagged_words

    tk = pseg.POSTokenizer(tokenizer())
    for s in SAMPLES + ["发动村居委", "审计部门", "区应急局"]:
        assert tagged_words(s, tk) == [(p.word, p.flag) for p in tk.cut(s, HMM=False)], s
