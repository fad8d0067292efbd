"""Metadata region clues: whether a document speaks as a national organ, and the province and government a
文号's code names (辽政发 -> 辽宁省, 辽宁省人民政府)."""

from __future__ import annotations

import re

from policykg.ingest.extract.metadata_issuers import _NATIONAL_ISSUER
from policykg.ingest.extract.metadata_numbers import DOC_NUMBER
from policykg.ingest.extract.regions import Gazetteer, level_of
from policykg.ingest.model import Region

_NATIONAL_ORGAN = re.compile(r"全国人民代表大会(?:常务委员会)?|全国人大(?:常委会)?|全国政协|中国人民政治协商会议全国委员会")
_CITED = re.compile(r"《[^《》\n]{1,120}》")
# a 文号's code opens with the issuer's province as its one-character short name (辽政发, 苏政办发, 渝府办发, 甘教发)
_PROVINCE_CODE = {"京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省", "晋": "山西省",
                  "内": "内蒙古自治区", "辽": "辽宁省", "吉": "吉林省", "黑": "黑龙江省", "苏": "江苏省", "浙": "浙江省",
                  "皖": "安徽省", "闽": "福建省", "赣": "江西省", "鲁": "山东省", "豫": "河南省", "鄂": "湖北省",
                  "湘": "湖南省", "粤": "广东省", "桂": "广西壮族自治区", "琼": "海南省", "川": "四川省", "黔": "贵州省",
                  "云": "云南省", "滇": "云南省", "藏": "西藏自治区", "陕": "陕西省", "甘": "甘肃省", "青": "青海省",
                  "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区"}
# ... and, for a government's own papers, the organ: 政/府 the 人民政府, 政办/府办 its 办公厅 (辽政发, 甘政办发)
_GOVERNMENT_CODE = re.compile(r"^.(?P<office>政办|府办|政|府)(?:发|函|电|明电|字|传发)?$")


def code_province(doc_number: str, unit: str, gaz: Gazetteer) -> Region | None:
    """The province a 文号's code names by its short name (辽政发 -> 辽宁省) when the document speaks for a unit of
    that kind (省, 自治区, or 市 for 京津沪渝): a city's code may reuse the character (青政发 of 青岛市, 宁政发 of
    南京市), so the voice decides, never the character alone."""
    m = DOC_NUMBER.search(doc_number)
    name = _PROVINCE_CODE.get(m.group("prefix")[0]) if m else None
    if not name or not name.endswith(unit) or unit not in ("省", "自治区", "市"):
        return None
    codes = [c for c in gaz.by_name.get(name, []) if level_of(c) == "provincial"]
    return gaz.region_by_code(codes[0], "doc_number_code+" + unit) if codes else None


def code_government(doc_number: str, province: Region) -> tuple[str, ...]:
    """The issuer a province's government code names (辽政发 -> 辽宁省人民政府, 甘政办发 -> 甘肃省人民政府办公厅), for a
    text whose signature names none; () for any other organ's code (苏教发)."""
    m = DOC_NUMBER.search(doc_number)
    g = _GOVERNMENT_CODE.match(m.group("prefix")) if m else None
    if not g:
        return ()
    return (province.name + ("人民政府办公厅" if g.group("office").endswith("办") else "人民政府"),)


def national_organ_voice(text: str, min_count: int = 2) -> bool:
    """Whether a text with no voice of its own (no addressee line, no 全省/我市) speaks as a national organ: it
    names one that only the nation has (全国人大常委会, 全国人民代表大会, 全国政协) at least ``min_count`` times
    outside 《》 citations, as a 省人大常委会's plan names its own 省人大常委会."""
    plain = _CITED.sub("", text)
    return len(_NATIONAL_ORGAN.findall(plain)) >= min_count


def _is_national(issuers: tuple[str, ...], title: str | None, info: str) -> bool:
    if issuers:
        return bool(_NATIONAL_ISSUER.match(issuers[0]))
    return bool(title and title.startswith("中华人民共和国")) or "全国人民代表大会" in info
