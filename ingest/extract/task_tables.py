"""How a task names its units, people and time: the columns of a task table and label lines.

Decides which header column of a table holds the task, its number, its responsible, lead and cooperating
units and its deadline (``task_columns``), and whether a line is only labelled values (牵头单位：X /
完成时限：Y) that belong to the unit of work above it (``is_label_line``, ``label_values``).
Gold README (tests/gold/obligations/README.md): schema "one per row of a task table (`source`: `table`)";
role convention 5, responsibility clauses (牵头单位：X，责任单位：Y: X lead, Y cooperate), whose labels
these are; a label line is no unit of work of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.ingest.extract.cues import DUTY_CUE, VERB_START

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

# the labels of a task's own units, people and time (牵头单位：, 责任领导：, 完成时限：), as the columns of a
# task table name them: a line made of nothing else labels the unit of work above it
_LABEL_KEY = re.compile(r"(?:(?:市|区|县|镇|街道|省)级)?(?:牵头|责任|配合|协办|主办|参与|协助|主责|实施|具体)"
                        r"[^：:（）()，,。；;\s]{0,6}?(?:单位|部门|处室|科室|主体|领导|人)(?:[（(][^（）()]{1,4}[）)])?"
                        r"|(?:分管|包保|挂钩|联系)(?:领导|人)|联系人|" + DEADLINE_COLUMN.pattern)
_VALUE_CLAUSE = re.compile(r"\s*[，,。；;]\s*")
_LABEL_AT = re.compile(r"(?:^[（(【]?|(?<=[；;，,。\s\u3000]))\s*(?:" + _LABEL_KEY.pattern + r")\s*[：:]")


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
