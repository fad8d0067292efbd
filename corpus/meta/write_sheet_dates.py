"""Write the date sidecars (``rowNN_….txt.meta.json``) of the bundled spreadsheet documents.

Rule (corpus/SOURCES.md): a file ``rowNN_…`` of a sheet folder takes the date its dataset records for
sheet row NN (header = row 1) — xvshiting 'Policies Data.xlsx', column 'Release Time' (sheet 'ShanDong
Policies Table' for the two shandong folders, 'Central Policies Table' for central-sheet);
policy-transparency data.xlsx Sheet1, column 'Date' — and only where ``parse_file`` finds no date in the
text itself. A row is taken only when the file's text is that row's content column (checked, never
printed). Nothing of a body is read beyond that; run again, it rewrites the same files.

    .venv/bin/python corpus/meta/write_sheet_dates.py [--datasets /work/shared/corpus/datasets] [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

from policykg.ingest.pipeline import parse_bytes
from policykg.ingest.sidecar import sidecar_path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "corpus" / "documents"
XV = "xvshiting-politic-analysis/data/Policies Data.xlsx"
PT = "policy-transparency-china/Data gathering & processing/data.xlsx"
# folder -> (workbook, sheet, date column, content column)
SHEETS = {
    "provincial/shandong": (XV, "ShanDong Policies Table", "Release Time", "Policy Content"),
    "city/shandong": (XV, "ShanDong Policies Table", "Release Time", "Policy Content"),
    "national/central-sheet": (XV, "Central Policies Table", "Release Time", "Policy Content"),
    "provincial/policy-transparency": (PT, "Sheet1", "Date", "Body"),
}
# Rows whose date column the sheet itself contradicts: no sidecar (an undated text beats a wrong date).
NOT_DATED = {
    ("national/central-sheet", 167): "Release Time 2013-02-18 precedes the 2025-2027 of the row's own Policy Title",
    ("national/central-sheet", 63): "Release Time 2021-11-27 contradicts the row's own Policy Source (gov.cn zhengceku/2020-11/27)",
    ("national/central-sheet", 164): "Release Time 2013-08-09 precedes the 2023 Global AI Governance Initiative the row's own text implements",
    ("national/central-sheet", 166): "Release Time 2013-03-08 precedes the National Health Commission the row's own Release Department names (formed 2018)",
}


def sheet_rows(book: Path, sheet: str, date_col: str, content_col: str) -> dict[int, tuple[date | None, str]]:
    """Sheet row number (header = 1) -> (the date column as a date, the content column)."""
    import openpyxl

    ws = openpyxl.load_workbook(book, read_only=True)[sheet]
    rows = ws.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows)]
    di, ci = header.index(date_col), header.index(content_col)
    out = {}
    for n, row in enumerate(rows, start=2):
        value = row[di] if di < len(row) else None
        if isinstance(value, datetime):
            day: date | None = value.date()
        elif isinstance(value, str) and value.strip():
            day = date.fromisoformat(value.strip()[:10])
        else:
            day = None
        out[n] = (day, str(row[ci] or "") if ci < len(row) else "")
    return out


def _same_text(file_text: str, cell: str) -> bool:
    def norm(s: str) -> str:
        return "".join(s.split())
    return norm(file_text) == norm(cell)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", type=Path, default=Path("/work/shared/corpus/datasets"))
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 when a sidecar would change")
    args = ap.parse_args()
    cache: dict[tuple, dict] = {}
    written = unchanged = dated = 0
    problems = []
    for folder, (book, sheet, date_col, content_col) in SHEETS.items():
        key = (book, sheet, date_col, content_col)
        if key not in cache:
            cache[key] = sheet_rows(args.datasets / book, *key[1:])
        rows = cache[key]
        for path in sorted((DOCS / folder).glob("row*_*.txt")):
            row = int(path.name[3:path.name.index("_")])
            data = path.read_bytes()
            doc = parse_bytes(data, str(path), extractors=False)  # the text alone, no sidecar
            if doc.date is not None:
                dated += 1
                continue
            if (folder, row) in NOT_DATED:
                side = sidecar_path(path)
                if side.is_file():
                    problems.append(f"{folder}/{path.name}: has a sidecar, but {NOT_DATED[folder, row]}")
                continue
            day, content = rows.get(row, (None, ""))
            if not _same_text(data.decode("utf-8"), content):
                problems.append(f"{folder}/{path.name}: not the content of {sheet} row {row}")
                continue
            if day is None:
                problems.append(f"{folder}/{path.name}: {sheet} row {row} has no {date_col}")
                continue
            side = sidecar_path(path)
            text = json.dumps({"date": day.isoformat()}) + "\n"
            if side.is_file() and side.read_text(encoding="utf-8") == text:
                unchanged += 1
                continue
            written += 1
            if not args.check:
                side.write_text(text, encoding="utf-8")
            print(f"{'would write' if args.check else 'wrote'} {side.relative_to(ROOT)}: {day.isoformat()}")
    print(f"{written} written, {unchanged} unchanged, {dated} dated by their text, {len(problems)} problems")
    for p in problems:
        print("  " + p)
    return 1 if problems or (args.check and written) else 0


if __name__ == "__main__":
    sys.exit(main())
