"""Metadata 文号: the document's own 文号 (X〔2020〕25号) or order number (国务院令第708号), never one cited in a
sentence, and an order page's head."""

from __future__ import annotations

import re

from policykg.ingest.extract.metadata_export import _head
from policykg.ingest.layout import CN_NUM, Line, Wrapper

_BR_OPEN, _BR_CLOSE = "〔\\[［（(【", "〕\\]］）)】"
# a 文号's code or an order's organ never holds a date run into it (constructed: …5月20日国务院令第999号, 二〇二〇年五月二十日
# 国务院令…, …3月11日甘政办发〔2020〕25号): it starts after the date's 年/月/日 and holds no numeral run closed by
# one (十堰市, 日照市 are names: no 年/月/日 closes their numeral, no numeral precedes their 日)
_NOT_DATE_TAIL = rf"(?:(?<=[\d{CN_NUM}])(?![年月日号])|(?<![\d{CN_NUM}]))"
_NAME_CHAR = rf"(?![\d{CN_NUM}]+[年月日])[\u4e00-\u9fa5]"
DOC_NUMBER = re.compile(rf"{_NOT_DATE_TAIL}(?P<prefix>(?:{_NAME_CHAR}){{1,14}}?)\s*[{_BR_OPEN}]\s*(?P<year>(?:19|20)\d{{2}})\s*"
                        rf"[{_BR_CLOSE}]\s*(?P<num>\d{{1,4}})\s*号")
_OWN_NUMBER_LINE = re.compile(rf"^[（(]?\s*{DOC_NUMBER.pattern}\s*[）)]?\s*(?:签发人.*)?$")
# 国务院令第708号, 公安部第61号令, 某部令2020年第3号 (a ministry numbers its orders within the year)
ORDER_NUMBER = re.compile(rf"{_NOT_DATE_TAIL}(?P<organ>(?:{_NAME_CHAR}){{2,20}}?)(?:令\s*[（(]?\s*(?:(?P<year>(?:19|20)\d{{2}})\s*年\s*)?"
                          rf"第\s*(?P<n1>[\d{CN_NUM}]+)\s*号\s*[）)]?|第\s*(?P<n2>[\d{CN_NUM}]+)\s*号令)")
# an order page's head: the organ's 令 on a line of its own, its number (2018 年 第 2 号) on the next
_ORDER_ORGAN_LINE = re.compile(r"^(?P<organ>[\u4e00-\u9fa5]{2,30})令$")
_ORDER_NUMBER_LINE = re.compile(rf"^[（(]?\s*(?:(?P<year>(?:19|20)\d{{2}})\s*年\s*)?第\s*(?P<n>[\d{CN_NUM}]+)\s*号\s*[）)]?$")


def normalise_doc_number(m: re.Match[str]) -> str:
    """A 文号 match with its year bracket normalised to 〔〕."""
    return f"{m.group('prefix')}〔{m.group('year')}〕{m.group('num')}号"


def find_doc_number(lines: list[Line], wrapper: Wrapper, fields: dict[str, str], info: str
                    ) -> tuple[str | None, str]:
    """The document's own 文号 (or 令第N号): a line of its own in the header, never a cited one."""
    for key in ("文号", "doc_number"):
        m = DOC_NUMBER.search(fields.get(key, ""))
        if m:
            return normalise_doc_number(m), f"field:{key}"
    for ln in _head(lines, wrapper):
        m = _OWN_NUMBER_LINE.match(ln.text.strip())
        if m:
            return normalise_doc_number(m), "header_line"
    order = order_header(_head(lines, wrapper, limit=4))
    if order:  # the order a page opens with publishes this text; its promulgation block cites earlier ones
        return order[0], "header_order"  # (国务院令 / 第706号 above （1991年…国务院令第76号发布 …修订通过）)
    orders = list(ORDER_NUMBER.finditer(info))
    if orders:  # the latest order in a law's promulgation block is the current text's
        return orders[-1].group(0), "promulgation_order"
    for ln in _head(lines, wrapper, limit=4):
        m = ORDER_NUMBER.search(ln.text)
        if m and len(ln.text) < 80:
            return m.group(0).lstrip("（("), "header_order"
    return None, ""


def order_header(head: list[Line]) -> tuple[str, int] | None:
    """An order page's number (中华人民共和国某部令 / 2020 年 第 3 号 -> 中华人民共和国某部令2020年第3号: constructed) and
    how many of the ``head`` lines it fills, when the page opens with one: the order's number plays the
    文号's part, never the title's."""
    texts = [re.sub(r"\s+", "", ln.text) for ln in head[:4]]
    for i, t in enumerate(texts):
        m = _ORDER_ORGAN_LINE.match(t)
        n = _ORDER_NUMBER_LINE.match(texts[i + 1]) if m and i + 1 < len(texts) else None
        if m and n:
            year = f"{n.group('year')}年" if n.group("year") else ""
            return f"{m.group('organ')}令{year}第{n.group('n')}号", i + 2
        m = ORDER_NUMBER.fullmatch(t)
        if m and m.group("n1"):
            year = f"{m.group('year')}年" if m.group("year") else ""
            return f"{m.group('organ')}令{year}第{m.group('n1')}号", i + 1
    return None
