"""`policykg tasks --agency NAME [--region R] [--role lead|cooperate] [--json]`: an agency's obligations."""

from __future__ import annotations

import json
import sys
from typing import Any

from policykg.api.local_server import LocalServer, quote_path
from policykg.api.service import Service
from policykg.api.settings import Settings


def run(args, settings: Settings) -> int:
    """Print the obligations assigned to an agency under any of its names."""
    from policykg.graph.obligation_queries import tasks_for_agency

    kg = Service(settings).kg
    return print_tasks(tasks_for_agency(kg, args.agency, region=args.region, role=args.role), args)


def run_remote(args, server: LocalServer) -> int:
    """The same, asked of the running server (GET /agencies/{name}/obligations)."""
    answer = server.get(f"/agencies/{quote_path(args.agency)}/obligations",
                        {"region": args.region, "role": args.role})
    # the API wraps the graph layer's answer as {agency, tasks, ...}: print what the local call gives
    rest = {k: v for k, v in answer.items() if k != "agency"}
    return print_tasks(rest["tasks"] if set(rest) == {"tasks"} else rest, args)


def print_tasks(result: Any, args) -> int:
    """JSON as the graph layer answered, or two lines a task; exit 1 when there is none."""
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    rows = result.get("tasks", []) if isinstance(result, dict) else result
    if not rows:
        print(f"no obligations found for {args.agency!r}", file=sys.stderr)
        return 1
    for r in rows:
        dl = "; ".join(f"{d['text']}→{d['date'] or d['precision']}" for d in r["deadlines"])
        title = r["document"]["title"] or r["document"]["source"] or r["document"]["iri"]
        who = r["agency"] + (f"（{r['mention']}）" if r.get("mention") and r["mention"] != r["agency"] else "")
        print(f"[{r['role']}] {who} | {title}\n    {r['text'][:160]}" + (f"\n    deadlines: {dl}" if dl else ""))
    return 0
