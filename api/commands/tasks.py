"""`policykg tasks --agency NAME [--region R] [--role lead|cooperate] [--json]`: an agency's obligations."""

from __future__ import annotations

import json
import sys

from policykg.api.service import Service
from policykg.api.settings import Settings


def run(args, settings: Settings) -> int:
    """Print the obligations assigned to an agency under any of its names."""
    from policykg.graph.obligations import tasks_for_agency

    kg = Service(settings).kg
    rows = tasks_for_agency(kg, args.agency, region=args.region, role=args.role)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print(f"no obligations found for {args.agency!r}", file=sys.stderr)
        return 1
    for r in rows:
        dl = "; ".join(f"{d['text']}→{d['date'] or d['precision']}" for d in r["deadlines"])
        title = r["document"]["title"] or r["document"]["source"] or r["document"]["iri"]
        print(f"[{r['role']}] {r['agency']} | {title}\n    {r['text'][:160]}" + (f"\n    deadlines: {dl}" if dl else ""))
    return 0
