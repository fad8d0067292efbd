"""Metadata wrappers: the lines a legal database's export or a web page adds around the text (【发布部门】…,
原文链接：…, 字号：大 中 小, 索引号：… 发文机关：…), read as fields, and the document's own head without them."""

from __future__ import annotations

import re
from itertools import islice

from policykg.ingest.extract.metadata_dates import _dotted, _iso, parse_date
from policykg.ingest.layout import Line, Wrapper

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


# a web page's index block above the text (索引号：… 主题分类：… 发文机关：… 成文日期：… 发文字号：…), one field
# or several to a line; the fields a reader can use, under the names above (the page's issuer field is weaker
# than the document's own signature, so it has a name of its own)
_PAGE_KEYS = {"索引号": "", "主题分类": "", "主题词": "", "体裁分类": "", "组配分类": "", "公文种类": "", "有效性": "",
              "发文机关": "page_issuer", "发文机构": "page_issuer", "发布机构": "page_issuer", "发文单位": "page_issuer",
              "成文日期": "成文日期", "发布日期": "发布日期", "发文字号": "文号", "文号": "文号", "标题": "标题",
              "名称": "标题", "生效日期": "", "废止日期": "", "文件登记号": "", "登记号": "", "统一编号": ""}
_PAGE_KEY = re.compile(r"(?:^|(?<=\s))(?P<key>" + "|".join(sorted(_PAGE_KEYS, key=len, reverse=True))
                       + r")\s*[:：]\s*")


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
    if not _PAGE_KEY.match(t):  # the first key opens the line: no scan of a line that does not start with one
        return []
    keys = list(_PAGE_KEY.finditer(t))
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
