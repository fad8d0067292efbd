"""Session fixtures: one data directory built once from the real corpus, shared by every test file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from policykg.api.service import Service
from policykg.api.settings import Settings

REPO = Path(__file__).resolve().parent.parent
CORPUS_DOCUMENTS = REPO / "corpus" / "documents"
SEEDS = CORPUS_DOCUMENTS / "seeds"

# the hash encoder keeps the session fixture fast; the real model is exercised by tests marked slow
os.environ.setdefault("POLICYKG_ENCODER", "hash")


def make_settings(data_dir: Path) -> Settings:
    """Settings for a test data directory (hash encoder, bundled corpus)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_")}
    env.update(POLICYKG_DATA=str(data_dir), POLICYKG_ENCODER="hash")
    return Settings.from_env(env)


@pytest.fixture(scope="session")
def corpus_data_dir(tmp_path_factory) -> Path:
    """A data directory with all of corpus/documents ingested (built once per session)."""
    data_dir = tmp_path_factory.mktemp("corpus-data")
    report = Service(make_settings(data_dir)).ingest([CORPUS_DOCUMENTS])
    assert report.ingested, f"nothing ingested from {CORPUS_DOCUMENTS}: {report.failed}"
    return data_dir


@pytest.fixture(scope="session")
def corpus_service(corpus_data_dir) -> Service:
    """A Service over the corpus data directory."""
    return Service(make_settings(corpus_data_dir))


@pytest.fixture
def cli_env(corpus_data_dir, monkeypatch) -> Path:
    """Point the in-process CLI at the corpus data directory."""
    monkeypatch.setenv("POLICYKG_DATA", str(corpus_data_dir))
    monkeypatch.setenv("POLICYKG_ENCODER", "hash")
    return corpus_data_dir
