"""T1 through the command line on the corpus: an agency asked as a document writes it, with a region,
and the output contract of `show --json` (written forms beside canonical names, site labels and concepts)."""

from __future__ import annotations

import json

from policykg.api.cli import main


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_tasks_by_a_sector_abbreviation_and_city(cli_env, capsys):
    # 住建 is how a user says it; the 常德 plan writes 市住建局 (常德市住房和城乡建设局)
    code, out, _ = _run(capsys, "tasks", "--agency", "住建", "--region", "常德市", "--json")
    rows = json.loads(out)
    assert code == 0 and rows
    assert {r["document"]["source"] for r in rows} == {"002_703e075b325a6c8c.txt"}
    assert any(r["mention"] == "市住建局" and r["agency"] == "常德市住房和城乡建设局" for r in rows)


def test_tasks_by_a_district_bureau_as_written(cli_env, capsys):
    code, out, _ = _run(capsys, "tasks", "--agency", "区应急局", "--region", "普陀区", "--json")
    rows = json.loads(out)
    assert code == 0 and rows
    assert all("普陀区" in (r["document"]["title"] or "") or "普陀" in (r["document"]["source"] or "") for r in rows)
    assert any(r["mention"] == "区应急局" and r["agency"] == "普陀区应急管理局" for r in rows)
    # the region narrows: the same written form in a 松江 plan is another district's bureau
    code, out, _ = _run(capsys, "tasks", "--agency", "区应急局", "--region", "松江区", "--json")
    assert all(r["agency"] == "松江区应急管理局" for r in json.loads(out))


def test_tasks_for_an_unknown_agency_says_so(cli_env, capsys):
    code, _, err = _run(capsys, "tasks", "--agency", "区不存在局", "--region", "普陀区")
    assert code == 1 and "no obligations" in err


def test_show_json_keeps_written_forms_and_site_concepts(cli_env, capsys):
    code, out, _ = _run(capsys, "show", "003_172d98bbcb68533c.txt", "--json")
    doc = json.loads(out)
    assert code == 0
    agencies = [a for o in doc["obligations"] for a in o["agencies"]]
    assert agencies and all({"name", "iri", "role", "mention", "span"} <= set(a) for a in agencies)
    text = doc.get("text")
    for a in agencies:
        assert len(a["span"]) == 2 and a["span"][0] < a["span"][1]
        if text:
            assert text[a["span"][0]:a["span"][1]] == a["mention"]
    for o in doc["obligations"]:
        assert len(o["agencies"]) == len({(a["name"], a["role"], a["mention"]) for a in o["agencies"]})
        assert all(isinstance(s, str) for s in o["site_types"])
        assert all({"key", "label", "iri"} <= set(c) for c in o["site_type_concepts"])
    with_sites = [o for o in doc["obligations"] if o["site_types"]]
    assert with_sites and any(o["site_type_concepts"] for o in with_sites)
