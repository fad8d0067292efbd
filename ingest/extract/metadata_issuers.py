"""Metadata issuers: who issues the document, as its signature, title, red header, promulgation block or
print line names the organ(s), and the signature's date."""

from __future__ import annotations

import re
from datetime import date

from policykg.ingest.extract.metadata_dates import parse_date
from policykg.ingest.extract.metadata_titles import _CARRYING_VERBS
from policykg.ingest.layout import CN_NUM, Line, is_date_line

AGENCY_END = re.compile(r"(?:人民政府|政府|办公厅|办公室|委员会|管委会|局|厅|部|办事处|支队|总队|大队|中心|委|办|院|署"
                        r"|人民代表大会常务委员会|国务院|公司|协会|街道)$")
# the State Council's ministries (a closed class: its 26 component departments as constituted since 2018), by full
# name and the short name their own documents sign with (科技部, 工信部, 人力资源社会保障部), and the central organs
# that sign without a place (中国人民银行, 审计署, 海关总署, 国家…局/委员会)
_MINISTRY = (r"(?:外交|国防|教育|科学技术|科技|工业和信息化|工信|公安|国家安全|民政|司法|财政|人力资源和社会保障"
             r"|人力资源社会保障|人社|自然资源|生态环境|住房和城乡建设|住房城乡建设|住建|交通运输|水利|农业农村|商务"
             r"|文化和旅游|退役军人事务|应急管理)部")
_NATIONAL_ISSUER = re.compile(r"^(?:中华人民共和国|中共中央|国务院|全国人民代表大会|国家[\u4e00-\u9fa5]{2,12}(?:局|委员会|委)$"
                              rf"|{_MINISTRY}|中国人民银行|审计署|海关总署|(?:市场监管|税务|广电|体育)总局|最高人民(?:法院|检察院))")

_PRINT_LINE = re.compile(rf"^(?P<office>[\u4e00-\u9fa5]{{4,40}}?)\s*[\d{CN_NUM}]{{4}}\s*年[\d{CN_NUM}\s]{{1,4}}月"
                         rf"[\d{CN_NUM}\s]{{1,4}}日\s*印发$")


def split_issuers(s: str) -> tuple[str, ...]:
    """Joint issuers written side by side ("上海市应急管理局 上海市财政局")."""
    parts = [p for p in re.split(r"[\s、，,]+", s.strip()) if p]
    if len(parts) > 1 and all(AGENCY_END.search(p) for p in parts):
        return tuple(parts)
    return (re.sub(r"\s+", "", s),) if s.strip() else ()


def _signature(lines: list[Line], start_at: int, end: int | None) -> tuple[tuple[str, ...], date | None]:
    """Issuer lines just above the first date-only line after ``start_at``, and that date."""
    body = [ln for ln in lines if ln.text.strip() and ln.start >= start_at and (end is None or ln.start < end)]
    for i, ln in enumerate(body):
        if not is_date_line(ln.text):
            continue
        names: list[str] = []
        k = i - 1
        while k >= 0 and len(names) < 6:
            t = body[k].text.strip()
            if len(t) > 40 or not AGENCY_END.search(t.replace(" ", "")) or re.search(r"[。，：；]", t):
                break
            names.insert(0, t)
            k -= 1
        issuers: tuple[str, ...] = ()
        for n in names:
            issuers += split_issuers(n)
        return issuers, parse_date(ln.text)
    return (), None


def _title_issuers(title: str | None) -> tuple[str, ...]:
    if not title:
        return ()
    # the issuer precedes the verb that carries another's paper (国务院批转发展改革委关于…); a title that opens
    # with that verb (批转省经贸委关于…) names the submitter, not the issuer
    m = re.match(r"^(.{2,60}?)\s*(?:关于|印发|批转|转发)", title)
    if m and not m.group(1).startswith(_CARRYING_VERBS) and AGENCY_END.search(m.group(1).strip()):
        return split_issuers(m.group(1))
    return ()


def _law_issuer(info: str) -> str | None:
    first = next((ln for ln in info.splitlines() if re.search(r"国务院|人民代表大会", ln)), "")
    m = re.search(r"(?:中华人民共和国)?(国务院)(?:令|第\d+次常务会议)|([\u4e00-\u9fa5]{0,12}?)第[" + CN_NUM + r"]+届(全国)?"
                  r"(人民代表大会常务委员会|人民代表大会)", first)
    if not m:
        return None
    if m.group(1):
        return "国务院"
    return (m.group(2) or "全国") + m.group(4)


def _header_issuer(lines: list[Line]) -> str | None:
    for ln in lines[:3]:
        m = re.match(r"^(.{2,40}?)文件$", ln.text.replace(" ", ""))
        if m and AGENCY_END.search(m.group(1)):
            return m.group(1)
    return None


def _print_line_office(lines: list[Line]) -> str | None:
    """The office a 版记 print line names (某省人民政府办公厅2020年6月1日印发: constructed), among the last lines: it
    prints for the issuer, so it places the document even where it is not the issuer itself."""
    for ln in [x for x in lines if x.text.strip()][-4:]:
        m = _PRINT_LINE.match(ln.text.strip())
        if m and AGENCY_END.search(m.group("office")):
            return m.group("office")
    return None
