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
