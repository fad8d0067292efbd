"""The learned agency tagger: decoding, features, the shipped model, and refine's contract (an
AgencyMention with written form, canonical name, role and span; the rules alone without a model).
The sentences are minimal fixtures in the style of a district's 责任制 plan, not corpus documents."""

from __future__ import annotations

import pytest
from policykg.ingest.extract import learned_agencies as la
from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.model import AgencyMention, Document, Obligation, Region, RegionRef, Span

SONGJIANG = Region("松江区", "310117000000", "county", (RegionRef("上海市", "310000000000", "provincial"),))


def _doc(text: str) -> Document:
    return Document("t", "t", "0", "utf-8", text, region=SONGJIANG)


def test_spans_decode_runs_and_a_stray_inside():
    labels = ["B-lead", "I-lead", "O", "I-cooperate", "I-cooperate", "B-collective", "B-lead"]
    assert la.spans(labels) == [(0, 2, "lead"), (3, 5, "cooperate"), (5, 6, "collective"), (6, 7, "lead")]


def test_features_one_list_per_character_with_head_and_cue():
    text = "区应急局牵头，区教育局配合。"
    f = la.features(text, ["O"] * len(text))
    assert len(f) == len(text)
    assert "head" in f[3] and "head" not in f[2]  # 局 ends the unit, 急 does not
    assert "cr=牵头/1" in f[3] and "cl=牵头/0" in f[6]  # the cue after the unit, and before the next one
    assert "r=O" in f[0]
    assert not any(x.startswith("r=") for x in la.features(text)[0])  # a model trained without the rules


def test_missing_model_leaves_the_rules_alone(monkeypatch):
    assert la.load_tagger("/nonexistent/agency_tagger.crfsuite") is None
    doc = _doc("区应急局负责组织开展消防安全检查。")
    obs = extract_obligations(doc)
    monkeypatch.setattr(la, "load_tagger", lambda *a: None)
    assert la.refine(doc, obs) == tuple(obs)


class _StubTagger:
    """Tags 区应急局 at the start of any text as lead, everything else O."""

    def tag(self, xseq):
        self.labels = ["B-lead"] + ["I-lead"] * 3 + ["O"] * (len(xseq) - 4)
        return self.labels

    def marginal(self, label, i):
        return 1.0 if self.labels[i] == label else 0.0


def test_refine_adds_a_unit_the_rules_missed_with_its_canonical_name():
    text = "区应急局组织开展消防安全检查。"
    doc = _doc("二、" + text)
    ob = Obligation(text, Span(2, 2 + len(text)), "", ())
    got = la.refine_one(doc, ob, "add", _StubTagger()).agencies
    assert [(a.text, a.name, a.role, a.span) for a in got] == [("区应急局", "松江区应急管理局", "lead", Span(2, 6))]
    assert got[0].rule.startswith("learned;")
    # a unit the rules read already is not added twice
    again = la.refine_one(doc, la.refine_one(doc, ob, "add", _StubTagger()), "add", _StubTagger())
    assert len(again.agencies) == 1


def test_refine_rejects_an_unknown_mode():
    text = "区应急局组织开展消防安全检查。"
    with pytest.raises(ValueError, match="unknown mode"):
        la.refine_one(_doc(text), Obligation(text, Span(0, len(text)), "", ()), "vote", _StubTagger())


def test_shipped_model_is_small_and_loads():
    assert la.MODEL_PATH.is_file()
    assert la.MODEL_PATH.stat().st_size < 20_000_000
    assert la.load_tagger() is not None


def test_shipped_model_tags_a_subject_as_lead():
    text = "区应急局负责组织开展消防安全检查，区教育局配合。"
    obs = extract_obligations(_doc(text))
    rules = la.rule_labels(text, obs[0].agencies, 0) if obs else ["O"] * len(text)
    found = {(text[s:e], role) for s, e, role, _ in la.tag(text, rules)}
    assert ("区应急局", "lead") in found


def test_refine_keeps_the_agency_contract():
    text = "区应急局负责组织开展消防安全检查，区教育局配合。各街镇要落实属地责任。"
    doc = _doc(text)
    for ob in la.refine(doc, extract_obligations(doc)):
        assert ob.agencies
        pairs = [(a.name, a.role) for a in ob.agencies]
        assert len(pairs) == len(set(pairs))
        for a in ob.agencies:
            assert a.role in la.ROLES and a.name and a.text == doc.text[a.span.start:a.span.end]


def test_replace_keeps_the_units_the_rules_read_outside_the_text():
    # the unit of a parent heading (二、区教育局职责) is no character of the item: the tagger cannot speak for it
    heading, text = "二、区教育局职责\n", "区应急局组织开展消防安全检查。"
    doc = _doc(heading + text)
    parent = AgencyMention("区教育局", "松江区教育局", "lead", Span(2, 6), rule="parent_heading")
    ob = Obligation(text, Span(len(heading), len(heading) + len(text)), "", (parent,))
    got = la.refine_one(doc, ob, "replace", _StubTagger()).agencies
    assert [a.text for a in got] == ["区教育局", "区应急局"]


def _ruled(text: str, units: list[tuple[str, str]]) -> Obligation:
    """An obligation over the whole of ``text`` whose rules read ``units`` (written form, role)."""
    ms = tuple(AgencyMention(w, "松江" + w, role, Span(text.index(w), text.index(w) + len(w)), rule="fixture")
               for w, role in units)
    return Obligation(text, Span(0, len(text)), "", ms)


def test_list_features_mark_the_items_of_a_list_the_rules_read_part_of():
    text = "区应急局牵头，区教育局、区绿化市容局和区城管执法局配合。"
    ob = _ruled(text, [("区应急局", "lead"), ("区教育局", "cooperate")])
    f = la.features(text, la.rule_labels(text, ob.agencies, 0), None, frozenset({"lists", "endhead"}))
    at = text.index("区城管执法局")
    assert "ln=cooperate/rn=-" in f[at] and "ln=cooperate/rn=-" in f[text.index("区绿化市容局")]
    assert not any(x.startswith("ln=") for x in f[0])  # the lead stands alone in its clause
    assert "eh=S" in f[at + 5] and "eh=S" not in f[at + 4]  # 局 is a head noun, 法 is not
    assert not any(x.startswith(("ln=", "eh=")) for x in la.features(text, la.rule_labels(text, ob.agencies, 0),
                                                                        None, frozenset())[at])


class _FixedTagger:
    """Reads the given (start, end, role) spans at marginal ``conf``."""

    def __init__(self, found: list[tuple[int, int, str]], conf: float):
        self.found, self.conf = found, conf

    def tag(self, xseq):
        self.labels = ["O"] * len(xseq)
        for s, e, role in self.found:
            self.labels[s:e] = ["B-" + role] + ["I-" + role] * (e - s - 1)
        return self.labels

    def marginal(self, label, i):
        return self.conf if self.labels[i] == label else 1 - self.conf


def test_list_conf_adds_a_unit_only_in_a_list_the_rules_read_part_of():
    text = "区教育局、区X中心负责校园安全，区Y中心做好保障。"
    doc = _doc(text)
    ob = _ruled(text, [("区教育局", "lead")])
    x, y = text.index("区X中心"), text.index("区Y中心")
    tagger = _FixedTagger([(x, x + 4, "lead"), (y, y + 4, "lead")], 0.6)
    got = la.refine_one(doc, ob, "add", tagger, min_conf=2.0, list_conf=0.5)
    assert [a.text for a in got.agencies] == ["区教育局", "区X中心"]  # 区Y中心 is in no list with a ruled unit
    assert la.refine_one(doc, ob, "add", tagger, min_conf=0.5).agencies[-1].text == "区Y中心"
    assert la.refine_one(doc, ob, "add", tagger, min_conf=2.0, list_conf=0.7).agencies == ob.agencies


def test_the_list_gate_asks_only_next_to_a_ruled_unit():
    text = "区教育局、区X中心负责校园安全。"
    assert la.may_extend_a_list(_ruled(text, [("区教育局", "lead")]))
    assert la.may_extend_a_list(_ruled("区X中心和区教育局负责校园安全。", [("区教育局", "lead")]))
    assert not la.may_extend_a_list(_ruled(text, [("区教育局", "lead"), ("区X中心", "lead")]))  # both read
    assert not la.may_extend_a_list(_ruled("区教育局负责学校、幼儿园安全。", [("区教育局", "lead")]))  # no head noun
    assert not la.may_extend_a_list(_ruled(text, []))


def test_a_unit_the_tagger_copies_from_the_rules_does_not_break_the_list():
    text = "区教育局、区X中心负责校园安全。"
    ob = _ruled(text, [("区教育局", "cooperate")])
    tagger = _FixedTagger([(0, 4, "lead"), (5, 9, "lead")], 0.6)
    got = la.refine_one(_doc(text), ob, "add", tagger, min_conf=2.0, list_conf=0.5, list_role=True)
    assert [(a.text, a.role) for a in got.agencies] == [("区教育局", "cooperate"), ("区X中心", "cooperate")]


def test_the_head_gate_asks_where_a_head_noun_is_left_unread():
    assert la.may_name_a_unit(_ruled("区教育局、区X中心负责校园安全。", [("区教育局", "lead")]))
    assert not la.may_name_a_unit(_ruled("区教育局负责校园安全。", [("区教育局", "lead")]))  # its head is read
    assert not la.may_name_a_unit(_ruled("加强人员密集场所和网站管理。", []))  # 场所, 网站 end like units only
    assert la.may_name_a_unit(_ruled("由区X办牵头组织检查。", []))  # a one-character head
