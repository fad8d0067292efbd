"""Document metadata: 文号, issuer(s), date, title, kind, region and level, each with the rule that found it.

Only what the document itself states (its text, or its file's own structure: front matter, JSON
fields) is used. A 文号 cited inside a sentence is never the document's own; none found means None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice

from policykg.ingest.extract.regions import NATIONAL, Gazetteer, level_of
from policykg.ingest.extract.voice import document_voice, own_region
from policykg.ingest.layout import CN_NUM, Line, Wrapper, heading_number, is_date_line
from policykg.ingest.model import Level, Region, Span

_BR_OPEN, _BR_CLOSE = "〔\\[［（(【", "〕\\]］）)】"
# a 文号's code or an order's organ never holds a date run into it (…7月18日国务院令第638号, 二〇一三年七月十八日
# 国务院令…, …3月11日甘政办发〔2020〕25号): it starts after the date's 年/月/日 and holds no numeral run closed by
# one (十堰市, 日照市 are names: no 年/月/日 closes their numeral, no numeral precedes their 日)
_NOT_DATE_TAIL = rf"(?:(?<=[\d{CN_NUM}])(?![年月日号])|(?<![\d{CN_NUM}]))"
_NAME_CHAR = rf"(?![\d{CN_NUM}]+[年月日])[\u4e00-\u9fa5]"
DOC_NUMBER = re.compile(rf"{_NOT_DATE_TAIL}(?P<prefix>(?:{_NAME_CHAR}){{1,14}}?)\s*[{_BR_OPEN}]\s*(?P<year>(?:19|20)\d{{2}})\s*"
                        rf"[{_BR_CLOSE}]\s*(?P<num>\d{{1,4}})\s*号")
_OWN_NUMBER_LINE = re.compile(rf"^[（(]?\s*{DOC_NUMBER.pattern}\s*[）)]?\s*(?:签发人.*)?$")
# 国务院令第708号, 公安部第61号令, 商务部令2018年第2号 (a ministry numbers its orders within the year)
ORDER_NUMBER = re.compile(rf"{_NOT_DATE_TAIL}(?P<organ>(?:{_NAME_CHAR}){{2,20}}?)(?:令\s*[（(]?\s*(?:(?P<year>(?:19|20)\d{{2}})\s*年\s*)?"
                          rf"第\s*(?P<n1>[\d{CN_NUM}]+)\s*号\s*[）)]?|第\s*(?P<n2>[\d{CN_NUM}]+)\s*号令)")
# an order page's head: the organ's 令 on a line of its own, its number (2018 年 第 2 号) on the next
_ORDER_ORGAN_LINE = re.compile(r"^(?P<organ>[\u4e00-\u9fa5]{2,30})令$")
_ORDER_NUMBER_LINE = re.compile(rf"^[（(]?\s*(?:(?P<year>(?:19|20)\d{{2}})\s*年\s*)?第\s*(?P<n>[\d{CN_NUM}]+)\s*号\s*[）)]?$")
# the order's sentence that promulgates a text: 《X》已经…通过，现予发布 / 现公布《X》
_PROMULGATED = re.compile(r"《(?P<t1>[^《》\n]{2,80})》[^。\n《]{0,120}?(?:现予|予以|现将其?)(?:公布|发布|颁布)"
                          r"|现(?:予)?(?:公布|发布|颁布)《(?P<t2>[^《》\n]{2,80})》")
DATE = re.compile(rf"(?P<y>[\d{CN_NUM}]{{4}})\s*年\s*(?P<m>[\d{CN_NUM}]{{1,3}})\s*月\s*(?P<d>[\d{CN_NUM}]{{1,3}})\s*日")
KINDS = ("实施意见", "指导意见", "意见", "实施方案", "工作方案", "行动方案", "方案", "工作要点", "要点", "实施细则",
         "细则", "实施办法", "管理办法", "办法", "管理规定", "规定", "条例", "应急预案", "预案", "决定", "通知",
         "通告", "公告", "批复", "函", "规划", "计划", "标准", "规范", "规则", "指南", "清单", "法")
AGENCY_END = re.compile(r"(?:人民政府|政府|办公厅|办公室|委员会|管委会|局|厅|部|办事处|支队|总队|大队|中心|委|办|院|署"
                        r"|人民代表大会常务委员会|国务院|公司|协会|街道)$")
_NATIONAL_ISSUER = re.compile(r"^(?:中华人民共和国|中共中央|国务院|全国人民代表大会|国家[\u4e00-\u9fa5]{2,12}(?:局|委员会)$"
                              r"|(?:公安|应急管理|住房和城乡建设|财政|交通运输|民政|教育|商务|文化和旅游|工业和信息化"
                              r"|自然资源|生态环境|农业农村|水利|国防)部)")
_TITLE_SKIP = re.compile(r"(?:文件|^附\s*件\s*[\d一二三四五六七八九十]*)$|^[（(]此件|^签发人")
_PRINT_LINE = re.compile(rf"^(?P<office>[\u4e00-\u9fa5]{{4,40}}?)\s*[\d{CN_NUM}]{{4}}\s*年[\d{CN_NUM}\s]{{1,4}}月"
                         rf"[\d{CN_NUM}\s]{{1,4}}日\s*印发$")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2, "○": 0}  # ○ typed for 〇
# the header a legal database adds to an export: 【法宝引证码】CLI…, 【发布部门】…, 原文链接：http… — fields, never a title
_EXPORT_FIELD = re.compile(r"^【(?P<key>[^】]{2,8})】\s*(?P<value>.*)$")
_EXPORT_LINE = re.compile(r"^(?:原文链接|原文地址|来源|链接|网址|URL)\s*[:：]|^https?://", re.IGNORECASE)
_EXPORT_KEYS = {"发布部门": "发布单位", "制定机关": "制定机关", "发文字号": "文号", "发布日期": "发布日期",
                "公布日期": "公布日期", "标题": "标题"}
# a government web page's leftovers around the text: the font-size switch, share and print buttons, a download
# line — page furniture, never a title line
_PAGE_CHROME = re.compile(r"^[【\[]?\s*字\s*[号体]\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*"
                          r"[【\[]?\s*小\s*[】\]]?\s*[】\]]?.{0,12}$"
                          r"|^分享(?:到)?\s*[:：]?.{0,20}$|^[【\[]?\s*(?:打印(?:本页)?|关闭(?:窗口)?)\s*[】\]]?"
                          r"(?:\s*[【\[]?\s*(?:打印(?:本页)?|关闭(?:窗口)?|收藏)\s*[】\]]?)*$"
                          r"|^(?:文件下载|附件下载|相关附件)(?:及相关附件)?\s*[:：]"
                          r"|^(?:浏览|点击|访问|阅读)(?:次数|量|数|率)\s*[:：]\s*\d*$|^扫一扫在手机上?打开当前页$"
                          r"|^(?:日期|时间|发布时间)\s*[:：]\s*\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
# a web page's download link for the document itself, printed after the text (X关于印发Y的通知.PDF): a title
# for a text that has no title line on top, never for one that has
_DOWNLOAD_LINE = re.compile(r"^(?P<name>[^\s/\\:：。，]{6,120}?)\s*\.(?:pdf|docx?|wps|ofd|txt)$", re.IGNORECASE)
# a web page's index block above the text (索引号：… 主题分类：… 发文机关：… 成文日期：… 发文字号：…), one field
# or several to a line; the fields a reader can use, under the names above (the page's issuer field is weaker
# than the document's own signature, so it has a name of its own)
_PAGE_KEYS = {"索引号": "", "主题分类": "", "主题词": "", "体裁分类": "", "组配分类": "", "公文种类": "", "有效性": "",
              "发文机关": "page_issuer", "发文机构": "page_issuer", "发布机构": "page_issuer", "发文单位": "page_issuer",
              "成文日期": "成文日期", "发布日期": "发布日期", "发文字号": "文号", "文号": "文号", "标题": "标题",
              "名称": "标题", "生效日期": "", "废止日期": "", "文件登记号": "", "登记号": "", "统一编号": ""}
_PAGE_KEY = re.compile(r"(?:^|(?<=\s))(?P<key>" + "|".join(sorted(_PAGE_KEYS, key=len, reverse=True))
                       + r")\s*[:：]\s*")


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


@dataclass(frozen=True)
class Metadata:
    """What a document states about itself."""

    title: str | None = None
    doc_number: str | None = None
    issuers: tuple[str, ...] = ()
    date: date | None = None
    kind: str | None = None
    region: Region | None = None
    level: Level | None = None
    carried_title: str | None = None  # what a carrying notice carries, where the layout found no notice title line
    provenance: dict[str, str] = field(default_factory=dict)


def normalise_doc_number(m: re.Match[str]) -> str:
    """A 文号 match with its year bracket normalised to 〔〕."""
    return f"{m.group('prefix')}〔{m.group('year')}〕{m.group('num')}号"


def cn_int(s: str) -> int | None:
    """An Arabic or Chinese numeral (二十六, 一〇, 2021) as int."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if all(c in _CN_DIGIT for c in s):  # digit by digit: 二〇二一
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    total, cur = 0, 0
    for c in s:
        if c in _CN_DIGIT:
            cur = _CN_DIGIT[c]
        elif c == "十":
            total += (cur or 1) * 10
            cur = 0
        elif c == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


def parse_date(text: str) -> date | None:
    """The first 年月日 date in ``text`` (Arabic or Chinese numerals), None when invalid."""
    m = DATE.search(text)
    if not m:
        return None
    y, mo, d = (cn_int(m.group(k)) for k in "ymd")
    try:
        return date(y, mo, d) if y and mo and d else None
    except ValueError:
        return None


def _iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None  # partial ("2024-11") or "-": the field states no full date


def _squash_title(s: str) -> str:
    return re.sub(r"(?<=[\u4e00-\u9fa5》）)」”])\s+(?=[\u4e00-\u9fa5《（(「“])", "", s.strip())


def split_issuers(s: str) -> tuple[str, ...]:
    """Joint issuers written side by side ("上海市应急管理局 上海市财政局")."""
    parts = [p for p in re.split(r"[\s、，,]+", s.strip()) if p]
    if len(parts) > 1 and all(AGENCY_END.search(p) for p in parts):
        return tuple(parts)
    return (re.sub(r"\s+", "", s),) if s.strip() else ()


def _head(lines: list[Line], wrapper: Wrapper, limit: int = 14) -> list[Line]:
    end = wrapper.notice_span.end if wrapper.notice_span else None
    # the first ``limit`` lines that qualify, without judging the rest of a long text
    return list(islice((ln for ln in lines if ln.text.strip() and (end is None or ln.start < end)
                        and not is_export_line(ln.text)), limit))


def is_export_line(text: str) -> bool:
    """A line a legal database or a web page adds around the text (【法宝引证码】…, 原文链接：…, 字号：大 中 小,
    索引号：…), not of the document."""
    t = text.strip()
    return bool(_EXPORT_FIELD.match(t) or _EXPORT_LINE.match(t) or _PAGE_CHROME.match(t) or page_fields(t))


def page_fields(line: str) -> list[tuple[str, str]]:
    """The key：value fields of a web page's index-block line (索引号：… 发文机关：…), [] for any other line."""
    t = line.strip()
    keys = list(_PAGE_KEY.finditer(t))
    if not keys or keys[0].start() != 0:
        return []
    return [(k.group("key"), t[k.end():nxt.start() if nxt else len(t)].strip())
            for k, nxt in zip(keys, keys[1:] + [None])]


def export_fields(lines: list[Line], limit: int = 30) -> dict[str, str]:
    """The 【key】value lines of an export header, under the field names the readers use (文号, 发布单位 …)."""
    out: dict[str, str] = {}
    for ln in islice((x for x in lines if x.text.strip()), limit):
        m = _EXPORT_FIELD.match(ln.text.strip())
        if m and m.group("key") in _EXPORT_KEYS and m.group("value").strip():
            out.setdefault(_EXPORT_KEYS[m.group("key")], m.group("value").strip())
        for key, value in page_fields(ln.text):
            if _PAGE_KEYS[key] and value:
                out.setdefault(_PAGE_KEYS[key], value)
    for key in ("发布日期", "成文日期"):
        if key in out and _iso(out[key]) is None:  # 2012.01.09 or 2012年1月9日
            d = parse_date(out[key]) or _dotted(out[key])
            out[key] = d.isoformat() if d else out[key]
    return out


def _dotted(value: str) -> date | None:
    m = re.fullmatch(r"\s*(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})\s*", value)
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None


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
    orders = list(ORDER_NUMBER.finditer(info))
    if orders:  # the latest order in a law's promulgation block is the current text's
        return orders[-1].group(0), "promulgation_order"
    order = order_header(_head(lines, wrapper, limit=4))
    if order:
        return order[0], "header_order"
    for ln in _head(lines, wrapper, limit=4):
        m = ORDER_NUMBER.search(ln.text)
        if m and len(ln.text) < 80:
            return m.group(0).lstrip("（("), "header_order"
    return None, ""


def order_header(head: list[Line]) -> tuple[str, int] | None:
    """An order page's number (中华人民共和国商务部令 / 2018 年 第 2 号 -> 中华人民共和国商务部令2018年第2号) and
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


def find_title(lines: list[Line], wrapper: Wrapper, fields: dict[str, str]) -> tuple[str | None, str, str]:
    """The title (spaces between words dropped), the rule, and the title as written."""
    for key, rule in (("md_title", "markup_title"), ("标题", "field:标题"), ("title", "field:title"),
                      ("html_title", "html_title")):
        if fields.get(key, "").strip():
            return _squash_title(fields[key]), rule, fields[key]
    head = _head(lines, wrapper, limit=10)
    order = order_header(head)
    if order:
        # an order promulgates a text: the title is that text's, as the law exports give it (生产安全事故应急条例,
        # not 国务院令第708号); with no promulgating sentence in the head, no title line is read
        for ln in head[order[1]:]:
            m = _PROMULGATED.search(ln.text)
            if m:
                written = m.group("t1") or m.group("t2")
                return _squash_title(written), "order_promulgates", written
        return None, "", ""
    parts: list[str] = []
    for ln in head:
        t = ln.text.strip()
        if is_section_heading(t):
            break  # the body's sections have begun: a text without a title line has none
        if not parts:
            if t.endswith(("：", ":")) or "。" in t:
                break  # a sentence or an addressee line: the body has begun
            if _TITLE_SKIP.search(t) or _OWN_NUMBER_LINE.match(t) or is_date_line(t) or len(t) > 80:
                continue
            parts.append(t)
            continue
        joined = "".join(parts)
        if (t.endswith(("：", ":")) or "。" in t or "，" in t or len(t) > 50 or is_date_line(t)
                or _OWN_NUMBER_LINE.match(t)):
            break
        if _squash_title(t) == _squash_title(joined) or _squash_title(joined).endswith(_squash_title(t)):
            break  # an export prints the title twice
        if joined.endswith(KINDS) and not t.startswith(("（", "(")):
            break
        parts.append(t)
    if not parts:
        return download_title(lines)
    return _squash_title(" ".join(parts)), "header_lines", " ".join(parts)


def download_title(lines: list[Line], tail: int = 6) -> tuple[str | None, str, str]:
    """The title a web page's download link gives among the last ``tail`` lines (X关于Y的通知.pdf), when its name
    ends with a kind of document; an attachment's file (附件：…表.doc) is not the document's."""
    for ln in [x for x in lines if x.text.strip()][-tail:]:
        m = _DOWNLOAD_LINE.match(ln.text.strip())
        if m and not m.group("name").startswith("附件") and find_kind(m.group("name")):
            return _squash_title(m.group("name")), "download_link", m.group("name")
    return None, "", ""


def is_section_heading(line: str) -> bool:
    """A numbered heading of the body (第一章, 一、, （一）, 1. …, as the layout reads them): never a title line."""
    hit = heading_number(line.strip())
    return hit is not None and hit[0].rank is not None and bool(hit[2].strip())


def find_kind(title: str | None) -> str | None:
    """The document kind named at the end of its title (通知, 实施方案, 条例 …)."""
    if not title:
        return None
    core = re.sub(r"[（(][^（()）]*[）)]$", "", title.strip())
    core = re.sub(r"[》\s]+$", "", core)
    for k in KINDS:
        if core.endswith(k):
            return k
    return None


def find_carried_title(title: str | None, lines: list[Line]) -> tuple[str | None, str]:
    """What a notice that carries another paper (印发/转发/批转…的通知) carries, read from its title: the carried
    text's own heading where one follows the notice's signature date and is the title's carried part in its own
    words (关于X的若干意见 under 批转省经贸委关于X若干意见的通知), else that part (印发Y的通知 -> Y)."""
    m = _CARRYING.search(title or "")
    if not m:
        return None, ""
    part = _squash_title(m.group("title"))
    heading = _heading_after_signature(lines)
    if heading and heading.replace("的", "") and part.replace("的", "").endswith(heading.replace("的", "")):
        return heading, "carried_heading"
    return part, "title_carrying_verb"


def _heading_after_signature(lines: list[Line], most: int = 3) -> str | None:
    """The title lines (up to ``most``, joined) that open the text after the first date-only line, where they
    end in a kind of document; a （此件公开发布） line between is skipped."""
    body = [ln.text.strip() for ln in lines if ln.text.strip()]
    start = next((i for i, t in enumerate(body) if is_date_line(t)), None)
    if start is None:
        return None
    rest = [t for t in body[start + 1:start + 2 + most] if not _TITLE_SKIP.search(t)]
    joined = ""
    for t in rest[:most]:
        if re.search(r"[。，；：:]", t) or len(t) > 50 or is_section_heading(t):
            break
        joined += _squash_title(t)
        if find_kind(joined):
            return joined
    return None


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


_CARRYING_VERBS = ("批转", "转发", "印发", "颁发", "下发")
_CARRYING = re.compile(r"(?:" + "|".join(_CARRYING_VERBS) + r")(?P<q>《)?(?P<title>.+?)(?(q)》)的?(?:通知|通告|函)$")


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


def _promulgation_line(lines: list[Line]) -> str:
    # laws without a marked info block open with "（1995年…会议通过　根据…修正）"
    for ln in [x for x in lines if x.text.strip()][:8]:
        if ln.text.startswith(("（", "(")) and re.search(r"会议通过|令第|号令|公布", ln.text):
            return ln.text
    return ""


def _latest_date(info: str) -> date | None:
    # adoption and amendment dates; an effective date ("…起施行") is not the document's date
    dates = [parse_date(m.group(0)) for m in DATE.finditer(info) if "施行" not in info[m.end():m.end() + 4]]
    return max((d for d in dates if d), default=None)


def _header_issuer(lines: list[Line]) -> str | None:
    for ln in lines[:3]:
        m = re.match(r"^(.{2,40}?)文件$", ln.text.replace(" ", ""))
        if m and AGENCY_END.search(m.group(1)):
            return m.group(1)
    return None


def _print_line_office(lines: list[Line]) -> str | None:
    """The office a 版记 print line names (山东省人民政府办公厅2019年3月15日印发), among the last lines: it
    prints for the issuer, so it places the document even where it is not the issuer itself."""
    for ln in [x for x in lines if x.text.strip()][-4:]:
        m = _PRINT_LINE.match(ln.text.strip())
        if m and AGENCY_END.search(m.group("office")):
            return m.group("office")
    return None


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


def extract_metadata(text: str, lines: list[Line], wrapper: Wrapper, fields: dict[str, str],
                     marks: dict[str, Span], gazetteer: Gazetteer | None = None) -> Metadata:
    """All metadata the document states, with the rule behind each field in ``provenance``."""
    prov: dict[str, str] = {}
    fields = {**export_fields(lines), **fields}
    info_span = marks.get("info")
    info = text[info_span.start:info_span.end] if info_span else _promulgation_line(lines)

    doc_number, rule = find_doc_number(lines, wrapper, fields, info)
    if doc_number:
        prov["doc_number"] = rule
    title, rule, raw_title = find_title(lines, wrapper, fields)
    if title:
        prov["title"] = rule
    kind = find_kind(title)
    if kind:
        prov["kind"] = "title_suffix"

    head = _head(lines, wrapper)
    sig_from = head[0].start if head else 0
    sig_issuers, sig_date = _signature(lines, sig_from, wrapper.notice_span.end if wrapper.notice_span else None)
    issuers: tuple[str, ...] = ()
    joint = _title_issuers(raw_title)
    order = ORDER_NUMBER.search(doc_number or "")
    for cand, rule in ((joint if len(joint) > 1 else (), "title_prefix_joint"),
                       (split_issuers(fields.get("发布单位", "")), "field:发布单位"),
                       (split_issuers(fields.get("issuer", "")), "field:issuer"),
                       (split_issuers(fields.get("制定机关", "")), "field:制定机关"),
                       (sig_issuers, "signature"), (_title_issuers(title), "title_prefix"),
                       (split_issuers(fields.get("page_issuer", "")), "field:page_issuer"),
                       (split_issuers(_header_issuer(head) or ""), "red_header"),
                       (split_issuers(_law_issuer(info) or ""), "promulgation_block"),
                       ((order.group("organ").removeprefix("中华人民共和国"),) if order else (), "order_organ")):
        if cand:
            issuers, prov["issuer"] = cand, rule
            break

    doc_date: date | None = None
    for cand_date, rule in ((sig_date, "signature_date"), (_iso(fields.get("成文日期", "")), "field:成文日期"),
                            (_iso(fields.get("发布日期", "")), "field:发布日期"),
                            (_iso(fields.get("date", "")), "field:date"),
                            (_iso(fields.get("公布日期", "")), "field:公布日期"),
                            (_latest_date(info), "promulgation_block_latest")):
        if cand_date:
            doc_date, prov["date"] = cand_date, rule
            break

    gaz = gazetteer or Gazetteer.load()
    region: Region | None = None
    level: Level | None = None
    if _is_national(issuers, title, info):
        region, level = NATIONAL, "national"
        prov["region"] = prov["level"] = "national_issuer" if issuers else "national_title"
    else:
        strong = ([(i, "issuer") for i in issuers] + [(title or "", "title")]
                  + [(_print_line_office(lines) or "", "print_line")])
        region = gaz.locate(strong, context=text[:3000])
        if region is None:
            # no issuer or title names a place: who speaks (addressee line, 全省/我市) and the place of that
            # kind it names as its own; a place merely mentioned (a pilot city) is never the region
            voice = document_voice(text, [ln.text for ln in head])
            region = own_region(text, voice, gaz) if voice else None
            if voice is None and national_organ_voice(text):
                region = replace(NATIONAL, rule="national_organ_voice")
            if region is None and voice and doc_number:
                region = code_province(doc_number, voice.unit, gaz)
                if region and not issuers:
                    issuers = code_government(doc_number, region)
                    if issuers:
                        prov["issuer"] = "doc_number_code"
            level = region.level if region else (voice.level if voice else None)
            if level and not region:
                prov["level"] = voice.rule if voice else ""
        if region:
            level = region.level
            prov["region"] = prov["level"] = region.rule
    carried, rule = (None, "") if wrapper.carried_title else find_carried_title(title, lines)
    if carried:
        prov["carried_title"] = rule
    return Metadata(title=title, doc_number=doc_number, issuers=issuers, date=doc_date, kind=kind,
                    region=region, level=level, carried_title=carried, provenance=prov)
