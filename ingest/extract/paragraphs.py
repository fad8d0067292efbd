"""Paragraphs and task-table columns as obligation extraction needs them.

Each line of running text gets its section path from ``Document.sections`` (the layout step), and from
the numbering itself (``layout.heading_number``) its place in the outline: the chain of headings above
it, the kind of section it sits in (tasks, goals, or descriptive text such as 指导思想 and 适用范围) and
the date range of the stage it belongs to (（一）部署阶段（3月1日至3月31日）). Whether a numbered line is a
heading is decided by what follows it, not by its length: a title with items or text of its own below
it is a heading; a short numbered item followed by its next sibling is an item. A Document built
without layout still gets paths from the numbers, so obligations work on any Document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from policykg.ingest.extract.cues import DUTY_CUE, VERB_START
from policykg.ingest.extract.deadlines import period_of, reference_date
from policykg.ingest.layout import heading_number
from policykg.ingest.model import Deadline, Document, Section, Span

# a section heading that says what its text is (the innermost one that says anything wins)
GOAL_HEADING = re.compile(r"目标|指导思想|基本原则|工作原则|总体要求|适用范围|编制依据|工作时间|总体思路|基本情况|"
                          r"背景|名词解释|术语|定义|编制目的|工作原则")
_TASK_HEADING = re.compile(r"任务|措施|职责|分工|步骤|安排|要求(?<!总体要求)|保障|责任")
_GOAL_CONTEXT = re.compile(r"目标|总体要求")
_DESCRIPTIVE_HEADING = re.compile(r"指导思想|基本原则|工作原则|适用范围|编制依据|工作时间|总体思路|基本情况|背景|"
                                  r"名词解释|术语|定义|编制目的|适用对象|目的依据")
# 一、现状与形势, （一）发展现状, （二）面临形势, 2.发展形势: the background a plan opens with (a title that ends so;
# 厘清现状，做好设计 is a measure)
_BACKGROUND_HEADING = re.compile(r"^[^，,]{0,12}(?:现状|形势)(?:[与和及](?:形势|展望|挑战|机遇|趋势))?$|^[^，,]{0,12}(?:重要意义|必要性)$")
TASK_COLUMN = re.compile(r"工作内容|工作任务|任务内容|主要任务|具体任务|工作措施|任务|内容|措施|事项")
UNIT_COLUMN = re.compile(r"责任单位|牵头单位|责任部门|责任主体|实施单位|责任科室|牵头部门|主责单位|责任处室|牵头处室")
# a column that names who leads (牵头单位) beside a column of units that carry the work (责任单位)
LEAD_COLUMN = re.compile(r"牵头单位|牵头部门|主责单位|牵头处室|主办单位")
COOPERATE_COLUMN = re.compile(r"配合单位|配合部门|协办单位|参与单位|配合处室")
DEADLINE_COLUMN = re.compile(r"完成时限|完成时间|时间节点|时限|时间要求|进度安排|完成期限|截止时间|截止日期|完成日期|竣工时间|完工时间|"
                             r"计划完成|建设年限|建设周期|实施期限|实施时间|完成年限")
NUM_COLUMN = re.compile(r"序号|编号")
# a list of projects (序号|项目名称|责任单位) is a task table when a column names who carries each project
PROJECT_COLUMN = re.compile(r"项目")
_STAGE_LINE = re.compile(r"^第[一二三四五六七八九十\d]{1,3}阶段")
# the labels of a task's own units, people and time (牵头单位：, 责任领导：, 完成时限：), as the columns of a
# task table name them: a line made of nothing else labels the unit of work above it
_LABEL_KEY = re.compile(r"(?:(?:市|区|县|镇|街道|省)级)?(?:牵头|责任|配合|协办|主办|参与|协助|主责|实施|具体)"
                        r"[^：:（）()，,。；;\s]{0,6}?(?:单位|部门|处室|科室|主体|领导|人)(?:[（(][^（）()]{1,4}[）)])?"
                        r"|(?:分管|包保|挂钩|联系)(?:领导|人)|联系人|" + DEADLINE_COLUMN.pattern)
_VALUE_CLAUSE = re.compile(r"\s*[，,。；;]\s*")
_LABEL_AT = re.compile(r"(?:^[（(【]?|(?<=[；;，,。\s\u3000]))\s*(?:" + _LABEL_KEY.pattern + r")\s*[：:]")


@dataclass(frozen=True)
class Paragraph:
    """One line of running text with its place in the outline.

    ``text`` is the line as written (its item number included), ``body`` the text after the number and
    ``body_start`` where that begins in ``Document.text``. ``headings`` are the enclosing headings,
    outermost first, each up to its first stop (二、区应急局职责); ``context`` is "task", "goal" or
    "descriptive", or "duties" for the items of a list of duties (应当履行下列义务：); ``stage`` the date
    range of the enclosing stage heading, if any.
    """

    text: str
    start: int
    section: str
    numbered: bool
    heading_only: bool
    goal: bool
    body: str
    body_start: int = 0
    context: str = "task"
    headings: tuple[str, ...] = ()
    stage: Deadline | None = None
    number: str = ""
    own_stage: Deadline | None = None  # the date range in this item's own heading (动员部署（2020年6月）)
    in_article: bool = False  # a paragraph of an article (第X条): the paragraph, not the sentence, is a unit
    label_only: bool = False  # 牵头单位：X / 完成时限：Y on a line of its own: it labels the unit before it
    labels: Span | None = None  # the label lines right after this paragraph, first to last, when it is a unit
    item_rank: float | None = None  # the rank of the numbered item whose title line this paragraph stands under
    wrapped: bool = False  # the text is hard-wrapped at a page's width: a line break inside it ends no sentence


_HEAD_END = re.compile(r"[。；：:]")
_ATTACHMENT_LINE = re.compile(r"^附件\s*(\d*)\s*[：:]?\s*$")
_SENTENCE_END_CHARS = "。；;：:！!？?）)”"
_STOPS = "。；;：:！!？?"  # the marks that end a sentence wherever the line ends
_SENTENCE_MARK = re.compile(r"[。；;！!？?]")
_BRACKETED = re.compile(r"[（(][^（）()]*\d[^（）()]*[）)]")
_TITLE_IN_BRACKETS = re.compile(r"[（(【][^（）()【】]{1,40}[）)】]")


def heading_of(line: str) -> tuple[int, str, str] | None:
    """(level, number as written, heading text) of a numbered line, or None."""
    hit = _numbered(line)
    return (hit[0], hit[1], hit[2]) if hit else None


def _numbered(line: str) -> tuple[int, str, str, float, int] | None:
    """(level, number, heading text, rank, length of the number prefix) of a numbered line, or None."""
    hit = heading_number(line)
    if hit is None or hit[0].level is None:
        return None
    kind, num, tail = hit
    if kind.item_numerals and not all(c in kind.item_numerals for c in num[1:-1]):
        return None
    rank = float(kind.rank) if kind.rank is not None else 7.5  # 1) sits between (1) and ①
    prefix = len(line) - len(tail)
    return kind.level, num, _HEAD_END.split(tail.strip(), maxsplit=1)[0], rank, prefix


class SectionIndex:
    """Innermost section for any position, by bisection over the section boundaries.

    The boundaries cut the text into pieces that no section starts or ends inside, so each piece has
    one answer, computed once per document instead of scanning every section for every line.
    """

    def __init__(self, sections: tuple[Section, ...]):
        self.sections = sections
        cuts = sorted({p for s in sections for p in (s.span.start, s.span.end)})
        self.cuts = cuts
        self.paths: list[str] = []
        starts: dict[int, list[int]] = {}
        for i, s in enumerate(sections):
            starts.setdefault(s.span.start, []).append(i)
        active: set[int] = set()
        for piece_start in cuts:
            active.update(starts.get(piece_start, ()))
            active = {i for i in active if sections[i].span.end > piece_start}
            # the deepest section wins; among equally deep ones the later in layout order
            best = max(active, key=lambda i: (sections[i].depth, i), default=None)
            self.paths.append(sections[best].path if best is not None else "")

    def section(self, pos: int) -> str:
        """Path of the innermost section holding ``pos``, "" when none does."""
        k = bisect_right(self.cuts, pos) - 1
        return self.paths[k] if k >= 0 else ""


_last_index: SectionIndex | None = None


def section_index(doc: Document) -> SectionIndex:
    """The SectionIndex of ``doc``'s sections (the last one built is kept: extraction asks per line)."""
    global _last_index
    index = _last_index  # one read: another thread may replace it meanwhile
    if index is None or index.sections is not doc.sections:
        index = _last_index = SectionIndex(doc.sections)
    return index


def section_of(doc: Document, pos: int) -> str:
    """Path of the innermost layout section holding ``pos`` ("" when layout found none)."""
    return section_index(doc).section(pos)


def heading_context(head: str) -> str | None:
    """What a heading says its text is: "task", "goal", "descriptive", or None when it does not say."""
    if not head or len(head) > 16 or VERB_START.match(head) and not (len(head) <= 4 and head.endswith("目标")):
        return None  # 明确工作目标 is a task that names a goal, not a goal section (整治目标 is one)
    goal, task = _GOAL_CONTEXT.search(head), _TASK_HEADING.search(head)
    if goal and not task:
        return "goal"
    if task:
        return "task"  # 目标任务, 工作职责

    if _DESCRIPTIVE_HEADING.search(head) or _BACKGROUND_HEADING.search(head):
        return "descriptive"
    return None


# a list of cases, options or criteria, not of duties: 有下列情形之一的，…：/ 现场可采取的处置措施如下：/
# 现对重点单位作出以下界定标准：/ 下列单位界定为重点单位：
_CASES_OR_OPTIONS = re.compile(r"(?:下列|以下|如下)(?:几种)?(?:情形|情况|条件|内容)|(?:下列|以下)行为之一的"
                               r"|可(?:以)?(?:采取|选择|采用|视情)[^，。；]{0,10}(?:如下|以下|下列)"
                               r"|(?:下列|以下|如下)[^，。；]{0,6}(?:界定|认定|划分|分类)(?:标准|范围|条件)"
                               r"|(?:下列|以下)[^，。；]{0,12}(?:界定为|认定为|确定为|列为|属于)"
                               r"|违反(?:下列|以下|如下)"
                               r"|用于(?:下列|以下|如下)")  # 资金投入主要用于下列事项：: what a sum pays for
# 科研教学经费支出范围：, 运行经费包括：: a list of what a scope or a sum covers, not of work (职责包括： is one)
_SCOPE_LIST = re.compile(r"(?:范围|包括|包含|种类|类别|构成|组成|内容)(?:如下|以下)?[：:]\s*$")
_WORK_WORDS = re.compile(r"职责|任务|工作|措施|要求|义务|责任|分工")
# 有下列行为之一的，责令限期改正，处…罚款：: each item is a violation, the duty it breaks is the unit of work
_VIOLATIONS = re.compile(r"(?:下列|以下)(?:行为|情形)之一[^：:。；]{0,20}?的[^：:]{0,120}?(?:责令|罚款|处分|处以|吊销|没收)")
# 应当履行下列义务：, 禁止下列行为：: each item is a duty, whether or not it repeats the cue
# (the cue as DUTY_CUE reads it: the 应 of 应急 and the 要 of 主要 are no cue)
_DUTY_LIST = re.compile(r"(?:应(?!急)当?|必须|(?<![必])须|(?<![重主需必纲首概摘提简只体切紧])要(?![求点素件])|负责|履行|承担|禁止|严禁|不得)"
                        r"[^，。；]{0,12}(?:下列|以下|如下)")


def _list_context(text: str) -> str | None:
    """"descriptive" for the items of a list of cases or options, "duties" for a list of duties, "violations"
    for the items a penalty applies to."""
    if not text.rstrip().endswith(("：", ":")):
        return None
    if _VIOLATIONS.search(text) and not acts_on_cases(text):
        return "violations"  # (a lead naming who acts, 由…责令改正, is that unit's duty and its items cases)
    if _CASES_OR_OPTIONS.search(text) or _SCOPE_LIST.search(text) and not _WORK_WORDS.search(text) \
            and not DUTY_CUE.search(text):
        return "descriptive"
    return "duties" if _DUTY_LIST.search(text) else None


# the dates a stage heading writes after its name, not in brackets (集中整治阶段：2021年4月至9月。)
_STAGE_DATES = re.compile(r"阶段[^。；;]{0,20}?[：:，,]\s*(?P<dates>[^，。；：:（）()]{2,30}?)[。；;]?$")
_DATE_WORDS = re.compile(r"\d|[一二三四五六七八九十]\s*月|即日|季度|半年|年[底末内]")


def _stage_of(head: str, head_start: int, doc_date: date | None) -> Deadline | None:
    """The date range a stage heading gives in brackets (部署阶段（3月1日至3月31日）) or after its name
    (集中整治阶段：2021年4月至9月), or None."""
    m = _BRACKETED.search(head)
    if m:
        return period_of(m.group(0), doc_date, head_start + m.start())
    m = _STAGE_DATES.search(head) if "阶段" in head else None
    if m is None or not _DATE_WORDS.search(m.group("dates")):
        return None
    return period_of(m.group("dates"), doc_date, head_start + m.start("dates"))


def stage_dates_only(head: str, rest: str) -> bool:
    """Whether a numbered line is a stage's name and its dates alone (（二）集中整治阶段：2021年4月至9月。)."""
    return head.endswith("阶段") and _STAGE_DATES.search(head + rest) is not None \
        and _DATE_WORDS.search(rest) is not None and not DUTY_CUE.search(rest)


@dataclass
class _Raw:
    text: str
    start: int
    hit: tuple[int, str, str, float, int] | None
    title_like: bool
    attachment: str | None = None
    tail_width: int = 0  # the display width of its last physical line
    wrapped: bool = False  # the document is hard-wrapped at a page's width


# a PDF page's number on a line of its own (1, - 2 -)
_PAGE_NUMBER = re.compile(r"^[-—－]?\s*\d{1,3}\s*[-—－]?$")


_NARROW = re.compile(r"[\x00-\u1fff]+")


def _width(line: str) -> int:
    """Display width: a CJK character, a full-width sign or a quotation mark counts two, an ASCII one."""
    return len(line) + len(_NARROW.sub("", line))  # (the wide characters are what is left)


def _wrap_width(lines: list[str]) -> int | None:
    """The width at which a PDF's text was broken into lines, or None when its lines are paragraphs.

    Text copied from a PDF keeps the page's line breaks: most lines that end inside a sentence then have one
    display width (the page's), whatever their content; in a text with one paragraph per line such lines are
    rare and of any width."""
    open_lines = [_width(ln) for ln in lines if len(ln) >= 15 and ln[-1] not in _SENTENCE_END_CHARS]
    if len(open_lines) < 10:
        return None
    width, n = Counter(open_lines).most_common(1)[0]
    return width if n >= 10 and n >= 0.4 * len(open_lines) else None


def _is_body_text(raw: _Raw) -> bool:
    """Text that belongs to the heading above it: a sentence, not a signature, date or attachment line."""
    t = raw.text
    return raw.hit is None and raw.attachment is None and not t.startswith("附件") and bool(
        _SENTENCE_MARK.search(t) or t.endswith(("：", ":")) or (len(t) > 40 and "，" in t))


def is_label_line(line: str) -> bool:
    """Whether ``line`` is only labelled values (牵头单位：X；配合单位：Y、Z / 完成时限：2023年底前 /
    （责任单位：X）): it says who and when for the unit above it, and is no unit of work itself."""
    if len(line) > 300 or not _LABEL_AT.match(line):
        return False
    keys = list(_LABEL_AT.finditer(line))
    # every label has a value, and what is between two labels is that value, not a sentence of its own
    # (牵头单位：区应急局，负责全区的组织协调。 is a unit's duty)
    ends = [m.start() for m in keys[1:]] + [len(line)]
    values = [line[m.end():e].strip(" \t\u3000；;，,。）)】") for m, e in zip(keys, ends)]
    return all(v and not any(DUTY_CUE.search(c) or VERB_START.match(c) for c in _VALUE_CLAUSE.split(v)[1:])
               for v in values)


def label_values(text: str, offset: int = 0) -> list[tuple[str, str, int]]:
    """(label, value, where the value starts) of each labelled value of label lines (``offset`` is where
    ``text`` starts): 完成时限：2023年底前 gives ("完成时限", "2023年底前", …)."""
    keys = list(_LABEL_AT.finditer(text))
    ends = [m.start() for m in keys[1:]] + [len(text)]
    out = []
    for m, e in zip(keys, ends):
        raw = text[m.end():e]
        value = raw.strip(" \t\u3000\r\n；;，,。）)】")
        if value:
            label = m.group(0).strip(" \t\u3000\r\n（(【；;，,。：:")
            out.append((label, value, offset + m.end() + raw.find(value)))
    return out


_DECIMAL = re.compile(r"(\d{1,2})[.．](\d{1,2})(?![\d.．])\s*(?=[\u4e00-\u9fa5])")


def _next_decimal(line: str, last_num: str) -> tuple[int, str, str, float, int] | None:
    """A decimal number that the layout reads as a quantity (7.1人员返回: 7.1人) is a heading number when
    it continues the outline (7. then 7.1, 7.1 then 7.2)."""
    m = _DECIMAL.match(line)
    if m is None:
        return None
    parent, _, sub = last_num.rstrip(".．、").partition(".")
    expected = 1 if not sub else int(sub) + 1 if sub.isdigit() else 0
    if m.group(1) != parent or int(m.group(2)) != expected:
        return None
    probe = _numbered(f"{m.group(1)}.{m.group(2)}甲")  # the kind of a decimal number the layout reads
    if probe is None:
        return None
    tail = line[m.end():]
    return probe[0], f"{m.group(1)}.{m.group(2)}", _HEAD_END.split(tail.strip(), maxsplit=1)[0], probe[3], m.end()


# 有下列行为之一的，由上级机关责令改正：: a lead that names who acts on its cases is that unit's duty; a lead
# that only frames them (有下列情形之一的，责令限期改正，处…罚款：) is not
_AGENT_ACTS_ON_CASES = re.compile(r"之一的[^：:]*?(?:由|应当|应(?!急))")
# a fine or a disciplinary sanction makes each case a duty broken, whoever imposes it (…的，由林业行政主管部门责令
# 改正，给予警告，…处…罚款：); a lead that only names who corrects (由上级机关责令改正：) or what is owed
# (有下列情形之一的，县级以上人民政府应当给予奖励：) is that unit's work, its items the cases
# (the kinds of administrative penalty of 行政处罚法 第九条, and a disciplinary 处分)
# 依照下列规定处以罚款：/ 应当依照下列规定上报事故情况，并通知…：: what is done is said in the lead, the items only
# say how (to whom, how much)
BY_LISTED_RULES = re.compile(r"(?:依照|按照|依据|根据)(?:下列|以下|如下)(?:规定|要求|标准|程序|方式)[^：:。]{1,60}[：:]\s*$")
_PENALTY = re.compile(r"警告|通报批评|罚款|没收|暂扣|降低资质|吊销|责令停产停业|责令关闭|限制从业|拘留|处分|处以|赔偿")


def acts_on_cases(text: str) -> bool:
    """Whether a lead over a list of cases names who acts on them, or what is owed, and sets no penalty."""
    return _AGENT_ACTS_ON_CASES.search(text) is not None and _PENALTY.search(text) is None


def _article_title(tail: str) -> bool:
    """Whether what follows an article's number is a title (经费预算的申报核定), not its first sentence."""
    return len(tail) <= 20 and not _SENTENCE_MARK.search(tail) and not re.search(r"[，,：:]", tail) \
        and not DUTY_CUE.search(tail)


def _is_toc(line: str) -> bool:
    return "目" in line and re.sub(r"\s", "", line) == "目录"


def _raw_lines(doc: Document, skip: list[Span]) -> list[_Raw]:
    text = doc.text
    out: list[_Raw] = []
    pos = 0
    toc: list[str] | None = None  # entries of a table of contents, until the body repeats the first one
    last_num = ""  # the number of the last numbered line, as written
    # a text hard-wrapped at a page's width (PDF): a line as wide as the page (less a first line's indent of two
    # characters) that ends inside a sentence goes on in the next line, page numbers between them left out
    wrap = _wrap_width([ln.strip(" \t\u3000\ufeff\r") for ln in text.split("\n") if ln.strip()])
    for raw in text.split("\n"):
        start, pos = pos, pos + len(raw) + 1
        lstrip = len(raw) - len(raw.lstrip(" \t\u3000\ufeff"))
        line = raw.strip(" \t\u3000\ufeff\r")
        if not line or any(s.start <= start < s.end for s in skip):
            continue
        if toc is not None:
            if not _SENTENCE_MARK.search(line) and len(line) <= 40 and (not toc or line != toc[0]):
                toc.append(line)
                continue
            toc = None
        elif _is_toc(line):
            toc = []
            continue
        start += lstrip
        att = _ATTACHMENT_LINE.match(line) if line.startswith("附件") else None
        if att:  # an attachment restarts the numbering
            out.append(_Raw(line, start, None, False, "附件" + att.group(1)))
            continue
        hit = _numbered(line)
        if hit is None and last_num:
            hit = _next_decimal(line, last_num)
        if hit is not None:
            last_num = hit[1]
        prev = out[-1] if out else None
        if wrap is not None and _PAGE_NUMBER.match(line):
            continue
        # (a line as wide as the page goes on whatever it looks like: a title (8.保障…的安全性。持续), a quotation)
        full = wrap is not None and prev is not None and prev.tail_width >= wrap - 6 and prev.text[-1] not in _STOPS
        if hit is None and prev is not None and prev.attachment is None and not is_label_line(line) and (
                full or prev.text[-1] not in _SENTENCE_END_CHARS and len(prev.text) > 40 and not prev.title_like):
            # a line broken inside a sentence (PDF, Word wrapping): the item goes on
            prev.text = text[prev.start:start + len(line)]
            prev.tail_width = _width(line) if wrap is not None else 0  # (read only in a wrapped text)
            prev.title_like = prev.title_like and not full
            prev.wrapped = wrap is not None
            continue
        title_like = False
        if hit:
            after_head = line[hit[4]:].split(hit[2], 1)[1] if hit[2] and hit[2] in line[hit[4]:] else ""
            title_like = len(after_head.strip("。；：: ")) < 4 or stage_dates_only(hit[2], after_head)
        out.append(_Raw(line, start, hit, title_like, tail_width=_width(line) if wrap is not None else 0,
                        wrapped=wrap is not None))
    return out


def paragraphs(doc: Document, skip: list[Span] = ()) -> list[Paragraph]:  # type: ignore[assignment]
    """The lines of ``doc`` outside ``skip`` spans, with section path, heading chain, context and stage."""
    raws = _raw_lines(doc, list(skip))
    index = section_index(doc) if doc.sections else None
    out: list[Paragraph] = []
    # (rank, number, heading text, context, stage) of the open headings, outermost first
    stack: list[tuple[float, str, str, str | None, Deadline | None]] = []
    host: int | None = None  # the unit of work that label lines right below it belong to
    case_lists: set[tuple] = set()  # (rank, number, text) of the leads of lists of cases, contents, violations
    titles: set[tuple] = set()  # (rank, number, text) of the numbered lines that are a title alone
    for i, r in enumerate(raws):
        if r.attachment is not None:
            stack = [(0.0, r.attachment, r.attachment, None, None)]
            host = None
            continue
        nxt = raws[i + 1] if i + 1 < len(raws) else None
        if r.hit is not None:  # a numbered line closes the headings of its own rank and below
            stack = [x for x in stack if x[0] < r.hit[3]]
        elif i and raws[i - 1].hit is not None and not is_label_line(r.text):
            # a paragraph after the numbered items of a list of cases or contents ends that list: the lead
            # (支出范围：) no longer says what the text is
            lead = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][:3] in case_lists), None)
            if lead is not None:
                x = stack[lead]
                stack = stack[:lead] + ([] if not x[1] else [(x[0], x[1], x[2], None, x[4])])
        if r.hit is None and not is_label_line(r.text) and not _STAGE_LINE.match(r.text):
            # a paragraph after an article's items is the article's next paragraph (款): the items close
            art = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == 3 and stack[k][1]), None)
            if art is not None and art < len(stack) - 1:
                stack = stack[:art + 1]
        headings = tuple(x[2] for x in stack if x[2] and x[1] != x[2])
        context = next((x[3] for x in reversed(stack) if x[3]), None)
        stage = next((x[4] for x in reversed(stack) if x[4]), None)
        if r.hit is None:
            top = max((x[0] for x in stack if x[1]), default=0.0)
            if _STAGE_LINE.match(r.text) and len(r.text) <= 60:  # 第一阶段：排查摸底（3月1日至3月31日）
                stack = [x for x in stack if x[1]] + [
                    (top + 0.5, "", r.text.rstrip("。：:"), None, _stage_of(r.text, r.start, reference_date(doc.date, doc.title, doc.text)))]
                host = None
                continue
            section = index.section(r.start) if index else "/".join(x[1] for x in stack if x[1])
            ctx = context or "task"
            if is_label_line(r.text):  # 牵头单位：X under a task: part of that task, no unit of its own
                out.append(Paragraph(r.text, r.start, section, False, False, ctx in ("goal", "descriptive"),
                                     r.text, r.start, ctx, headings, stage, label_only=True, wrapped=r.wrapped))
                if host is not None:
                    held = out[host].labels
                    out[host] = replace(out[host], labels=Span(held.start if held else r.start, r.start + len(r.text)))
                continue
            intro = r.text.endswith(("：", ":")) and nxt is not None and nxt.hit is not None
            # …应当依照下列规定上报事故情况：: the lead is the work, its items say how; still a lead for their context
            lead_is_work = intro and BY_LISTED_RULES.search(r.text) is not None
            # a paragraph after an article's items is the article's next paragraph (款), not an item's text
            article = any(x[0] == 3 for x in stack if x[1])
            # 1.统筹建设…数据集 on a line of its own, then its text: the paragraph is the item's (or one of them)
            item_rank = stack[-1][0] if stack and stack[-1][1] and stack[-1][0] != 3 and stack[-1][:3] in titles \
                else None
            out.append(Paragraph(r.text, r.start, section, False, intro and not lead_is_work, ctx in ("goal", "descriptive"),
                                 r.text, r.start, ctx, headings, stage, in_article=article, item_rank=item_rank,
                                 wrapped=r.wrapped))
            host = None if intro else len(out) - 1
            if intro:  # 区级指挥部主要职责如下：, then its items: the items' heading chain holds it
                listed = _list_context(r.text)
                stack = [x for x in stack if x[1]] + [(top + 0.5, "", r.text.rstrip("：:")[:60], listed, None)]
                if listed in ("descriptive", "violations"):
                    case_lists.add(stack[-1][:3])
            continue
        _level, num, head, rank, prefix = r.hit
        # a heading over stage lines (三、实施步骤 above 第一阶段：…) is one as over deeper numbers
        deeper = nxt is not None and (nxt.hit is not None and nxt.hit[3] > rank
                                      or nxt.hit is None and _STAGE_LINE.match(nxt.text) is not None)
        body_follows = nxt is not None and _is_body_text(nxt)
        if rank == 3:  # 第X条: its first line is its first paragraph, unless only a title （职责）
            tail = r.text[prefix:].strip()
            heading_only = (deeper or body_follows) and (not tail or bool(_TITLE_IN_BRACKETS.fullmatch(tail))) \
                or deeper and tail.endswith(("：", ":")) and not acts_on_cases(tail) and not BY_LISTED_RULES.search(tail) \
                or deeper and _article_title(tail)  # 第十六条　经费预算的申报核定 over its items: a title
        else:  # a title (加强组织领导。) above items or text of its own; a sentence above text is an item
            short_title = len(head) <= 25 and "，" not in head and len(r.text) <= 40
            # 一、完善消防安全责任体系，形成齐抓共管工作格局 over paragraphs: a title with a comma, no sentence mark
            unpunctuated = len(r.text) <= 40 and not _SENTENCE_MARK.search(r.text)
            # an item ending in ；or …的。 is a clause of a list (（二）未按照规定建立…的。), never a title
            clause_end = r.text.endswith(("；", ";", "的。"))
            # an article's item that ends its sentence (（五）完善…合作机制。) is never a title: the paragraph
            # after it is the article's next paragraph (款), not the item's text
            article_item = any(x[0] == 3 for x in stack if x[1]) and r.text.endswith(("。", "；", ";", "！", "？"))
            heading_only = r.title_like and not clause_end and (
                deeper or body_follows and (short_title or unpunctuated) and not article_item) \
                or r.text.endswith(("：", ":")) and deeper
        own_context = heading_context(head) if (r.title_like or len(head) <= 16) else None
        head_text = r.text[:prefix] + head
        head_at = r.start + prefix + r.text[prefix:].find(head)
        # 集中整治阶段：2021年4月至9月: the dates after a stage's name belong to its heading
        own_stage = _stage_of(doc.text[head_at:r.start + len(r.text)] if head.endswith("阶段") else head, head_at,
                              reference_date(doc.date, doc.title, doc.text))
        # a stage's range passes to what stands under its heading, not to text after a run-in item
        listed = None if own_context or not deeper else _list_context(r.text)
        stack.append((rank, num, head_text[:60], own_context or listed, own_stage if heading_only else None))
        if listed in ("descriptive", "violations"):
            case_lists.add(stack[-1][:3])
        if heading_only and r.title_like and VERB_START.match(head) and not _DESCRIPTIVE_HEADING.search(head):
            titles.add(stack[-1][:3])  # 1.统筹建设…数据集, （一）加强组织领导: a measure's title, not a topic's (组织体系)
        section = index.section(r.start) if index else "/".join(x[1] for x in stack if x[1])
        # an item of a list of cases or contents (（六）事故防范和整改措施。 under 报告应当包括下列内容：) is one of
        # them whatever its own words; only a heading says what the text under it is
        ctx = context if context in ("descriptive", "violations") and not heading_only \
            else own_context or context or "task"
        body_start = r.start + prefix + (len(r.text[prefix:]) - len(r.text[prefix:].lstrip()))
        out.append(Paragraph(r.text, r.start, section, True, heading_only, ctx in ("goal", "descriptive"),
                             doc.text[body_start:r.start + len(r.text)], body_start, ctx, headings,
                             stage, num, own_stage, wrapped=r.wrapped))
        host = None if heading_only else len(out) - 1
    return out


def section_at(doc: Document, pos: int) -> str:
    """Section path at ``pos``: the layout's, else the path of the last line read before ``pos``."""
    if doc.sections:
        return section_of(doc, pos)
    path = ""
    for p in paragraphs(doc):
        if p.start > pos:
            break
        path = p.section
    return path


@dataclass(frozen=True)
class TaskColumns:
    """Column indexes of a task table: number, task, responsible units, cooperating units, deadline, and a
    lead column when the table has one beside its 责任单位 column (then ``units`` is the 责任单位 one)."""

    number: int | None
    task: int
    units: int | None
    cooperate: int | None = None
    deadline: int | None = None
    lead: int | None = None

    def unit_columns(self) -> list[tuple[int, str]]:
        """(column, kind) of every unit column: "lead" (牵头单位), "units" (责任单位: its own marks and the
        document decide, or cooperating beside a lead column) and "cooperate" (配合单位), in that order."""
        kinds = [(self.lead, "lead"), (self.units, "units"), (self.cooperate, "cooperate")]
        return [(i, kind) for i, kind in kinds if i is not None]

    def __iter__(self):  # (number, task, units), as the older callers unpack it
        return iter((self.number, self.task, self.units))


def task_columns(header: tuple[str, ...]) -> TaskColumns | None:
    """Column indexes of a task table header, or None when it has no task column."""
    def col(pat: re.Pattern[str], *not_: re.Pattern[str]) -> int | None:
        return next((i for i, c in enumerate(header) if pat.search(c) and not any(n.search(c) for n in not_)), None)

    task = col(TASK_COLUMN, UNIT_COLUMN, COOPERATE_COLUMN, DEADLINE_COLUMN)
    if task is None and col(UNIT_COLUMN) is not None:
        task = col(PROJECT_COLUMN, UNIT_COLUMN, COOPERATE_COLUMN, DEADLINE_COLUMN)
    if task is None:
        return None
    lead, units = col(LEAD_COLUMN, COOPERATE_COLUMN), col(UNIT_COLUMN, LEAD_COLUMN, COOPERATE_COLUMN)
    if lead is None or units is None:  # one unit column, whatever its name: it holds the units of the row
        return TaskColumns(col(NUM_COLUMN), task, col(UNIT_COLUMN, COOPERATE_COLUMN), col(COOPERATE_COLUMN),
                           col(DEADLINE_COLUMN))
    return TaskColumns(col(NUM_COLUMN), task, units, col(COOPERATE_COLUMN), col(DEADLINE_COLUMN), lead)
