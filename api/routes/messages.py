"""The web page's words: Chinese messages for what went wrong, phrased from the field and value at fault.

The search layer and the API speak English to programs (``{error, detail}``); a person on the Chinese
page reads these instead. Messages are built from structure (which field, which value), never by
translating the English text.
"""

from __future__ import annotations

from datetime import date
from typing import Any

LEVEL_LABELS = {"national": "国家级", "provincial": "省级", "city": "市级", "county": "县级", "township": "乡镇级"}
ROLE_LABELS = {"lead": "牵头", "cooperate": "配合", "collective": "共同"}
SEVERITY_LABELS = {"error": "冲突", "warning": "提醒"}
PRECISION_LABELS = {"day": "精确到日", "month": "精确到月", "quarter": "精确到季度", "year": "精确到年",
                    "interval": "期间", "relative": "相对期限", "recurring": "周期性", "unknown": "未定"}
STATUS_TITLES = {400: "请求有误", 404: "未找到", 405: "不支持该操作", 413: "文件过大", 422: "参数有误",
                 500: "服务器内部错误", 503: "服务器正忙"}
FIELD_LABELS = {"query": "检索词", "region": "地区", "agency": "责任部门", "site_type": "场所类型",
                "level": "层级", "date_from": "起始日期", "date_to": "截止日期", "limit": "每页条数",
                "text": "对照文本", "exclude_region": "排除地区", "kind": "类型", "doc": "文件"}


def search_error(field: str, values: dict[str, Any]) -> str:
    """The Chinese message for a search filter or query the search layer refused."""
    value = values.get(field)
    if field == "query":
        return "请输入检索词。"
    if field == "level":
        return f"未知的层级“{value}”：可选 " + "、".join(LEVEL_LABELS.values()) + "。"
    if field in ("region", "exclude_region"):
        return f"没有找到地区“{value}”：已导入的文件中没有这个地区。请检查名称，或从下面的地区中选择。"
    if field == "agency":
        return f"没有找到责任部门“{value}”：请换一个名称或简称，例如“消防救援大队”“住建局”。"
    if field == "site_type":
        return f"没有找到场所类型“{value}”：例如“九小场所”“高层建筑”“地下空间”。"
    if field in ("date_from", "date_to"):
        if field == "date_from" and _valid_date(values.get("date_from")) and _valid_date(values.get("date_to")):
            return "起始日期晚于截止日期。"
        return f"{FIELD_LABELS[field]}“{value}”无法识别：请写成 年-月-日，例如 2024-01-31。"
    if field == "limit":
        return "每页条数须在 1 到 100 之间。"
    if field == "text":
        return "没有找到这条任务：它可能已随文件更新而改变，请从文件页面重新打开。"
    return f"{FIELD_LABELS.get(field, field)}有误，请检查后重试。"


def _valid_date(value: Any) -> bool:
    try:
        date.fromisoformat(str(value).strip())
    except ValueError:
        return False
    return True


def busy_message() -> str:
    """The server is overloaded: the query itself was fine."""
    return "服务器正忙，暂时无法处理这次检索，请稍后重试。"


def status_title(status: int) -> str:
    """A short Chinese title for an HTTP status."""
    return STATUS_TITLES.get(status, f"出错了（{status}）")


def document_not_found(ref: str) -> str:
    """No document matches what was asked for."""
    return f"没有找到文件“{ref}”：它可能尚未导入，或链接有误。可以按文件名、文号或标题检索。"


def unknown_kind(kind: str, kinds: tuple[str, ...]) -> str:
    """An unknown kind of consistency finding."""
    return f"未知的检查类型“{kind}”：可选 " + "、".join(CHECK_KIND_LABELS.get(k, k) for k in kinds) + "。"


CHECK_KIND_LABELS = {"chain_deadline": "上下级期限冲突", "internal_deadline": "同一文件内期限不一致",
                     "deadline_before_issue": "期限早于发文日期", "weaker_target": "下级目标低于上级"}


# why a file could not be ingested: the stable head of each reason ingest/ and graph/ give (ingest/read.py,
# ingest/formats.py, ingest/pipeline.py, ingest/workers.py, graph/kg.py), its code for programs and its
# Chinese for the page; the English reason stays beside it for the details (a byte offset, an exception)
INGEST_FAILURES: tuple[tuple[str, str, str], ...] = (
    ("empty file", "empty", "文件为空"),
    ("has a ", "bad_encoding", "文件开头的字节顺序标记与其编码不符"),
    ("binary content", "binary", "不是文本文件（二进制内容）"),
    ("undecodable", "undecodable", "无法识别文件的文字编码"),
    ("too large", "too_large", "文件过大，超过导入上限"),
    ("too long", "too_long", "文字过长，超过导入上限"),
    ("too many pages", "too_many_pages", "PDF 页数超过导入上限"),
    ("unsupported file type", "unsupported_type", "不支持的文件类型（可导入 .txt .md .html .docx .pdf .json）"),
    ("unsupported .docx", "unsupported_docx", "不支持这种 .docx 压缩方式"),
    ("cannot read this", "unreadable", "无法读取文件内容"),
    ("cannot read:", "unreadable", "无法读取文件"),
    ("no such file or folder", "missing", "文件或文件夹不存在"),
    ("no text in this", "no_text", "文件中没有文字"),
    ("truncated or corrupt .docx", "corrupt", ".docx 文件不完整或已损坏"),
    ("corrupt .docx", "corrupt", ".docx 文件已损坏"),
    ("refused as a zip bomb", "zip_bomb", "解压后体积异常（疑似压缩炸弹），已拒绝"),
    ("not a PDF", "corrupt", "不是有效的 PDF 文件"),
    ("truncated PDF", "corrupt", "PDF 文件不完整"),
    ("corrupt PDF", "corrupt", "PDF 文件已损坏"),
    ("PDF has no extractable text", "no_text", "PDF 中没有可提取的文字（可能是扫描图片）"),
    ("invalid JSON", "bad_json", "JSON 格式有误"),
    ("JSON", "bad_json", "JSON 内容不是可识别的法规结构"),
    ("parse worker died", "worker_died", "解析进程意外退出（可能内存不足）"),
    ("out of memory", "out_of_memory", "解析时内存超过上限"),
    ("parse stopped", "parse_timeout", "解析时间超过上限，已停止"),
    ("parse failed", "parse_failed", "解析出错"),
    ("layout/metadata stage failed", "parse_failed", "识别版面或文件信息时出错"),
    ("cannot map to the graph", "graph_failed", "转换为图谱数据时出错"),
    ("cannot read the change record", "graph_failed", "读取文件的变更记录时出错"),
    ("cannot write to the graph", "graph_failed", "写入图谱时出错"),
    ("file gone", "file_gone", "旧版本写入的文件已不在原处，无法重建，图谱中保留原样"),
)


def ingest_failure(reason: str) -> tuple[str, str]:
    """The code and the Chinese message of why a file could not be ingested (``reason``: the English one)."""
    for head, code, message in INGEST_FAILURES:
        if reason.startswith(head):
            return code, message
    if reason.split(":", 1)[0].endswith("extraction failed"):
        return "extract_failed", "抽取文件内容时出错"
    return "other", "未能导入"


def start_failed(exc: BaseException) -> str:
    """The Chinese message of a start that stopped on an exception (its English stays in ``message``)."""
    return f"启动未完成（{type(exc).__name__}）：已写入的文件照常提供；详情见服务日志，重启服务会从中断处继续。"


# the search layer's notices (search/query.py, search/results.py, search/index.py) as the page says them
SEARCH_NOTICES: tuple[tuple[str, str], ...] = (
    ("query truncated", "检索词过长，只用了开头的部分。"),
    ("the search index is empty", "检索索引是空的：还没有导入文件。"),
    ("the obligation's text was cut", "这条任务的原文较长，只用了开头的部分来比较。"),
    ("search index rebuilt", "检索索引已从图谱重新建立。"),
)


def search_notice(notice: str) -> str:
    """The Chinese of a notice the search layer gave with its answer."""
    for head, message in SEARCH_NOTICES:
        if notice.startswith(head):
            return message
    return notice  # a notice not yet in SEARCH_NOTICES (tests/test_pages.py keeps the table complete)
