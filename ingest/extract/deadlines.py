"""Deadlines: time limits normalised against the document's date, keeping text and precision.

Hand rules, no library: 2020年年底前, 年内, 12月底前 (year from the document), 即日起至7月底 and
7月中下旬 (intervals: ``date`` is the end), 2021年3月31日前, 每月26日前 (recurring), 5个工作日内
(relative), 全国"两会"结束 (event, no date). 文号 such as 〔2020〕 and titles in 《》 are masked first so
their years are not read as deadlines. This module is the grammar (which words make a time limit) and its
public API; calendar arithmetic and the reference date are in ``deadline_calendar``, cycles in
``deadline_cycles``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache

from policykg.ingest.extract.deadline_calendar import YEARS, AssumedDate, PlanDate, infer_year, reference_date
from policykg.ingest.extract.deadline_calendar import add_span as _after
from policykg.ingest.extract.deadline_calendar import holiday_eve as _holiday_eve
from policykg.ingest.extract.deadline_calendar import issued as _issued
from policykg.ingest.extract.deadline_calendar import month_end as _month_end
from policykg.ingest.extract.deadline_calendar import num as _num
from policykg.ingest.extract.deadline_calendar import part_interval as _part_interval
from policykg.ingest.extract.deadline_calendar import span_end as _span_end
from policykg.ingest.extract.deadline_cycles import first_due as _first_due
from policykg.ingest.extract.deadline_cycles import yearly as _yearly
from policykg.ingest.model import Deadline, Span

# the public API (reference_date, infer_year and the reference date types live in deadline_calendar)
__all__ = ["YEARS", "AssumedDate", "PlanDate", "carried_limit", "column_deadlines", "extract_deadlines", "infer_year",
           "mask", "period_of", "reference_date"]

_MASKS = [re.compile(r"[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]"), re.compile(r"《[^《》]{0,80}》"),
          re.compile(r"\d{4}\s*[-—–―~～至]+\s*\d{4}年?"), re.compile(r"\d{4}年度(?![内底末])"), re.compile(r"\d{1,2}[：:]\d{2}")]
_DIGIT = re.compile(r"\d")
_N = r"(\d{1,2}|[一二两三四五六七八九十]{1,3})"
_Y = r"(?:(\d{4}|[〇○零一二三四五六七八九]{4})\s*年)"  # 2021年, 二〇二一年, 二○二一年 (○ typed for 〇)
_END = r"(?:前|之前|以前|底前|末前|为止|内)"
_PART = r"(上旬|中旬|下旬|中下旬|上中旬|底|末|初)"
_EVENT_END = r"[^，。；、\s]{2,16}?(?:结束|活动|召开|开展|启动|到来|完成|举办|之际|期间|前夕|启用|投用|投入使用|竣工|交付|开工)"

_LEAD = re.compile(r"(?:并|且|在|于|原则上|须|将|从|要|应(?!急))+")
# what a relative limit counts from starts at its last 在/自/从/于 (区政府要在本意见印发之日起30日内)
_COUNT_FROM = re.compile(r".*(?:在|自|从|于)")
# what may stand before a count of years counted from the plan itself: a goal's lead (力争, 争取, 将在, 要在; a subject
# before 将在) and the first number of a range (2—3年内), but no event (投入运行后一年内) and no
# duty cue (应当在一年内: a law's limit counts from the case before it)
_PLAN_SPAN = re.compile(r"(?:[^，。；、\s（(]{0,12}?(?:将|要)?在|力争|争取|力求|计划|预计)\s*"
                        r"(?:(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*[—\-－~～到至])?\s*")
# the words of a duty before a count that name nothing to count from (但应当15日内, 并须)
_CUE_ONLY = re.compile(r"(?:但|并|且|还|均|都|也|应当|应|须|必须|要|将|可以|可|予以|依法)*")
_CUE_IN_SPAN = re.compile(r"应|须|之日|后$|起$|其")
_RANGE_START = re.compile(r"(?:(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*[—\-－~～到至])?\s*$")
# a limit counted from the document itself: its date is known
_FROM_ISSUE = re.compile(r"本(?:意见|通知|方案|办法|规定|细则|决定|计划)(?:印发|发布|公布|下发|施行|实施)之日")
# a limit counted from the day the document takes effect (自本办法施行之日起, 本办法颁布实施之日起): from the day its text
# names (PlanDate.in_force), which a revised law's own date is not
_FROM_FORCE = re.compile(r"本(?:意见|通知|方案|办法|规定|细则|决定|计划|条例)(?:颁布|印发|发布|公布)?(?:施行|实施|生效)之日")

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("from_until", re.compile(r"(?:从)?(?P<from>即日起|(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:起)?\s*"
                              r"(?:至|到|[-—–―~～－]+)\s*(?P<until>[^，。；,）)]{2,24})")),
    ("month_range", re.compile(r"(?:(?P<y1>\d{4})\s*年\s*)?(?P<m1>\d{1,2})\s*月?(?:份)?\s*(?:至|到|[-—–―~～－]+)\s*"
                               r"(?:(?P<y2>\d{4})\s*年\s*)?(?P<m2>\d{1,2})\s*月(?:份)?(?P<p2>底|末|上旬|中旬|下旬)?"
                               r"(?!\s*\d{1,2}\s*[日号])")),
    ("recurring_day", re.compile(r"每(?P<unit>月|季度|年|周)\s*(?:(?P<rm>\d{1,2})\s*月)?\s*(?P<rd>\d{1,2})\s*日"
                                 r"\s*(?:前|之前|以前)")),
    ("recurring_weekday", re.compile(r"每(?P<unit>月|季度|年)(?P<w>(?:最后|第[一二三四1-4])一?个?(?:周|星期)[一二三四五六日天]|"
                                     r"最后一个工作日)(?:前|之前|以前)")),
    ("recurring_part", re.compile(r"每(?P<unit>月|季度|半年|年)\s*(?:月|季|年)?(?P<rp>底|末|初)(?:前)?")),
    # 提前1年提出, 采购活动开始前30日, 培训班开班前5个工作日: a span counted back from an event (convention 3: an
    # event limit with a count is relative), no date of its own
    # (an event ends in an act: not a time word, 提 of 提前, or a preposition, as in 对前一年度的申请)
    ("advance", re.compile(r"(?:提前|(?P<event>[^，。；、\s（(于在]{2,14}?)(?<![年月日天时节期目当此以之提事周末底旬号对向从自])"
                           r"(?:前|之前))\s*(?P<rn>\d{1,3}|[一二两三四五六七八九十]{1,3})"
                           r"\s*个?\s*(?P<ru>工作日|自然日|日|天|个月|周|小时|年)(?![内前度的])")),
    # 在拆除工程施工15日前, 在开工的7日前: a count written before 前, counted back from the act after 在
    # (convention 3), the order a law writes where a notice writes 开工前7日
    ("count_before", re.compile(r"在(?P<event>[^，。；、\s（()）\d□]{2,14}?)的?\s*(?P<rn>\d{1,3}|[一二两三四五六七八九十]{1,3})"
                                r"\s*个?\s*(?P<ru>工作日|自然日|日|天|个月|周|小时|年)(?:前|之前|以前)")),
    # 利用三年时间, 力争通过三年行动, 用两年左右时间: the span of years a plan gives its work (convention 5)
    ("span_of_work", re.compile(r"(?:利用|通过|用)\s*(?P<rn>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?P<ru>年|个月)"
                                r"(?:\s*(?:左右)?(?:的)?时间|(?=\s*(?:左右)?(?:的)?(?:努力|行动)))")),
    # 在规定的时间内, 整改期限内: a limit the text leaves to another rule
    ("unspecified", re.compile(r"(?:规定|约定|指定|限定|要求|整改)的?(?:时间|期限|时限)(?:内|之内|以内)")),
    ("relative", re.compile(r"(?P<event>[^，。；、\s（(]{0,20}?)(?:后|起)?\s*(?<![\d.])(?P<rn>\d{1,3}|[一二两三四五六七八九十]{1,3}|半)"
                            r"\s*个?\s*(?P<ru>工作日|自然日|日|天|个月|月|周|小时|分钟|年)\s*(?:内|之内|以内)")),
    ("next_year", re.compile(r"(?:次年|明年|翌年|下一年度?)\s*" + _N + r"\s*月(?:份)?\s*(?:(\d{1,2})\s*[日号]|" + _PART + r")?\s*"
                             r"(?:前|之前|以前|止|为止)")),
    ("ymd", re.compile(_Y + r"?\s*" + _N + r"\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]\s*(前|之前|以前|止|为止|起)?")),
    ("ym_part", re.compile(_Y + r"?\s*" + _N + r"\s*月(?:份)?\s*" + _PART + r"?\s*(前|之前|以前|止|为止|内|起)?")),
    # 到“十四五”末, 力争“十三五”期末: the end of a five-year plan's last year (the k-th after the tenth: 2005 + 5k), a
    # limit where a lead word (到, 力争 …) or a clause opening puts the plan's end ahead, not a baseline (比“十一五”末提高)
    ("plan_period_end", re.compile(r"(?:(?:到|至|在|力争|争取)\s*|(?:^|(?<=[，。；：:\s]))(?=“?十[一二三四五六七八九]五”?\s*(?:规划)?\s*"
                                   r"(?:期末|末期|末)[，,]))“?十(?P<k>[一二三四五六七八九])五”?\s*(?:规划)?\s*(?:期末|末期|末)"
                                   r"(?:前|之前)?")),
    ("year_end", re.compile(_Y + r"\s*(?:年底|年末|底|末|内|全年|度内|度底|度末)\s*(前|之前|以前)?")),
    ("year_alone", re.compile(r"(?<![\d年])" + _Y + r"(?!\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月)"
                              r"(?=[，,：:]|(?:开始|起|以来|以前|前)?)")),
    # 明年底前, 次年内: the end of the year after the document's (before this_year reads 年底前 in it)
    ("next_year_end", re.compile(r"(?:明年|次年|翌年)(?:年?底|年?末|内)(?:前|之前|以前)?")),
    # 今年 is this year's limit on its own (今年完成), not when a nearer time follows it (今年6月底前, 今年年内: that
    # time is the limit) or when it starts a span up to now (今年以来)
    ("this_year", re.compile(r"(?:今年(?!以来|来|的|\s*(?:\d|[一二三四五六七八九十]{1,2}\s*月|[上下]半年|第?[一二三四1-4]季度|年?[内底末]))"
                             r"|本年度?(?:内|底|末)(?:前|之前)?|(?<![半\d一二两三四五六七八九十几数多])年内|年底前|年底|年末前"
                             r"|年末)")),
    ("half_year", re.compile(_Y + r"?\s*(?P<half>上半年|下半年)(?:前|之前|以前|内|底前|末前)?")),
    ("quarter", re.compile(_Y + r"?\s*第?(?P<q>[一二三四1234])季度(?:末|底)?(?:前|之前|以前|内)?")),
    ("festival", re.compile(r"(?P<ev>(?:元旦|春节|元宵|国庆|中秋|清明|五一|端午|“两会”|两会|汛期|入汛|主汛期)(?:节|假期)?)"
                            r"(?:前|之前|以前)")),
    ("event", re.compile(r"(?P<ev>" + _EVENT_END + r")(?:前|之前|以前)")),
    # 应当在作业前…, 上岗前应当…, 常驻协作单位入驻前，…应当…: the act a duty must precede, where a duty cue
    # governs it (在…前 right after the cue, or a clause that opens with …前 and a cue after it)
    ("event_duty", re.compile(r"(?:^|(?<=[，。；：:\s）)])|(?<=在))(?P<ev>[^在，。；：:\s（()）\d□]{1,48}?)(?:前|之前)"
                              r"(?![提列沿期款述景途身方])")),
]


# What a rule's match must contain: a literal or a pattern, tested once on the whole text before the
# rule's scan (relative and event start with a lazy run that would otherwise be tried at every position).
_GATES: dict[str, str | re.Pattern[str]] = {
    "from_until": re.compile("[至到\\-—–~～－]"), "month_range": "月", "recurring_day": "每", "recurring_weekday": "每", "recurring_part": "每", "count_before": "在", "advance": re.compile(r"前\s*(?:\d{1,3}|[一二两三四五六七八九十]{1,3})\s*个?\s*(?:工作日|自然日|日|天|个月|周|小时|年)"), "unspecified": "内", "span_of_work": re.compile(r"(?:利用|通过|用)"),
    "relative": re.compile(r"(?:工作日|自然日|日|天|个月|月|周|小时|分钟|年)\s*(?:内|之内|以内)"),
    "ymd": "月", "ym_part": "月", "year_end": "年", "plan_period_end": "五", "year_alone": "年", "this_year": "年", "next_year_end": "年", "quarter": "季度", "half_year": "半年", "next_year": "年",
    "festival": "前", "event_duty": "前",
    "event": re.compile(r"(?:结束|活动|召开|开展|启动|到来|完成|举办|之际|期间|前夕|启用|投用|投入使用|竣工|交付|开工)(?:前|之前|以前)"),
}
# (rule, pattern, literal gate or "", pattern gate or None)
_GATED_RULES = [(rule, pat, g if isinstance(g := _GATES.get(rule), str) else "", None if isinstance(g, str) else g)
                for rule, pat in _RULES]
# what ends a word before 前 that is a time or a place, not an act (目前, 此前, 节前, 年前, 眼前, 门前)
_NOT_AN_EVENT = re.compile(r"(?:年|月|日|天|时|节|期|目|当|此|以|之|提|事|周|末|底|旬|季度|号|眼|门|面|生|空|跟|台|家|的)$")
_NOT_AN_EVENT_START = re.compile(r"每|各|其|该|本|上述|此")
# a duty cue earlier in the clause that governs its 在…前 (应当在作业前, 应当按照国家有关规定在事前通报, 省厅将在考试前,
# …)
_CUE_THEN_AT = re.compile(r"(?:应当|应(?!急)|须|必须|(?<![主重需纲只])要(?![求点素件])|将)[^，。；;：:]{0,20}?在$")
_CUE_AFTER = re.compile(r"[，,]?[^。；;，,]{0,20}?(?:应当|应|须|必须)(?![急用])")
# an act of completion right after the limit (作业前完成…辨识分析): the limit is what it must be done by
_DONE_AFTER = re.compile(r"(?:完成|办结|报送|上报|提交|建成)")
_NEXT_YEAR_BEFORE = re.compile(r"(?:明年|次年|翌年)(?:的)?\s*$")
_EVERY_YEAR = re.compile(r"每年(?:的)?\s*$")
# a year written before what is to be done in it (2020年摸清底数, 到2025年全面建成, 2021年50%的…)
_YEAR_THEN_ACT = re.compile(r"(?:全面|基本|初步|力争|要|将|再|全部|各|所有)?(?:启动|完成|实现|建成|建立|摸清|形成|达到|覆盖|"
                            r"开工|竣工|完工|投用|投入使用|交付|通车|上线|"
                            r"落实|开展|推进|推广|完善|健全|出台|制定|消除|整改|解决|提升|提高|\d)")
# 到2027年全省…, 力争到2027年: a year something is to be done by, whatever follows it
_BY_YEAR = re.compile(r"(?:到|至)\s*$")
# a year that dates what is cited or a start (根据2017年…, 自2020年…, 截至2023年…)
_CITED_YEAR = re.compile(r"(?:根据|依据|按照|参照|自|从|截至|截止|于)\s*$")


@lru_cache(maxsize=4)  # deadlines and targets mask the same obligation text one after the other
@lru_cache(maxsize=64)  # (the deadline and the target rules mask the same sentence, one after the other)
def mask(text: str) -> str:
    """``text`` with 文号 years, titles and year ranges blanked (same length, so spans stay valid)."""
    if "《" not in text and not _DIGIT.search(text):
        return text  # (every mask holds a title or a digit)
    for pat in _MASKS:
        text = pat.sub(lambda m: "□" * len(m.group(0)), text)
    return text


# a day written alone as the end of a range that starts on a day of a month (3月17日至21日)
_DAY_ONLY = re.compile(r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号](?:止|为止)?")


def _day_after(start: date, day: int) -> date | None:
    """Day ``day`` of ``start``'s month, or of the next month when it falls before ``start`` (28日至3日)."""
    y, mo = (start.year, start.month) if day >= start.day else (start.year + start.month // 12, start.month % 12 + 1)
    try:
        return date(y, mo, day)
    except ValueError:
        return None


def _parse_point(s: str, doc_date: date | None, after: date | None = None) -> tuple[date | None, str]:
    """Parse a time point such as 7月底 or 2021年3月31日 (the end of 即日起至…); without a year it is the
    first such day not before ``after`` (11月20日至1月31日 ends in the next year)."""
    if re.search(r"结束|召开|期间|举办|春节|两会|元旦|完成", s) and not re.search(r"\d\s*月", s):
        return None, "event"
    m = re.search(_Y + r"?\s*" + _N + r"\s*月\s*(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]|" + _PART + r")?", s)
    if m:
        mo = _num(m.group(2))
        if not 1 <= mo <= 12:
            return None, "unknown"
        if m.group(1):
            y: int | None = _num(m.group(1))
        elif after is not None:
            y = after.year if mo >= after.month else after.year + 1
        else:
            y = infer_year(mo, doc_date)
        if y is None:
            return None, "unknown"
        if m.group(3):
            try:
                point = date(y, mo, _num(m.group(3)))
            except ValueError:
                return None, "unknown"
            if after is not None and not m.group(1) and point < after:
                point = point.replace(year=y + 1)
            return point, "day"
        return _part_interval(y, mo, m.group(4))[1], "month"
    m = re.search(_Y + r"\s*(?:年底|年末|底|末)?", s)
    if m and not re.search(r"[结召开]", s):
        return date(_num(m.group(1)), 12, 31), "year"
    return None, "event"


# what follows a day that starts something or dates a record, not a limit: 2024年1月1日实施 / 起 / 至…, a day after
# which cases count (对2019年1月1日后认定的平台, 2018年1月1日以后完工的项目), the day a text was issued (2019年1月3日印发)
_START_OR_RECORD = re.compile(r"\s*(?:至|到|起|开始|实施|施行|执行|生效|后|以后|之后|印发|发布|公布|签发|颁布)")
_YEAR_MONTH = re.compile(_Y + r"\s*" + _N + r"\s*月")


class _When:
    """What a date without a year is read against: the document's date, the stage, a year written before."""

    def __init__(self, masked: str, doc_date: date | None, period: tuple[date | None, date] | None):
        self.doc_date, self.period = doc_date, period
        self.written = [(m.start(), _num(m.group(1)), _num(m.group(2))) for m in _YEAR_MONTH.finditer(masked)] \
            if "年" in masked else []

    def year(self, month: int, pos: int) -> int | None:
        """The year of ``month`` written at ``pos`` without one."""
        before = [(y, mo) for p, y, mo in self.written if p < pos]
        if before:  # 2020年12月底前…，1月底前: the written year carries on, into the next when months go back
            y, mo = before[-1]
            return y if month >= mo else y + 1
        return infer_year(month, self.doc_date, self.period)


# where a clause before an opening bracket begins, going back (a mark, a space or another bracket ends it)
_CLAUSE_MARK = re.compile(r"[，。；、,;：:\s（()）]")
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")
_ITEM_NUMBER = re.compile(r"[（(][一二三四五六七八九十\d]{1,3}[）)]")
_BRACKET_REACH = 40  # characters back to the opening bracket, and as many again to its clause start


def _bracket_clause_start(text: str, begin: int, end: int) -> int:
    """Where an event that ``text[begin:end]`` cuts inside brackets (到…材料）后) should begin: at the clause
    holding the opening bracket (举报事项处理完毕（收到…材料）后), or after the last unmatched closing bracket
    when no opening one is near (the obligation's text starts inside the bracket)."""
    depth, unmatched, last_close = 0, 0, -1
    for i in range(begin, end):
        if text[i] in "（(":
            depth += 1
        elif text[i] in "）)":
            if depth:
                depth -= 1
            else:
                unmatched, last_close = unmatched + 1, i
    if not unmatched:
        return begin
    i = begin - 1
    while i >= max(0, begin - _BRACKET_REACH) and unmatched:
        if text[i] in "）)":
            unmatched += 1
        elif text[i] in "（(":
            unmatched -= 1
        elif text[i] in "。；;\n":
            break
        i -= 1
    opening = i + 1
    if unmatched or _ITEM_NUMBER.match(text, opening):  # （二）其他建设工程…之日起: after the item number
        return last_close + 1
    j = opening
    while j > max(0, opening - _BRACKET_REACH) and not _CLAUSE_MARK.match(text, j - 1):
        j -= 1
    return j


def _dated_act(text: str, end: int) -> bool:
    """Whether a year-month (2023年12月) ending at ``end`` dates what follows it: a comma (2024年6月，…), the
    end of a clause or of a time column (（完成时限：2023年12月）), or the act itself (2023年12月完成)."""
    after = text[end:end + 8]
    return not after or after[0] in "，,；;。）)" or not after[0].isdigit() and _YEAR_THEN_ACT.match(after) is not None


def _build(rule: str, m: re.Match[str], text: str, offset: int, doc_date: date | None, when: _When) -> Deadline | None:
    lead = _LEAD.match(text, m.start(), m.end()) if rule in ("relative", "event") else None
    cut = lead.end() - m.start() if lead else 0
    span = Span(offset + m.start() + cut, offset + m.end())
    raw = text[m.start() + cut:m.end()]
    year = doc_date.year if doc_date else None
    g = m.groupdict()
    if rule == "from_until":
        start = _issued(doc_date)
        if not g["from"].startswith("即日"):
            start = _parse_point(g["from"], doc_date)[0] or start
        day = _DAY_ONLY.match(g["until"])
        if day and start is not None and not g["from"].startswith("即日"):
            # 3月17日至21日, 2019年1月2日至20日: a day alone ends the range in its start's month
            end = _day_after(start, _num(day.group(1)))
            if end is None:
                return Deadline(raw, span, "unknown", rule=rule)
            span, raw = Span(span.start, offset + m.start("until") + day.end()), text[m.start() + cut:m.start("until") + day.end()]
            return Deadline(raw, span, "interval", end, start, rule=rule)
        until = re.sub(r"(?:为止|止)$", "", g["until"].strip())
        end, prec = _parse_point(until, doc_date, after=start)
        if prec == "event":
            return Deadline(raw, span, "event", None, start, event=until, rule=rule)
        return Deadline(raw, span, "interval" if end else "unknown", end, start, rule=rule)
    if rule == "month_range":
        m1, m2 = int(g["m1"]), int(g["m2"])
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            return None
        y1 = int(g["y1"]) if g["y1"] else when.year(m1, m.start())
        if y1 is None:
            return Deadline(raw, span, "unknown", rule=rule)
        y2 = int(g["y2"]) if g["y2"] else (y1 if m2 >= m1 else y1 + 1)
        end = _part_interval(y2, m2, g["p2"])[1]
        return Deadline(raw, span, "interval", end, date(y1, m1, 1), rule=rule)
    if rule == "recurring_day":
        unit = {"月": "P1M", "季度": "P3M", "年": "P1Y", "周": "P1W"}[g["unit"]]
        rec = f"{unit};BYMONTHDAY={int(g['rd'])}" + (f";BYMONTH={int(g['rm'])}" if g.get("rm") else "")
        return Deadline(raw, span, "recurring", _first_due(rule, g, _issued(doc_date)), recurrence=rec, rule=rule)
    if rule == "recurring_weekday":
        unit = {"月": "P1M", "季度": "P3M", "年": "P1Y"}[g["unit"]]
        return Deadline(raw, span, "recurring", _first_due(rule, g, _issued(doc_date)),
                        recurrence=f"{unit};{g['w']}", rule=rule)
    if rule == "recurring_part":
        unit = {"月": "P1M", "季度": "P3M", "半年": "P6M", "年": "P1Y"}[g["unit"]]
        return Deadline(raw, span, "recurring", _first_due(rule, g, _issued(doc_date)),
                        recurrence=f"{unit};{'START' if g['rp'] == '初' else 'END'}", rule=rule)
    if rule == "count_before":
        n, u, event = g["rn"], g["ru"], g["event"]
        if not _num(n) or _NOT_AN_EVENT.search(event) or _NOT_AN_EVENT_START.match(event):
            return None  # 在每年12月10日前: a date, read by the date rules
        iso = {"工作日": "D", "自然日": "D", "日": "D", "天": "D", "周": "W", "个月": "M", "小时": "H", "年": "Y"}[u]
        dur = (f"PT{_num(n)}H" if iso == "H" else f"P{_num(n)}{iso}") + (";WORKDAYS" if u == "工作日" else "")
        begin = m.start("event")
        return Deadline(text[begin:m.end()], Span(offset + begin, offset + m.end()), "relative", None,
                        recurrence="-" + dur, event=event, rule=rule)
    if rule == "advance":
        n, u = g["rn"], g["ru"]
        iso = {"工作日": "D", "自然日": "D", "日": "D", "天": "D", "周": "W", "个月": "M", "小时": "H", "年": "Y"}[u]
        if not _num(n):
            return None
        dur = (f"PT{_num(n)}H" if iso == "H" else f"P{_num(n)}{iso}") + (";WORKDAYS" if u == "工作日" else "")
        event = _LEAD.sub("", (g.get("event") or "").strip()) or None
        if event is not None and (_NOT_AN_EVENT.search(event) or _NOT_AN_EVENT_START.match(event)):
            return None  # 3月底前5天, 节前3天: a time, not an act, is counted back from
        return Deadline(raw, span, "relative", None, recurrence="-" + dur, event=event, rule=rule)
    if rule == "span_of_work":
        n, unit = _num(g["rn"]), "Y" if g["ru"] == "年" else "M"
        if not n:
            return None
        return Deadline(raw, span, "relative", _span_end(doc_date, n, unit), recurrence=f"P{n}{unit}", rule=rule)
    if rule == "unspecified":
        return Deadline(raw, span, "unknown", None, rule=rule)
    if rule == "relative":
        n, u = g["rn"], g["ru"]
        if n == "半":  # 半年内, 半个月内: half the unit
            if u not in ("年", "个月", "月"):
                return None
            n, u = ("6", "个月") if u == "年" else ("15", "日")
        if not _num(n):
            return None
        iso = {"工作日": "D", "自然日": "D", "日": "D", "天": "D", "周": "W", "个月": "M", "月": "M", "小时": "H",
               "分钟": "MIN", "年": "Y"}[u]
        dur = ({"H": f"PT{_num(n)}H", "MIN": f"PT{_num(n)}M"}.get(iso) or f"P{_num(n)}{iso}") \
            + (";WORKDAYS" if u == "工作日" else "")
        event_raw, event_start = g.get("event") or "", m.start("event")
        if ")" in event_raw or "）" in event_raw:  # …完毕（收到…材料）后10个工作日内: from before the bracket
            event_start = _bracket_clause_start(text, event_start, m.end("event"))
            lead = _LEAD.match(text, event_start, m.end())
            event_start = lead.end() if lead else event_start
            span, raw = Span(offset + event_start, offset + m.end()), text[event_start:m.end()]
            event_raw = text[event_start:m.end("event")]
        event_text = event_raw.strip()
        marker = _COUNT_FROM.match(_BRACKETED.sub(lambda b: "□" * len(b.group(0)), event_text))  # (not a 在 in brackets)
        if marker and marker.end() < len(event_text):  # 区政府要在本意见印发之日起…: from 本意见 on
            begin = event_start + len(event_raw) - len(event_raw.lstrip()) + marker.end()
            span, raw = Span(offset + begin, offset + m.end()), text[begin:m.end()]
            event_text = event_text[marker.end():]
        elif event_text and (marker or _CUE_ONLY.fullmatch(event_text)):
            # 有关单位应当在24小时内, 但应当在15日内: nothing named to count from; the limit is the count itself
            begin = m.start("rn")
            span, raw, event_text = Span(offset + begin, offset + m.end()), text[begin:m.end()], ""
        issued = _issued(doc_date)
        if u == "年" and _PLAN_SPAN.fullmatch(g.get("event") or "") and not _CUE_IN_SPAN.search(g.get("event") or ""):
            # 力争两年内, 确保1年内完成, 将在5年内建成, 在2—3年内调整到位: a plan's span counts from its issue
            # (convention 5); the larger end of a range of years
            when = _after(issued, _num(n), iso) if issued else None
            begin = m.start("event") + _RANGE_START.search(g["event"]).start()
            return Deadline(text[begin:m.end()], Span(offset + begin, offset + m.end()), "relative", when,
                            recurrence=dur, rule=rule + ":from_issue")
        event = _LEAD.sub("", event_text) or None
        effective = getattr(doc_date, "in_force", None)
        if effective is not None and event and _FROM_FORCE.search(event):
            when: date | None = _after(effective, _num(n), iso)
        else:
            when = _after(issued, _num(n), iso) if issued and event and _FROM_ISSUE.search(event) else None
        return Deadline(raw, span, "relative", when, recurrence=dur, event=event, rule=rule)
    if rule == "ymd":
        mo, day = _num(m.group(2)), _num(m.group(3))
        y = _num(m.group(1)) if m.group(1) else when.year(mo, m.start())
        if y is None or m.group(4) == "起" or not m.group(4) and _START_OR_RECORD.match(text, m.end()):
            return None  # a start date (本办法自2024年1月1日实施, 对2019年1月1日后认定的平台) or a record's, not a limit
        try:
            return Deadline(raw, span, "day", date(y, mo, day), rule=rule)
        except ValueError:
            return Deadline(raw, span, "unknown", rule=rule)
    if rule == "ym_part":
        mo = _num(m.group(2))
        part, tail = m.group(3), m.group(4)
        if tail == "起" or not (part or tail or m.group(1) and _dated_act(text, m.end())
                                   and not _CITED_YEAR.search(text, 0, m.start())):
            return None  # 7月 alone or 2020年7月起 is a start or a mention, not a limit; 2024年6月，… is one
        if not 1 <= mo <= 12:
            return Deadline(raw, span, "unknown", rule=rule)
        y = _num(m.group(1)) if m.group(1) else when.year(mo, m.start())
        if y is None:
            return Deadline(raw, span, "unknown", rule=rule)
        start, end, prec = _part_interval(y, mo, part)
        return Deadline(raw, span, prec, end, start, rule=rule)
    if rule == "year_end":
        return Deadline(raw, span, "year", date(_num(m.group(1)), 12, 31), rule=rule)
    if rule == "plan_period_end":
        return Deadline(raw, span, "year", date(2005 + 5 * _num(g["k"]), 12, 31), rule=rule)
    if rule == "year_alone":
        after = text[m.end():m.end() + 8]
        if re.match(r"[，,]?\s*(?:以来|开始|起|及以前|以前的|的)", after) or _CITED_YEAR.search(text, 0, m.start()):
            return None  # 2020年以来, 2023年及以前, 根据2017年…下发的: a time that has passed or starts
        if not (after[:1] in ("，", ",", "：", ":") or _YEAR_THEN_ACT.match(after)
                or _BY_YEAR.search(text, max(0, m.start() - 4), m.start())):
            return None
        return Deadline(raw, span, "year", date(_num(m.group(1)), 12, 31), rule=rule)
    if rule == "next_year_end":
        if year is None:
            return Deadline(raw, span, "unknown", rule=rule)
        return Deadline(raw, span, "year", date(year + 1, 12, 31), rule=rule)
    if rule == "this_year":
        if year is None:
            return Deadline(raw, span, "unknown", rule=rule)
        return Deadline(raw, span, "year", date(year, 12, 31), rule=rule)
    if rule in ("quarter", "half_year") and not m.group(1) and year is not None \
            and _NEXT_YEAR_BEFORE.search(text, max(0, m.start() - 3), m.start()):
        year += 1  # 明年上半年, 次年第一季度: the year after the document's
    if rule == "quarter":
        y = _num(m.group(1)) if m.group(1) else year
        if y is None:
            return Deadline(raw, span, "unknown", rule=rule)
        q = _num(g["q"])
        return Deadline(raw, span, "interval", _month_end(y, 3 * q), date(y, 3 * q - 2, 1), rule=rule)
    if rule == "next_year":
        mo = _num(m.group(1))
        if doc_date is None or not 1 <= mo <= 12:
            return Deadline(raw, span, "unknown", rule=rule)
        y = doc_date.year + 1
        if m.group(2):
            try:
                return Deadline(raw, span, "day", date(y, mo, int(m.group(2))), rule=rule)
            except ValueError:
                return Deadline(raw, span, "unknown", rule=rule)
        start, end, prec = _part_interval(y, mo, m.group(3))
        return Deadline(raw, span, prec, end, start, rule=rule)
    if rule == "half_year":
        y = _num(m.group(1)) if m.group(1) else year
        if y is None:
            return Deadline(raw, span, "unknown", rule=rule)
        first = g["half"] == "上半年"
        return Deadline(raw, span, "interval", date(y, 6, 30) if first else date(y, 12, 31),
                        date(y, 1, 1) if first else date(y, 7, 1), rule=rule)
    if rule == "event_duty":
        ev = g["ev"]
        at = text[m.start() - 1:m.start()] == "在"
        opens = m.start() == 0 or text[m.start() - 1] in "，。；：: \t）)"
        # 应当在X前; X前，…应当 or X前完成 (at a clause start, or after the 在 of 消防产品在安装前，施工单位应当…)
        if not (at and _CUE_THEN_AT.search(text, 0, m.start())
                or (opens or at) and (_CUE_AFTER.match(text, m.end()) or _DONE_AFTER.match(text, m.end()))):
            return None  # a time that no duty governs
        if len(ev) > 24 and not at:
            # 用于生产、储存危险物品的建设项目竣工投入生产或者使用前，应当…: a long subject opens the clause, the limit
            # is its act, from the head after its last 的 (建设项目竣工投入生产或者使用前)
            k = ev.rfind("的") + 1
            if not 2 <= len(ev) - k <= 24:
                return None
            ev, raw, span = ev[k:], raw[k:], Span(span.start + k, span.end)
        if at and ev.startswith("其") and len(ev) > 3:  # 在其正式上岗前: the act is 正式上岗
            ev, raw, span = ev[1:], raw[1:], Span(span.start + 1, span.end)
        if at and ev == "事":  # 应当…在事前通报: beforehand, the act the duty names
            return Deadline(raw, span, "event", None, event="事", rule=rule)
        if len(ev) < 2 or _NOT_AN_EVENT.search(ev) or _NOT_AN_EVENT_START.match(ev) or "、" in ev and not at:
            return None  # 目前, 年前, 节前, 此前: a time word, not an act
        return Deadline(raw, span, "event", None, event=_LEAD.sub("", ev) or ev, rule=rule)
    if rule == "festival":
        eve = _holiday_eve(g["ev"], _issued(doc_date), text[max(0, m.start() - 6):m.start()])
        if eve is not None:
            return Deadline(raw, span, "event", eve, event=g["ev"], rule=rule + ":calendar")
    if rule in ("event", "festival"):
        ev = g["ev"]
        k = max(ev.rfind("在"), ev.rfind("于")) + 1
        if 0 < k <= len(ev) - 2:  # …的项目在招投标活动前: the event starts after its 在
            begin = m.start("ev") + k
            span, raw, ev = Span(offset + begin, offset + m.end()), text[begin:m.end()], ev[k:]
        return Deadline(raw, span, "event", None, event=_LEAD.sub("", ev), rule=rule)
    return None


def extract_deadlines(text: str, doc_date: date | None, offset: int = 0,
                      period: tuple[date | None, date] | None = None, *, labelled: bool = False) -> tuple[Deadline, ...]:
    """All deadlines in ``text`` (spans shifted by ``offset``), earliest rule wins on overlap.

    ``period`` is the (start, end) of the stage the text belongs to: a month written without a year
    takes the year that puts it inside the stage. ``labelled``: the text is a stage's or a time column's
    date, a limit even when it lies before the document's issue."""
    masked = mask(text)
    when = _When(masked, doc_date, period)
    taken: list[tuple[int, int]] = []
    found: list[Deadline] = []
    for rule, pat, literal, gate in _GATED_RULES:
        if literal and literal not in masked or gate is not None and gate.search(masked) is None:
            continue
        for m in pat.finditer(masked):
            if m.end() == m.start() or any(m.start() < e and s < m.end() for s, e in taken):
                continue
            d = _build(rule, m, text, offset, doc_date, when)
            if d is not None and rule in ("ymd", "ym_part", "quarter") and _EVERY_YEAR.search(text, 0, m.start()):
                d = _yearly(d, _issued(doc_date))
            if d is not None:
                taken.append((m.start(), m.end()))
                if not (rule in ("event", "event_duty") and _is_condition(d, masked, m.end()) or _defined_time(masked, m.start())
                        or rule in ("relative", "unspecified") and _SPAN_OF_STATE.match(masked, m.end())
                        or not labelled and _past(d, _issued(doc_date)) or _VALIDITY.search(masked, max(0, m.start() - 8), m.start())
                        or _NAMED_DAY.match(masked, m.end())):
                    found.append(_plausible(d))
    # the same limit written twice in one text is one fact (2020年…，2020年…)
    unique: dict[tuple, Deadline] = {}
    for d in sorted(found, key=lambda d: d.span.start):
        unique.setdefault((d.text, d.date, d.precision, d.recurrence, d.event), d)
    # 工程开工前…，同时在开工前…: the same event named again, shorter, is the same limit
    events = [d.event for d in unique.values() if d.precision == "event" and d.event]
    return tuple(d for d in unique.values() if not (
        d.precision == "event" and d.event and any(e != d.event and e.endswith(d.event) for e in events)))


# 开工前备案登记、施工中巡查: a procedure named by its stage, one of a list of stages
_STAGE_LIST = re.compile(r"[^，。；、\s]{2,6}、[^，。；、\s]{1,6}(?:中|后|时)")
# what an event limit governs: a ban (…未建成投用前，原场所不得拆除) lasts until the event, it is due at none
_BAN_AFTER = re.compile(r"[^。；;]{0,24}?(?:不得|严禁|禁止|不准|不能)")
# what a span right before it measures when it is no time limit: a ban that lasts it (5年内不得担任, 一年内不得再次参加)
# or a state that has held through it (离校2年内未就业, 在规定时间内未发生), or a duty that comes back in it at a
# frequency (3年内按每户每年…扣减, 3年内每年组织): the span is the scope of the duty, nothing is due at its end
_SPAN_OF_STATE = re.compile(r"\s*(?:均|都|也|仍|再|亦)?(?:不得|严禁|禁止|不准|不能|不再|未)"
                            r"|\s*(?:按[^，。；;]{0,10}?)?(?:每|逐)(?:年|月|季度|半年|周|日|天)"
                            # what happened in the span, counted (一年内四次受到处罚, 一年内因违法行为受过两次以上处罚,
                            # 一年内发生两人以上重伤事故): a condition on a record, nothing falls due
                            r"|\s*(?:[一二两三四五六七八九十\d]+次|因|受过|受到|发生(?:过)?[一二两三四五六七八九十\d])")


# a time given as the value of a label of when something is (全省森林防火期为每年的11月1日至…, 时间：2020年7月15日
# 上午8:30): the extent of a season or the hour of an event, nothing falls due in it; a label of what is due
# (完成时间：, 报送时间为, 整改期限：) keeps its date a limit
_DEFINED_TIME = re.compile(r"(?P<label>[^，。；、\s：:（()）]{0,8}?)(?:期|时间|日期|时段)(?:为|是|：|:)\s*(?:每年的?)?\s*$")
_DUE_LABEL = re.compile(r"完成|截止|办结|报送|上报|提交|整改|时限|期限|报名|申报|申请|办理|验收|交付|竣工|完工")


def _defined_time(masked: str, start: int) -> bool:
    """Whether the time at ``start`` is the value of a label of when something is, not of what is due."""
    m = _DEFINED_TIME.search(masked, max(0, start - 16), start)
    return m is not None and _DUE_LABEL.search(m.group(0)) is None


# a day that a text names (每年11月9日为全省消防日): when it is, not what falls due on it
_NAMED_DAY = re.compile(r"\s*(?:为|是)[^，。；、]{0,12}?(?:日|月|周|节)(?=[，,。；;\s]|$)")
# the term a document or a licence is valid for (本办法有效期自2026年1月1日起至2027年12月31日止, 有效期至…): a span of
# a state, nothing falls due at its end (convention 4)
_VALIDITY = re.compile(r"有效期限?(?:为|是|自|从|至|到|截至|：|:)?\s*$")
# a time written as a limit (…前, …止): one already past when the document was issued is still its limit
_AS_LIMIT = re.compile(r"(?:前|之前|以前|止|为止|内)$")


def _past(d: Deadline, issued: date | None) -> bool:
    """Whether a bare date (2018年8月28日，…召开; 已于2017年底开展) lies wholly before the document's issue: it
    tells what happened, nothing falls due."""
    return issued is not None and d.date is not None and d.rule in ("ymd", "ym_part", "year_alone", "year_end", "from_until",
                                                                    "plan_period_end") \
        and YEARS[0] <= d.date.year and d.date < issued and _AS_LIMIT.search(d.text) is None  # (0402年: garbled)


def _is_condition(d: Deadline, masked: str, end: int) -> bool:
    """Whether an event limit is the condition of a ban or of a state not yet reached (未…前), not a due date,
    or names a stage in a list of stages (开工前备案登记、施工中巡查检查、完工后验收报备)."""
    return "未" in (d.event or "") or _BAN_AFTER.match(masked, end) is not None \
        or _STAGE_LIST.match(masked, end) is not None


def _plausible(d: Deadline) -> Deadline:
    """A limit whose year no policy can mean (0402年: a garbled or mistyped digit) keeps its text, no date."""
    if any(x is not None and not YEARS[0] <= x.year <= YEARS[1] for x in (d.date, d.start)):
        return replace(d, date=None, start=None, precision="unknown", rule=d.rule + ":implausible_year")
    return d


_RANGE_SPLIT = re.compile(r"\s*(?:至|到|[-—–―~～－]+)\s*")
# a range whose first month is written without 月 (2024年5—6月, 4―6月): the month of the second part
_BARE_FIRST_MONTH = re.compile(r"^((?:\d{4}\s*年)?\s*\d{1,2})(?=\s*(?:至|到|[-—–―~～－]+)\s*\d{1,2}\s*月)")
_POINT = re.compile(_Y + r"?\s*(?:" + _N + r"\s*月(?:份)?\s*(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?)?")


def period_of(text: str, doc_date: date | None, offset: int = 0) -> Deadline | None:
    """The date range a stage heading writes in brackets, as an interval: （2020年7月至12月）,
    （2021年）, （3月1日-3月31日）, （2020年11月20日前）, （即日起至5月31日）; None when the brackets hold
    no date. A part without a year takes the year of the part before it (or the document's)."""
    inner = text.strip().strip("（）()").strip()
    inner = re.sub(r"(?:前|之前|以前|止|为止|底前|末前)$", "", inner)
    inner = _BARE_FIRST_MONTH.sub(r"\1月", inner)
    parts = _RANGE_SPLIT.split(inner) if not inner.startswith("即日起") else [inner]
    if not parts or len(parts) > 2 or not all(parts):
        found = [d for d in extract_deadlines(text, doc_date, offset, labelled=True) if d.date]
        return replace(found[-1], precision="interval") if found else None
    points: list[tuple[date, date]] = []
    year: int | None = None
    for part in parts:
        if part.startswith("即日起"):
            rest = part[3:].lstrip("至到")
            end = _parse_point(rest, doc_date)[0] if rest else None
            if _issued(doc_date) is None or end is None:
                return None
            points = [(_issued(doc_date), _issued(doc_date)), (end, end)]  # type: ignore[list-item]
            break
        m = _POINT.fullmatch(part.rstrip("底末"))
        if not m or not (m.group(1) or m.group(2)):  # 3月中旬, 第二季度, 上半年: what the point rules read
            found = [d for d in extract_deadlines(part, doc_date, labelled=True, period=(points[-1][0], date(
                points[-1][0].year + 1, 12, 31)) if points else None) if d.date]
            if not found:  # 4-9月: a range the rules read whole (its first part is a bare number)
                whole = [d for d in extract_deadlines(text, doc_date, offset, labelled=True) if d.date]
                return replace(whole[-1], precision="interval") if len(whole) == 1 else None
            year = found[-1].date.year  # type: ignore[union-attr]
            points.append((found[-1].start or found[-1].date, found[-1].date))  # type: ignore[arg-type]
            continue
        if m.group(1):
            year = _num(m.group(1))
        if not m.group(2):  # a year alone: the whole year
            if year is None:
                return None
            points.append((date(year, 1, 1), date(year, 12, 31)))
            continue
        mo = _num(m.group(2))
        if not 1 <= mo <= 12:
            return None
        if year is None:
            year = infer_year(mo, doc_date)
        elif points and not m.group(1) and (mo, 31) < (points[-1][0].month, points[-1][0].day):
            year += 1  # 11月20日至1月31日
        if year is None:
            return None
        if m.group(3):
            try:
                day = date(year, mo, _num(m.group(3)))
            except ValueError:
                return None
            points.append((day, day))
        else:
            points.append((date(year, mo, 1), _month_end(year, mo)))
    if not points:
        return None
    start = points[0][0] if len(points) > 1 or not re.search(r"前|止|底|末", text) else None
    span = Span(offset, offset + len(text))
    return Deadline(text.strip("（）()"), Span(span.start + 1, span.end - 1) if text[:1] in "（(" else span,
                    "interval", points[-1][1], start, rule="stage_period")


# a heading's or a lead's dates that its items inherit: in brackets (部署阶段（3月1日至3月31日）, （4月-6月）), after a
# label of when (集中整治阶段：2021年4月至9月, 第二阶段 4月1日-5月31日, 时间安排：即日起至6月底), or a span that opens a
# goal lead (到2025年，实现以下目标：, 力争通过三年努力，…)
# (a bracket of dates alone: not a law's header （…令 2001年10月19日…通过，自…起施行）, nor a statistic's date （截止2024年底）)
_HEAD_BRACKET = re.compile(r"[（(](?![^（）()]*(?:截止|截至|统计|通过|发布|修订|修正|公布))"
                           r"[^（）()，,。；;]{0,8}(?:\d|[一二三四五六七八九十]\s*月|即日)[^（）()，,。；;]{0,24}[）)]")
_HEAD_LABEL = re.compile(r"(?:阶段|时间|时限|期限|时段|日期)(?:安排|要求)?\s*(?:为|是)?\s*[：:，,\s]\s*"
                         r"(?P<dates>(?:即日起|\d|[一二三四五六七八九十]{1,3}\s*月)[^，。；：:（）()]{0,28}?)\s*[。；;]?$")
_HEAD_SPAN = re.compile(r"^\s*(?:力争|争取|计划|预计)?\s*(?:(?:到|至)\s*\d{4}\s*年(?:底|末)?(?:前|以前|之前)?"
                        r"|(?:利用|通过|用)\s*(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:年|个月)[^，,。；：:]{0,8}?)(?=[，,：:])")


def carried_limit(head: str, doc_date: date | None, offset: int = 0) -> Deadline | None:
    """The time limit a heading or a lead paragraph passes down to the items under it (README conventions: a stage
    heading's range is the limit of each of its items; a span that opens a goal lead, of each goal it lists), or
    None when it gives none. ``offset`` is where ``head`` starts in the document: the span points into it.

    - a stage's range in brackets, the last bracket that holds dates: 部署阶段（3月1日至3月31日）, （一）排查（4月-6月）
      -> ``interval`` with ``start`` and ``date`` (``period_of``);
    - dates after a label of when: 集中整治阶段：2021年4月至9月, 第二阶段 4月1日-5月31日, 时间安排：即日起至6月底;
    - the span a goal lead opens with: 到2025年，实现以下目标：-> 2025-12-31 (``year``), 力争通过三年努力，… ->
      ``relative`` (convention 5), dated as ``extract_deadlines`` dates it.
    Call it on each heading above an item, nearest first, and pass the first limit found as the item's stage."""
    for m in reversed(list(_HEAD_BRACKET.finditer(head))):
        found = period_of(m.group(0), doc_date, offset + m.start())
        if found is not None:
            return replace(found, rule="carried:" + found.rule)
    m = _HEAD_LABEL.search(head)
    if m is not None:
        found = period_of(m.group("dates"), doc_date, offset + m.start("dates"))
        if found is not None:
            return replace(found, rule="carried:" + found.rule)
    m = _HEAD_SPAN.match(head)
    if m is not None:
        dated = [d for d in extract_deadlines(m.group(0), doc_date, offset) if d.precision in ("year", "relative")]
        if dated:
            return replace(dated[0], rule="carried:" + dated[0].rule)
    return None


_BARE_TIME = re.compile(r"(?:(?P<y>\d{4})\s*年)?\s*(?:(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?)?(?<=[年月份])")
_YEAR_RANGE = re.compile(r"(\d{4})\s*年?\s*[-—–~～至到]\s*(\d{4})\s*年?")


def column_deadlines(cell: str, doc_date: date | None, offset: int = 0) -> tuple[Deadline, ...]:
    """The deadlines of a table's time column: what ``extract_deadlines`` reads, or a span of years
    (2023-2025年, 2023—2025) as an interval to the end of its last year."""
    found = extract_deadlines(cell, doc_date, offset, labelled=True)
    if found:
        return found
    bare = _BARE_TIME.fullmatch(cell.strip())
    if bare:  # a time column's 2023年 or 12月 is due at the end of that year or month
        at = offset + cell.find(bare.group(0))
        span = Span(at, at + len(bare.group(0)))
        if bare.group("y") and not bare.group("m"):
            y = _num(bare.group("y"))
            if YEARS[0] <= y <= YEARS[1]:
                return (Deadline(bare.group(0), span, "year", date(y, 12, 31), rule="column_year"),)
            return ()
        mo = _num(bare.group("m") or "0")
        y = _num(bare.group("y")) if bare.group("y") else infer_year(mo, doc_date)
        if 1 <= mo <= 12 and y is not None:
            return (Deadline(bare.group(0), span, "month", _month_end(y, mo), rule="column_month"),)
        return ()
    m = _YEAR_RANGE.search(cell)
    if m is None or not (YEARS[0] <= int(m.group(1)) <= int(m.group(2)) <= YEARS[1]):
        return ()
    return (Deadline(m.group(0), Span(offset + m.start(), offset + m.end()), "interval", date(int(m.group(2)), 12, 31),
                     date(int(m.group(1)), 1, 1), rule="column_year_range"),)
