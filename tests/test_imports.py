"""Architecture: imports go one way (ontology <- ingest <- graph <- search <- api), one import name,
ingest knows nothing of RDF, and code never spells an IRI."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LAYERS = ["ontology", "ingest", "graph", "search", "api"]
RDF_LIBRARIES = {"rdflib", "pyoxigraph", "pyshacl", "pyld"}
# a string that is an IRI (or an IRI prefix) of a vocabulary: belongs in policykg.ontology.namespace
_IRI_LITERAL = re.compile(r"^<?https?://(w3id\.org/policykg|data\.europa\.eu/eli|www\.w3\.org/(ns|2004/02/skos|2006/time)"
                          r"|purl\.org/dc)[^\s]*$")


def _modules(layer: str) -> list[Path]:
    return sorted((REPO / layer).rglob("*.py"))


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module name imported anywhere in the file (top level or inside functions)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                found.append((node.lineno, "<relative>"))
            elif node.module:
                found.append((node.lineno, node.module))
    return found


@pytest.mark.parametrize("layer", LAYERS)
def test_layer_imports_only_from_its_left(layer):
    allowed = set(LAYERS[: LAYERS.index(layer) + 1])
    wrong = []
    for path in _modules(layer):
        for line, name in _imports(path):
            parts = name.split(".")
            if name == "<relative>":
                wrong.append(f"{path.relative_to(REPO)}:{line} relative import (use policykg.<layer>...)")
            elif parts[0] in LAYERS:
                wrong.append(f"{path.relative_to(REPO)}:{line} imports {name} (use policykg.{name})")
            elif parts[0] == "policykg" and len(parts) > 1 and parts[1] in LAYERS and parts[1] not in allowed:
                wrong.append(f"{path.relative_to(REPO)}:{line} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_ingest_knows_nothing_of_rdf():
    wrong = [f"{p.relative_to(REPO)}:{line} imports {name}" for p in _modules("ingest")
             for line, name in _imports(p) if name.split(".")[0] in RDF_LIBRARIES]
    assert not wrong, "\n".join(wrong)


def test_model_imports_nothing_of_ours():
    names = [name for _, name in _imports(REPO / "ingest" / "model.py")]
    assert not [n for n in names if n.startswith("policykg")]


def _string_iris(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [f"{path.relative_to(REPO)}:{n.lineno} {n.value[:60]!r}" for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
            and _IRI_LITERAL.match(n.value)]


def test_no_project_iri_is_spelled_in_code():
    # the project's IRIs come from policykg.ontology.namespace (read from the ontology), never a literal
    home = REPO / "ontology" / "namespace.py"
    wrong = [hit for layer in LAYERS for p in _modules(layer) if p != home for hit in _string_iris(p)]
    assert not wrong, "\n".join(wrong)


def test_one_import_name_and_no_top_level_layers(tmp_path):
    code = ("import importlib.util as u, json; import policykg.graph.kg, policykg.api.cli;"
            f"print(json.dumps([n for n in {LAYERS!r} if u.find_spec(n) is not None]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", f"top-level modules installed: {out.stdout}"
