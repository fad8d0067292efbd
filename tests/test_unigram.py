"""The compact Unigram tokenizer gives the ids ``tokenizers`` gives, on e5's own tokenizer and a minimal one."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from policykg.search.unigram import CompactUnigram
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"
GOLD = Path(__file__).resolve().parent / "gold" / "search_queries.json"
# characters that stress the normaliser, the pre-tokenizer, unknown runs and the special tokens
AWKWARD = (list("消防安全责任制电动自行车充电　 \t\n\r\x00\x01\x7f\xa0\u200b\u3000～㋿ꟲ①ⅣＡＢａ１２abcXYZ09.,;:!?()<>/\\"
                "\"'-_=+*&^%$#@~`|《》，。、；：！？（）【】“”…—·\ue000\ue001")
           + ["<s>", "</s>", "<pad>", "<unk>", "😀", "👍🏽", "𠀀", "𪚥", "e\u0301", "ﬁ", "㎡", "℃", "\ufeff", "▁", "ß", "ｶﾞ"])


def _fuzz(count: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(AWKWARD) for _ in range(rng.randint(1, 40))) for _ in range(count)]


def _reference(path: Path, max_length: int) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.enable_truncation(max_length)
    tokenizer.no_padding()
    return tokenizer


def test_e5_ids_equal_those_of_tokenizers_on_corpus_text_queries_and_awkward_strings():
    from policykg.search.e5_convert import ensure_converted
    from policykg.search.encoders import default_cache_dir

    path = ensure_converted(default_cache_dir() / "e5-small-st") / "tokenizer.json"
    reference, compact = _reference(path, 512), CompactUnigram.from_file(path, 512)
    assert compact is not None
    texts = ["query: " + q["query"] for q in json.loads(GOLD.read_text(encoding="utf-8"))["queries"]]
    for doc in sorted(CORPUS.rglob("*.md"))[:40]:
        lines = [line for line in doc.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts += ["passage: " + line for line in lines] + ["query: " + line[:20] for line in lines[:20]]
    texts.append("passage: " + "".join(line for line in texts[:300]))  # past 512 tokens: truncated
    texts += _fuzz(3000)
    for text in texts:
        assert compact.encode_ids(text) == reference.encode(text).ids, repr(text)
    assert compact.token_to_id("<pad>") == reference.token_to_id("<pad>")


def _minimal_unigram(folder: Path) -> Path:
    """A minimal Unigram tokenizer (a fixture of this test, not e5's): a few pieces and their scores."""
    vocab = [("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("▁", -2.0), ("消防", -3.0),
             ("消", -5.0), ("防", -5.5), ("车", -4.0), ("消防车", -6.5), ("▁消防", -3.5), ("通道", -4.0),
             ("a", -6.0), ("ab", -5.0), ("b", -6.0), ("abc", -9.5), ("c", -3.0)]
    tokenizer = Tokenizer(models.Unigram(vocab, 3, False))
    tokenizer.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Replace(" ", " ")])
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tokenizer.post_processor = processors.TemplateProcessing(single="<s> $A </s>",
                                                             special_tokens=[("<s>", 0), ("</s>", 2)])
    tokenizer.add_special_tokens(["<s>", "<pad>", "</s>", "<unk>"])
    path = folder / "tokenizer.json"
    tokenizer.save(str(path))
    return path


@pytest.mark.parametrize("max_length", [512, 6])
def test_ties_unknown_runs_specials_and_truncation_follow_tokenizers(tmp_path, max_length):
    path = _minimal_unigram(tmp_path)
    reference, compact = _reference(path, max_length), CompactUnigram.from_file(path, max_length)
    assert compact is not None
    texts = ["消防车通道", "消防 车", "abc abcab", "消防\ue000\ue001车", "x消防y", "<s>消防</s><unk>", "ＡＢＣ  消防", ""]
    for text in texts + _fuzz(2000, seed=1):
        assert compact.encode_ids(text) == reference.encode(text).ids, repr(text)
    assert compact.encode_ids("\ue000\ue001")[1:-1].count(3) == 1  # an unknown run is one unk


def test_other_tokenizers_are_left_to_the_tokenizers_library(tmp_path):
    word_level = Tokenizer(models.WordLevel({"[UNK]": 0, "alpha": 1}, unk_token="[UNK]"))
    word_level.pre_tokenizer = pre_tokenizers.Whitespace()
    word_level.save(str(tmp_path / "tokenizer.json"))
    assert CompactUnigram.from_file(tmp_path / "tokenizer.json", 512) is None
    spec = json.loads(_minimal_unigram(tmp_path).read_text(encoding="utf-8"))
    spec["model"]["byte_fallback"] = True  # unknown characters become bytes there: not read here
    (tmp_path / "tokenizer.json").write_text(json.dumps(spec), encoding="utf-8")
    assert CompactUnigram.from_file(tmp_path / "tokenizer.json", 512) is None
