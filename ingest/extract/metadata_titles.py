"""Metadata titles: the document's title (header lines, a field, an order's promulgated text, a download
link), its kind (通知, 实施方案 …) and what a carrying notice (印发/转发…的通知) carries."""

from __future__ import annotations

import re

from policykg.ingest.extract.metadata_export import _head
from policykg.ingest.extract.metadata_numbers import _OWN_NUMBER_LINE, order_header
from policykg.ingest.layout import Line, Wrapper, heading_number, is_date_line

# the order's sentence that promulgates a text: 《X》已经…通过，现予发布 / 现公布《X》
_PROMULGATED = re.compile(r"《(?P<t1>[^《》\n]{2,80})》[^。\n《]{0,120}?(?:现予|予以|现将其?)(?:公布|发布|颁布)"
                          r"|现(?:予)?(?:公布|发布|颁布)《(?P<t2>[^《》\n]{2,80})》")

KINDS = ("实施意见", "指导意见", "意见", "实施方案", "工作方案", "行动方案", "方案", "工作要点", "要点", "实施细则",
         "细则", "实施办法", "管理办法", "办法", "管理规定", "规定", "条例", "应急预案", "预案", "决定", "通知",
         "通告", "公告", "批复", "函", "规划", "计划", "标准", "规范", "规则", "指南", "清单", "法")


_TITLE_SKIP = re.compile(r"(?:文件|^附\s*件\s*[\d一二三四五六七八九十]*)$|^[（(]此件|^签发人")


# a web page's download link for the document itself, printed after the text (X关于印发Y的通知.PDF): a title
# for a text that has no title line on top, never for one that has
_DOWNLOAD_LINE = re.compile(r"^(?P<name>[^\s/\\:：。，]{6,120}?)\s*\.(?:pdf|docx?|wps|ofd|txt)$", re.IGNORECASE)


def _squash_title(s: str) -> str:
    return re.sub(r"(?<=[\u4e00-\u9fa5》）)」”])\s+(?=[\u4e00-\u9fa5《（(「“])", "", s.strip())


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


_CARRYING_VERBS = ("批转", "转发", "印发", "颁发", "下发")
_CARRYING = re.compile(r"(?:" + "|".join(_CARRYING_VERBS) + r")(?P<q>《)?(?P<title>.+?)(?(q)》)的?(?:通知|通告|函)$")
