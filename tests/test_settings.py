"""Settings read from the environment, documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

from policykg.api.settings import Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_sparql_worker_settings_are_read():
    s = Settings.from_env({"POLICYKG_SPARQL_WORKERS": "3", "POLICYKG_SPARQL_MEMORY_MB": "512"})
    assert (s.sparql_workers, s.sparql_memory_mb) == (3, 512)
    assert Settings.from_env({}).sparql_workers >= 2


def test_every_variable_the_settings_read_is_in_the_readme():
    source = (Path(__file__).resolve().parent.parent / "api" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r"POLICYKG_[A-Z_0-9]+", source))
    documented = set(re.findall(r"POLICYKG_[A-Z_0-9]+", README.read_text(encoding="utf-8")))
    assert names and names <= documented, names - documented


def test_vector_index_setting_reaches_the_search_index(tmp_path):
    from policykg.api.service import Service

    settings = Settings.from_env({"POLICYKG_DATA": str(tmp_path), "POLICYKG_ENCODER": "hash",
                                  "POLICYKG_VECTOR_INDEX": "flat"})
    assert settings.vector_index == "flat"
    service = Service(settings)
    try:
        assert service.index.vector_kind == "flat"
    finally:
        service.kg.close()
