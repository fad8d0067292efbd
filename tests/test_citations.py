"""Citation extraction: titles, issuers, 文号, cues, bad input (issue 4)."""

from __future__ import annotations

from pathlib import Path

from policykg.ingest.extract.citations import (
    MAX_TITLE,
    carried_title,
    extract_citations,
    normalise_doc_number,
    normalise_title,
)
from policykg.ingest.model import Document

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"


def _doc(text: str, title: str | None = None, doc_number: str | None = None) -> Document:
    return Document(source="t.txt", path="t.txt", sha256="0", encoding="utf-8", text=text, title=title,
                    doc_number=doc_number)


def _seed(prefix: str) -> str:
    return next((CORPUS / "seeds").glob(prefix + "_*.txt")).read_text("utf-8")


def test_yanggao_seed_basis_and_legal_basis_links():
    cits = extract_citations(_doc(_seed("004"), title="阳高乡消防安全治本攻坚三年行动实施方案"))
    basis = [c for c in cits if c.relation == "basis"]
    assert [c.issuer for c in basis] == ["长治市安全生产委员会", "平顺县安全生产委员会", "山西省消防安全专业委员会",
                                         "长治市消防安全专业委员会", None, "平顺县安委会"]
    assert basis[4].doc_number == "平消专委〔2024〕2号"
    assert basis[2].title == "全省消防安全治本攻坚三年行动方案（2024-2026年）"
    legal = {c.title for c in cits if c.relation == "legal_basis"}
    assert legal == {"中华人民共和国消防法", "机关、团体、企业、事业单位消防安全管理规定"}
    for c in cits:  # provenance: the span and the cue sentence are real offsets
        assert c.cue_span.start <= c.span.start < c.span.end <= c.cue_span.end or c.rule.startswith("title;alias")
        assert c.rule


def test_qingfeng_seed_basis_with_doc_number_and_issuer_in_title():
    text = _seed("001")
    cits = extract_citations(_doc(text, title="重庆市永川区青峰镇人民政府关于印发2022年青峰镇消防工作要点的通知",
                                  doc_number="青峰府发〔2022〕47号"))
    basis = [c for c in cits if c.relation == "basis" and c.doc_number]
    assert len(basis) == 1
    assert basis[0].doc_number == "永防发〔2022〕4号"
    assert basis[0].issuer == "重庆市永川区消防安全委员会办公室"
    assert text[basis[0].cue_span.start:basis[0].cue_span.end] == basis[0].cue
    assert basis[0].cue.startswith("根据《重庆市永川区消防安全委员会办公室")
    assert not any(c.doc_number == "青峰府发〔2022〕47号" for c in cits)  # its own 文号


def test_unbracketed_title_when_cue_is_clear_and_never_slogans():
    text = _seed("000")
    cits = extract_citations(_doc(text, title="关于印发《全市“保安全、迎华诞”消防安全百日攻坚行动实施方案》的通知",
                                  doc_number="兴消委办〔2021〕6号"))
    titles = [c.title for c in cits]
    assert "兴化市“保安全、迎华诞”安全生产百日攻坚行动实施方案" in titles
    assert next(c for c in cits if c.title and c.title.startswith("兴化市")).relation == "basis"
    # the carried plan is the document itself, and quoted slogans are no citations
    assert not any(t and t.startswith("全市") for t in titles)
    assert not any(t and ("1+2+N" in t or "保安全、迎华诞”安全生产百日攻坚工作" in t) for t in titles)


def test_nested_inner_brackets_are_kept_in_the_title():
    cits = extract_citations(_doc(_seed("003")))
    title = "温州市贯彻落实〈关于加强基层应急管理体系和能力建设的指导意见〉任务清单"
    assert title in [c.title for c in cits]
    # 贯彻落实 inside the title must not be read as the cue
    assert next(c for c in cits if c.title == title).rule != "title;cue:贯彻落实"


def test_checklist_cue_with_attachment():
    cits = extract_citations(_doc(_seed("002")))
    c = next(c for c in cits if c.title == "重大火灾隐患判定方法")
    assert c.relation == "checklist" and c.flag == "attachment"  # 对照《…》（附件7）: its own attachment


# Minimal fixtures for parser edge cases (not policy documents).
def test_unbalanced_title_is_cut_and_flagged():
    text = "根据《某某市消防工作方案要求，开展检查。下一句话《另一个文件》。"
    cits = extract_citations(_doc(text))
    bad = cits[0]
    assert bad.flag == "unbalanced"
    assert bad.title == "某某市消防工作方案要求"
    assert any(c.title == "另一个文件" and c.flag is None for c in cits)


def test_runaway_title_is_cut_at_bound():
    text = "根据《" + "很长" * 100 + "》执行。"
    c = extract_citations(_doc(text))[0]
    assert c.flag == "runaway_title"
    assert len(c.title) <= MAX_TITLE


def test_own_title_and_alias_and_forms_are_not_citations():
    text = ("关于印发《某区举报奖励办法》的通知\n为规范工作，制定了《某区举报奖励办法》。"
            "根据《上级机关举报奖励办法》（以下简称《办法》），填写《举报奖励审批表》。按照《办法》执行。")
    cits = extract_citations(_doc(text, title="关于印发《某区举报奖励办法》的通知"))
    assert [c.title for c in cits] == ["上级机关举报奖励办法", "上级机关举报奖励办法"]
    assert [c.rule for c in cits] == ["title;cue:根据", "title;alias"]


def test_normalisers():
    assert normalise_doc_number("沪奉农经[2020]1号") == "沪奉农经〔2020〕1号"
    assert normalise_doc_number("（永防发（2022）4号）") == "永防发〔2022〕4号"
    assert normalise_doc_number("第三条") is None
    assert normalise_title("上海市实施<中华人民共和国突发事件应对法>办法") == normalise_title(
        "上海市实施〈中华人民共和国突发事件应对法〉办法")
    assert carried_title("关于印发《某区应急管理局安全生产举报奖励办法》的通知") == "某区应急管理局安全生产举报奖励办法"
    assert carried_title("关于废止《张江镇管理办法》的通知") is None


def test_basis_sections_are_found_once_per_document():
    # the 依据 sections are read once per document, not once per citation (a quadratic cost at 16 MB)
    from policykg.ingest.extract import citations as c
    from policykg.ingest.model import Section, Span

    sections = (Section("一", "一、编制依据", 1, Span(0, 50)), Section("二", "二、工作任务", 1, Span(50, 90)))
    assert c._basis_spans(sections) == (Span(0, 50),)
    assert c._basis_spans(sections) is c._basis_spans(sections)
    other = (Section("一", "一、依据", 1, Span(0, 10)),)
    assert c._basis_spans(other) == (Span(0, 10),)


def test_fast_scans_read_as_the_plain_ones():
    """The 文号 scan, the masking and the sentence bounds (speed paths) agree with their plain definitions on
    random constructed strings of brackets, spaces, stops and digits."""
    import random
    import re

    from policykg.ingest.extract import citations as c

    rng = random.Random(7)
    alphabet = 3 * ["国办发", "〔2021〕", "5号", " "] + ["国", "〔2021〕", "（2019）", "(2020", "〕", "5号", "12 号", "  ", "\u3000", "\n", "号", "。",
                "，", "《", "》", "“", "”", '"', "；", "市人民政府办公厅", "a"]
    found = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        found += sum(1 for _ in c._DOCNUM.finditer(text))
        assert [m.span() for m in c._doc_numbers(text)] == [m.span() for m in c._DOCNUM.finditer(text)]
        masked = list(text)
        for m in re.finditer(c._QUOTED.pattern, text):
            masked[m.start():m.end()] = "□" * (m.end() - m.start())
        assert c._mask(text) == "".join(masked)
        for stops in (c.SENTENCE_END, c.CLAUSE_END):
            positions = [i for i, ch in enumerate(text) if ch in stops]
            for start in range(len(text) + 1):
                end = min(len(text), start + rng.randint(0, 3))
                before = [p + 1 for p in positions if p < start]
                after = [p + 1 for p in positions if p >= end]
                assert c._bounds(text, start, end, stops) == (before[-1] if before else 0,
                                                              after[0] if after else len(text))
    assert found > 100  # the strings hold 文号 (with spaces before their brackets too)
