"""Which sentences of closed documents (held-out, dev-check) the code, the tests and the gold README quote.

    .venv/bin/python benchmarks/leak_scan.py [--list]

Rule engineers may read the code, the tests and the gold README; held-out and dev-check documents are
judged on figures only (tests/gold/obligations/README.md). A run of 12 or more Chinese characters in
those files that occurs in a held-out or dev-check source and in no other corpus document (seed,
dev-read, or a document without gold) was copied from a closed document: its rule or fixture was
written with that document in view, and the document's figure is not clean for it. Prints counts by
file kind and split; ``--list`` prints file, line and split for each (the quoted words are already in
the repository, so listing them shows nothing new). Replace such a quote by a constructed sentence, or by
one from a readable document, marked as such.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = re.compile(r"[\u4e00-\u9fff，、：；（）“”0-9]{12,}")
SCANNED = ("tests/*.py", "ingest/extract/*.py", "ingest/*.py", "graph/*.py", "tests/gold/obligations/README.md")


def split_of(gold: dict) -> str:
    split = gold.get("split")
    if split == "dev":
        digest = hashlib.sha1(gold["source"].encode("utf-8")).hexdigest()
        return "dev-check" if int(digest[8:16], 16) % 2 == 0 else "dev-read"
    return split


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="file, line and split of each quote")
    args = parser.parse_args()
    closed_split = {}
    for path in sorted((ROOT / "tests/gold/obligations").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold.get("source") and split_of(gold) in ("heldout", "dev-check"):
            closed_split[gold["source"]] = split_of(gold)
    opened, closed = [], []
    for path in sorted((ROOT / "corpus/documents").rglob("*")):
        if not path.is_file() or path.name.endswith(".meta.json"):
            continue
        text = re.sub(r"\s+", "", path.read_text(encoding="utf-8", errors="ignore"))
        rel = str(path.relative_to(ROOT))
        (closed.append((closed_split[rel], text)) if rel in closed_split else opened.append(text))
    counts: Counter[tuple[str, str]] = Counter()
    for pattern in SCANNED:
        for path in sorted(ROOT.glob(pattern)):
            kind = "README" if path.suffix == ".md" else "tests" if path.parts[-2] == "tests" else "code"
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for run in RUN.findall(line):
                    if any(run in text for text in opened):
                        continue
                    splits = sorted({split for split, text in closed if run in text})
                    if splits:
                        counts[(kind, "heldout" if "heldout" in splits else "dev-check")] += 1
                        if args.list:
                            print(f"{path.relative_to(ROOT)}:{number}  {'/'.join(splits)}")
    for (kind, split), n in sorted(counts.items()):
        print(f"{kind:7} quotes only a {split} document: {n}")
    if not counts:
        print("no quote of a held-out or dev-check document in code, tests or the gold README")


if __name__ == "__main__":
    main()
