"""Markup readers: markdown (with inline HTML and entities), HTML and the structured JSON law files.

Each returns (line, tag) pairs for ``textnorm.join_lines`` plus the fields the file's own structure
states (front matter, <title>, JSON keys). Tables become tab-separated lines, the one table form
that ``layout`` reads, so a table looks the same whatever format it came from.
"""

from __future__ import annotations

import html
import json
import re

from policykg.ingest.model import IngestError

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_BLOCK_TAG = re.compile(r"</?(?:div|p|br|tr|li|h[1-6]|table|ul|ol|section|article|hr|blockquote)\b[^>]*>",
                        re.IGNORECASE)
_CELL_END = re.compile(r"</t[dh]\s*>\s*(?=<t[dh]\b)", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]*\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_INFO_END = "\x00INFO_END\x00"
_FIELD_ITEM = re.compile(r"^\s*[-*+]\s*\*\*(?P<key>[^*]{1,12})\*\*\s*[：:]\s*(?P<value>.+?)\s*$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")


def _front_matter(raw: str) -> tuple[dict[str, str], str]:
    m = _FRONT_MATTER.match(raw)
    if not m:
        return {}, raw
    fields: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t")):
            fields[key.strip()] = value.strip().strip("'\"")
    return fields, raw[m.end():]


def markdown_lines(raw: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Markdown to plain lines: front matter to fields, markup and inline HTML stripped."""
    fields, body = _front_matter(raw)
    # lawrefbook marks the end of the promulgation block with a comment; keep its position.
    body = _COMMENT.sub(lambda m: _INFO_END if "INFO END" in m.group(1) else "", body)
    body = _CELL_END.sub("\t", body)
    body = _BLOCK_TAG.sub("\n", body)
    body = _ANY_TAG.sub("", body)
    lines: list[tuple[str, str]] = []
    seen_heading = False
    title_at: int | None = None
    for line in body.split("\n"):
        if _INFO_END in line:
            if title_at is not None:  # everything between the title and the marker is the info block
                lines[title_at + 1:] = [(t, tag or "info") for t, tag in lines[title_at + 1:]]
            line = line.replace(_INFO_END, "")
        line = html.unescape(line)
        m = _HEADING.match(line)
        if m:
            text = _EMPHASIS.sub(r"\2", m.group(2))
            tag = ""
            if m.group(1) == "#" and "md_title" not in fields:
                fields["md_title"] = text
                tag = "md_title"
                title_at = len(lines)
            seen_heading = True
            lines.append((text, tag))
            continue
        if line.lstrip().startswith(">") and not seen_heading:
            # an editor's note before the title is not part of the document
            fields.setdefault("note", "")
            fields["note"] += line.lstrip()[1:].strip()
            continue
        if _PIPE_SEP.match(line) and "|" in line or _RULE.match(line):
            continue
        item = _FIELD_ITEM.match(line)
        if item and len(lines) < 20:  # "- **制定机关**：…" lists under the title are metadata, not text
            fields.setdefault(item.group("key").strip(), item.group("value"))
            continue
        if line.strip().startswith("|") and line.strip().endswith("|") and line.count("|") >= 3:
            line = "\t".join(c.strip() for c in line.strip()[1:-1].split("|"))
        if "](" in line:  # every image and link has one
            line = _LINK.sub(r"\1", _IMAGE.sub("", line))
        if "**" in line or "__" in line:
            line = _EMPHASIS.sub(r"\2", line)
        lines.append((line, ""))
    return lines, fields


_HTML_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
                "blockquote", "pre", "hr", "dd", "dt")


def html_lines(raw: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """HTML to plain lines with BeautifulSoup: block elements break lines, tables become tab rows."""
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(raw, "html.parser")
    fields: dict[str, str] = {}
    if soup.title and soup.title.get_text(strip=True):
        fields["html_title"] = soup.title.get_text(strip=True)
    for tag in soup(["script", "style", "head", "noscript", "template"]):
        tag.decompose()
    for table in soup.find_all("table"):
        rows = []
        for tr in table.find_all("tr"):
            cells = [re.sub(r"\s+", " ", c.get_text(" ", strip=True)) for c in tr.find_all(["td", "th"])]
            rows.append("\t".join(cells))
        table.replace_with(NavigableString("\n" + "\n".join(rows) + "\n"))
    for br in soup.find_all("br"):
        br.replace_with(NavigableString("\n"))
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        fields["md_title"] = re.sub(r"\s+", "", h1.get_text())
    for tag in soup.find_all(_HTML_BLOCKS):
        tag.insert_before(NavigableString("\n"))
        tag.insert_after(NavigableString("\n"))
    text = soup.get_text()
    lines = [(ln, "md_title" if fields.get("md_title") and re.sub(r"\s+", "", ln) == fields["md_title"]
              else "") for ln in text.split("\n")]
    return lines, fields


def _text_field(value: object, where: str, path: str) -> str:
    """A JSON scalar as text; a list or an object where text belongs is the file's error."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    raise IngestError(path, f"JSON field {where} is {_json_type(value)}, expected text")


def _json_type(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "a boolean", int: "a number",
            float: "a number"}.get(type(value), "null")


def json_lines(raw: str, path: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """A structured law file (law_name, authority, document_no, chapters/articles) to text; a field of
    the wrong type or nesting too deep is the file's error, with the field named."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise IngestError(path, f"invalid JSON at line {e.lineno}: {e.msg}") from None
    except RecursionError:  # the C scanner stops at the interpreter's recursion limit
        raise IngestError(path, "JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise IngestError(path, "JSON is not an object describing one document")
    title = data.get("law_name") or data.get("title")
    chapters = data.get("chapters")
    if not isinstance(title, str) or not title.strip() or not isinstance(chapters, list):
        raise IngestError(path, "JSON without a recognised document structure (law_name + chapters)")
    title = title.strip()
    fields = {"md_title": title}
    for src, dst in (("authority", "issuer"), ("document_no", "doc_number"), ("issued_date", "date"),
                     ("effective_date", "effective_date"), ("source_url", "url")):
        if isinstance(data.get(src), str) and data[src].strip():
            fields[dst] = data[src].strip()
    lines: list[tuple[str, str]] = [(title, "md_title")]
    for c, chapter in enumerate(chapters):
        if not isinstance(chapter, dict):
            raise IngestError(path, f"JSON field chapters[{c}] is {_json_type(chapter)}, expected an object")
        heading = _text_field(chapter.get("chapter_title"), f"chapters[{c}].chapter_title", path)
        if heading:
            lines += [("", ""), (heading, "")]
        articles = chapter.get("articles")
        if articles is None:
            continue
        if not isinstance(articles, list):
            raise IngestError(path, f"JSON field chapters[{c}].articles is {_json_type(articles)}, "
                                    "expected a list")
        for a, art in enumerate(articles):
            if not isinstance(art, dict):
                raise IngestError(path, f"JSON field chapters[{c}].articles[{a}] is {_json_type(art)}, "
                                        "expected an object")
            num = _text_field(art.get("num"), f"chapters[{c}].articles[{a}].num", path)
            text = _text_field(art.get("text"), f"chapters[{c}].articles[{a}].text", path)
            lines.append((f"{num} {text}".strip(), ""))
    return lines, fields
