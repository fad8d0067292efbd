"""Tables that arrive one cell per line (a PDF or a web page saved as text), rebuilt into rows.

A flattened table reads: a header of short column names opening with 序号, then rows that each open with
their number (1, 2, 3 …) on a line of its own, followed by the row's cells, one or several lines each.
A cell may wrap over lines (a name and its （修订）, a sentence broken after ，, two units one a line) and
an empty cell leaves no line, so a row's lines are shared among its cells by what each line looks like
(a unit name, a date, a number, text) against what its column holds. Group labels of a merged first
column are often written one character a line (正/式/项/目) before a group whose numbering restarts at 1:
each group becomes a table of its own, with its label.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from policykg.ingest.model import Span


class _Line(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class FlatTable:
    """One rebuilt table: the header, rows (number first, then one string per column) and spans."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_spans: tuple[Span, ...]
    span: Span
    label: str = ""  # the group label written before the rows (正式项目), "" when none


_NUMBER_HEAD = re.compile(r"^(?:序\s*号|编\s*号)$")
_HEAD_CELL_MAX = 24  # a column name is short
_HEAD_MAX = 12
_NOTE = re.compile(r"^(?:注|备注|说明)\s*\d?\s*[:：]")  # a note under a table is not one of its cells
_SENTENCE_END = ("。", "；", ";", "！")
# a unit's head noun ends the name of a body (省司法厅, 各相关部门, 区住建局, 各街镇)
_UNIT = re.compile(r"(?:局|厅|委|办|部|院|署|会|中心|部门|单位|政府|公司|集团|街道|镇|乡|所|站|队|处|科|室|组|社区|"
                   r"委员会|办公室|管委会|各区|各县|各市)$")
_UNIT_SPLIT = re.compile(r"[、，,；;/\s]+")
_DATE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|年底|年内|月底|季度|长期|持续|常态|\d{4}[.\-/]\d{1,2}|前$")
_CONTINUES = ("，", "、", ",", "；", ";", "：", ":", "和", "及", "与")
_OPEN_BRACKETS = "（("

_UNIT_COL = re.compile(r"单位|部门|主体|科室|处室|负责|主办|承办")
_DATE_COL = re.compile(r"时限|时间|期限|日期|节点|进度|年限|时序")
_NUM_COL = re.compile(r"电话|号码|代码|手机|编码")
_TASK_COL = re.compile(r"内容|任务|措施|事项|项目|名称")


def _kind(s: str) -> str:
    """unit / date / num / text: what one line of a cell looks like."""
    digits = sum(c.isdigit() for c in s)
    if digits >= 5 and digits >= 0.6 * len(s):  # a telephone number, a code
        return "num"
    if len(s) <= 30 and not s.endswith(_SENTENCE_END) and _DATE.search(s):
        return "date"
    parts = [p for p in _UNIT_SPLIT.split(s.strip("。")) if p]
    if parts and len(s) <= 40 and all(_UNIT.search(p) and len(p) <= 20 for p in parts):
        return "unit"
    return "text"


def _column_kind(name: str) -> str:
    if _NUM_COL.search(name):
        return "num"
    if _DATE_COL.search(name):
        return "date"
    if _UNIT_COL.search(name):
        return "unit"
    return "text"


def _fit(kind: str, col: str) -> float:
    if kind == col:
        return 1.0
    if col == "text":
        return 0.5 if kind in ("date", "num") else 0.0
    return -0.5 if kind == "text" else -1.0  # a name the unit test misses, e.g. X（Y有限公司）


def _continues(prev: str, line: str, col: str, kind: str, prev_kind: str) -> float:
    """How likely ``line`` goes on with the cell that ``prev`` is in."""
    if prev.endswith(_CONTINUES) or line[0] in _OPEN_BRACKETS or prev.count("（") > prev.count("）"):
        return 0.5
    if col == "unit" and kind == "unit" and prev_kind == "unit":
        return 0.5  # units listed one a line
    return 0.0 if col == "text" and not prev.endswith(_SENTENCE_END) else -0.5


_EMPTY = -0.75
_ROW_MAX = 40  # lines of one row at most: a longer run is text after the table, not a row
_SLACK = 3  # lines the last row may have beyond the longest row above it
_BEYOND = 0.25  # what each of them costs: only a line that goes on with its cell (after ，, a unit) pays it


def _share(lines: Sequence[str], cols: Sequence[str], wide: int | None) -> tuple[float, list[list[int]]]:
    """Lines of one row shared among its columns in order (each column takes zero or more lines) so that
    each line fits its column best; the score and, per column, the indexes of its lines."""
    n, m = len(lines), len(cols)
    kinds = [_kind(s) for s in lines]
    neg = float("-inf")
    best = [[neg] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for c in range(1, m + 1):
        col = cols[c - 1]
        fit = [_fit(k, col) for k in kinds]
        # a line more in a cell costs a line's worth unless something says it goes on
        more = [0.0] + [fit[x] - 1 + _continues(lines[x - 1], lines[x], col, kinds[x], kinds[x - 1])
                        + (0.1 if wide == c - 1 else 0.0) for x in range(1, n)]
        for p in range(n + 1):  # column c takes lines p..q-1
            if best[c - 1][p] == neg:
                continue
            s = _EMPTY
            for q in range(p, n + 1):
                if q > p:
                    s = fit[p] if q == p + 1 else s + more[q - 1]
                if best[c - 1][p] + s > best[c][q]:
                    best[c][q], back[c][q] = best[c - 1][p] + s, p
    groups: list[list[int]] = []
    q = n
    for c in range(m, 0, -1):
        p = back[c][q]
        groups.append(list(range(p, q)))
        q = p
    return best[m][n], groups[::-1]


def _is_label_run(cells: Sequence[_Line], k: int) -> int:
    """The length of a label written one character a line at ``k`` that a row 1 follows, else 0."""
    j = k
    while j < len(cells) and len(cells[j].text.strip()) == 1 and "\u4e00" <= cells[j].text.strip() <= "\u9fff":
        j += 1
    return j - k if j - k >= 2 and j < len(cells) and cells[j].text.strip() == "1" else 0


def _header(cells: Sequence[_Line], i: int) -> tuple[tuple[str, ...], int] | None:
    """The column names from the 序号 line at ``i`` and the index of what follows them (a label or row 1)."""
    head = ["序号"]
    j = i + 1
    while j < len(cells) and len(head) <= _HEAD_MAX:
        s = cells[j].text.strip()
        if s == "1" or _is_label_run(cells, j):
            return (tuple(head), j) if len(head) >= 3 else None
        if len(s) > _HEAD_CELL_MAX or s.endswith(_SENTENCE_END) or s.isdigit():
            return None
        if s[0] in _OPEN_BRACKETS and len(head) > 1:
            head[-1] += s  # 联系方式 / （手机号）: one column name on two lines
        else:
            head.append(s)
        j += 1
    return None


def flat_tables(lines: Sequence[_Line], stops: Sequence[bool] | None = None) -> list[FlatTable]:
    """Tables written one cell per line in ``lines``; ``stops[k]`` marks a line (of ``lines``) that no table
    row runs into (a heading, an attachment label, a date line)."""
    idx = [k for k, ln in enumerate(lines) if ln.text.strip()]
    cells = [lines[k] for k in idx]
    stop = [bool(stops[k]) for k in idx] if stops is not None else [False] * len(cells)
    tables: list[FlatTable] = []
    i = 0
    while i < len(cells):
        opens = cells[i].start
        if cells[i].text.strip() == "序" and i + 1 < len(cells) and cells[i + 1].text.strip() == "号":
            i += 1  # 序号 written one character a line
        elif not _NUMBER_HEAD.match(cells[i].text.strip()):
            i += 1
            continue
        got = _header(cells, i)
        if got is None:
            i += 1
            continue
        header, k = got
        cols = [_column_kind(h) for h in header[1:]]
        first = True
        while k < len(cells):
            run = _is_label_run(cells, k)
            label = "".join(c.text.strip() for c in cells[k:k + run])
            table_start = opens if first else cells[k].start
            k += run
            if k >= len(cells) or cells[k].text.strip() != "1":
                break
            k, table = _rows(cells, stop, k, header, list(cols), table_start, label, lines, idx)
            if table is not None:
                tables.append(table)
            first = False
        i = max(k, i + 1)
    return tables


def _rows(cells: Sequence[_Line], stop: Sequence[bool], k: int, header: tuple[str, ...], cols: list[str],
          table_start: int, label: str, lines: Sequence[_Line], idx: Sequence[int]) -> tuple[int, FlatTable | None]:
    """The numbered rows from row 1 at ``k``: where the table ends and the table."""
    bodies: list[tuple[int, list[int]]] = []  # (number line, its lines)
    expected, ended = 1, False
    while not ended and k < len(cells) and cells[k].text.strip() == str(expected):
        nxt = k + 1
        while nxt < len(cells) and cells[nxt].text.strip() != str(expected + 1):
            s = cells[nxt].text.strip()
            if stop[nxt] or _NUMBER_HEAD.match(s) or _NOTE.match(s) or _is_label_run(cells, nxt) \
                    or nxt - k > _ROW_MAX:
                break
            nxt += 1
        ended = nxt >= len(cells) or cells[nxt].text.strip() != str(expected + 1)
        bodies.append((k, list(range(k + 1, nxt))))
        k, expected = nxt, expected + 1
    width = len(cols)
    clean = [b for _n, b in bodies[:-1] if len(b) == width]
    if len(clean) >= 2:  # what the rows with one line a cell hold tells each column's kind
        for c in range(width):
            seen = Counter(_kind(cells[b[c]].text.strip()) for b in clean)
            kind, count = seen.most_common(1)[0]
            if count * 2 > len(clean):
                cols[c] = kind
    wide = next((c for c, h in enumerate(header[1:]) if _TASK_COL.search(h) and cols[c] == "text"), None)
    # the last row ends where its lines stop fitting its columns: a line beyond the longest row's count
    # is taken only when it fits well (a date in a date column, text after a ，)
    num_at, body = bodies[-1]
    texts = [cells[x].text.strip() for x in body]
    most = max(len(b) for _n, b in bodies[:-1]) if len(bodies) > 1 else width
    options = [(_share(texts[:m], cols, wide)[0] - _BEYOND * max(0, m - most), -m, m)
               for m in range(1, min(len(texts), most + _SLACK) + 1)]
    take = max(options)[2] if options else 0
    if take < len(body):
        bodies[-1] = (num_at, body[:take])
        k = body[take]
    rows: list[tuple[str, ...]] = []
    spans: list[Span] = []
    for num_at, body in bodies:
        _score, groups = _share([cells[x].text.strip() for x in body], cols, wide)
        row = [cells[num_at].text.strip()]
        for g in groups:  # a cell is the text of its lines as written, blank lines between them included
            a, b = (idx[body[g[0]]], idx[body[g[-1]]]) if g else (0, -1)
            row.append("\n".join(ln.text for ln in lines[a:b + 1]).strip())
        if not body:
            continue  # a numbered row with nothing in it: a blank form to fill in, no row of content
        rows.append(tuple(row))
        end = cells[body[-1]].end if body else cells[num_at].end
        spans.append(Span(cells[num_at].start, end))
    if not rows:
        return k, None
    return k, FlatTable(header=header, rows=tuple(rows), row_spans=tuple(spans),
                        span=Span(table_start, spans[-1].end), label=label)
