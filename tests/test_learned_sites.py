"""The learned site-type tagger: clauses, features, decoding, the shipped model, reproducible training and
the combination with the rules (the rules alone without a model). The sentences are minimal fixtures in
the style of a fire-safety plan, not corpus documents."""

from __future__ import annotations

import pytest
from policykg.ingest.extract import learned_sites as ls
from policykg.ingest.extract import sitetypes


def test_spans_decode_runs_and_a_stray_inside():
    assert ls.spans(["B", "I", "O", "I", "I", "B", "B"]) == [(0, 2), (3, 5), (5, 6), (6, 7)]


def test_mark_every_occurrence_longest_first_spaces_ignored():
    text = "检查高层 建筑，高层建筑和超高层建筑"
    got = ls.mark(text, ["高层建筑", "超高层建筑"])
    assert "".join(got) == "OOBIIIIOBIIIOBIIII"


def test_pieces_are_the_clauses_that_may_end_a_site():
    assert ls.pieces("加强组织领导，检查高层建筑。") == [(7, 13)]  # 筑 may end a kind of site
    assert ls.pieces("加强组织领导。") == []
    # a clause the rules mark is read whatever it ends in
    assert ls.pieces("加强组织领导。", ["O", "O", "B", "I", "O", "O", "O"]) == [(0, 6)]


def test_features_one_list_per_character_with_head_vocabulary_and_verb():
    text = "加强对高层建筑的检查"
    f = ls.features(text, ls.mark(text, ["高层建筑"]))
    assert len(f) == len(text)
    assert "h=建筑" in f[6] and not any(x.startswith("h=") for x in f[5])  # the head noun ends at 筑
    assert "v=B" in f[3] and "r=B" in f[3] and "r=I" in f[6]
    assert "g=对/0" in f[3]  # the governing word just before the label
    assert not any(x.startswith("r=") for x in ls.features(text)[0])  # a model trained without the rules


def _fixture():
    """A minimal training set: two clauses with a site label, one without (marked as a fixture)."""
    data = []
    for text, labels in (("加强对高层建筑的检查", ["高层建筑"]), ("整治农家乐民宿", ["农家乐民宿"]),
                         ("开展消防宣传进社区", [])):
        data.append((ls.features(text, ls.mark(text, labels)), ls.mark(text, labels)))
    return data


def test_training_is_reproducible(tmp_path):
    pytest.importorskip("pycrfsuite")
    a, b = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    ls.train_model(_fixture(), a)
    ls.train_model(_fixture(), b)
    assert a.read_bytes() == b.read_bytes()
    text = "整治农家乐民宿"
    assert [(s, e) for s, e, _ in ls.tag(text, ["农家乐民宿"], ls.load_tagger(str(a)))] == [(2, 7)]


def test_missing_model_leaves_the_rules_alone(monkeypatch):
    assert ls.load_tagger("/nonexistent/site_tagger.crfsuite") is None
    monkeypatch.setattr(ls, "load_tagger", lambda *a: None)
    assert ls.tag("检查高层建筑和农家乐民宿", ("高层建筑",)) == []
    assert ls.add_learned("检查高层建筑和农家乐民宿", ("高层建筑",)) == ("高层建筑",)


def test_shipped_model_is_small_loads_and_tags_a_site_the_rules_read():
    assert ls.MODEL_PATH.is_file()
    assert ls.MODEL_PATH.stat().st_size < 20_000_000
    assert ls.load_tagger() is not None
    text = "加强高层建筑消防安全管理"
    assert (2, 6) in [(s, e) for s, e, _ in ls.tag(text, sitetypes.rule_site_types(text))]


class _StubTagger:
    """Tags every character O, sure of what it says."""

    def tag(self, xseq):
        self.labels = ["O"] * len(xseq)
        return self.labels

    def marginal(self, label, i):
        return 1.0 if self.labels[i] == label else 0.0


class _Stub(_StubTagger):
    """Tags the given spans of a clause as sites."""

    def __init__(self, spans):
        self.want = spans

    def tag(self, xseq):
        self.labels = ["O"] * len(xseq)
        for s, e in self.want:
            if e <= len(xseq):
                self.labels[s:e] = ["B"] + ["I"] * (e - s - 1)
        return self.labels


def test_add_learned_adds_only_where_no_rule_label_stands():
    text = "检查高层建筑和农家乐民宿"
    rules = ("高层建筑",)
    assert ls.add_learned(text, rules, 0.9, _Stub([(7, 12)])) == ("高层建筑", "农家乐民宿")
    assert ls.add_learned(text, rules, 0.9, _Stub([(2, 6)])) == rules  # the rules' label again
    assert ls.add_learned(text, rules, 0.9, _Stub([(4, 8)])) == rules  # overlapping a rule label
    assert ls.add_learned(text, rules, 0.9, _Stub([(7, 8)])) == rules  # one character is no label
    assert ls.add_learned(text, rules, 0.9, _StubTagger()) == rules


def test_find_site_types_is_the_rules_with_the_tagger_off():
    text = "检查高层建筑和农家乐民宿"
    with sitetypes.learned(False):
        assert sitetypes.find_site_types(text) == sitetypes.rule_site_types(text)


def test_gates_pick_the_clauses_the_tagger_reads():
    text = "检查高层建筑和农家乐民宿"
    none, some = ["O"] * len(text), ls.mark(text, ["高层建筑"])
    assert ls.worth_reading(text, none, "every") and ls.worth_reading(text, some, "every")
    assert ls.worth_reading(text, some, "rule_clauses") and not ls.worth_reading(text, none, "rule_clauses")
    assert not ls.worth_reading(text, some, "free_heads")  # the rules read this clause already
    with pytest.raises(ValueError, match="unknown gate"):
        ls.worth_reading(text, none, "some")
    # a text with no rule label is not read at all under rule_clauses
    assert ls.add_learned(text, (), 0.9, _Stub([(7, 12)]), gate="rule_clauses") == ()
    assert ls.add_learned(text, (), 0.9, _Stub([(7, 12)]), gate="every") == ("农家乐民宿",)


def test_find_site_types_adds_the_taggers_labels_when_learned_is_on(monkeypatch):
    text = "检查高层建筑和河道堤防"
    rules = sitetypes.rule_site_types(text)
    assert rules == ("高层建筑",)
    monkeypatch.setattr(ls, "load_tagger", lambda *a: _Stub([(7, 11)]))
    with sitetypes.learned(True):
        assert sitetypes.find_site_types(text) == ("高层建筑", "河道堤防")
    assert sitetypes.find_site_types(text) == rules  # off again after the block (the default)
