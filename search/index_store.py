"""The saved search index: its files under ``<data_dir>/search/`` (meta.json, the unit table, user_dict.txt,
bm25/, vectors.faiss), replaced only once the new copy is whole, and read back (damage raises IndexCorrupt)."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from pathlib import Path

from policykg.search.encoders import encoder_name, legacy_encoder_name
from policykg.search.lexical import BM25Index
from policykg.search.tokenize import Tokenizer
from policykg.search.unitstore import UnitTable
from policykg.search.vectors import load_vector_index, vector_setting_matches

log = logging.getLogger("policykg.search.index")  # the index's records keep the one logger name
FORMAT_VERSION = 2  # 2: units off the heap (unit table files), approximate vector index


class IndexCorrupt(Exception):
    """The files on disk cannot be read back as an index."""


class IndexFiles:
    """Saving and loading, a part of ``SearchIndex`` (search/index.py), whose state it reads and sets."""

    @staticmethod
    def exists(data_dir: Path) -> bool:
        """Whether ``data_dir`` holds a saved index (whole or not)."""
        return (Path(data_dir) / "search" / "meta.json").exists()

    @staticmethod
    def saved_documents(data_dir: Path) -> dict[str, int] | None:
        """The change version of each document the saved index reflects, read from its meta.json alone
        (None without a readable index): comparing it with the store costs no index load."""
        try:
            meta = json.loads((Path(data_dir) / "search" / "meta.json").read_text())
            return {str(d): int(v) for d, v in (meta.get("documents") or {}).items()}
        except (OSError, ValueError, TypeError, AttributeError):
            return None

    # ---- persistence ----------------------------------------------------------------------------
    def save(self) -> None:
        """Write the index next to the graph; the old copy is replaced only once the new one is whole. An index
        still waiting for vectors is not written: the copy on disk stays the last whole one."""
        if self.vectors is None:
            log.info("search index not saved: %d units wait for their vectors", self.unencoded)
            return
        tmp = self.folder.with_name(self.folder.name + ".new")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        table = self.units
        assert isinstance(table, UnitTable)
        for path in table.files():
            if table.folder == self.folder:
                shutil.copy2(path, tmp / path.name)  # saved again: the table already lives here
            else:
                os.replace(path, tmp / path.name)  # open memory maps follow the file
        self.tokenizer.save(tmp / "user_dict.txt")
        self.lexical.save(tmp / "bm25")
        assert self.vectors is not None
        self.vectors.save(tmp / "vectors.faiss")
        # the encoder's name, not only the setting: "e5-small" has named two models (float32, then int8)
        made_by = self._encoder.name if self._encoder is not None else encoder_name(self.encoder_setting)
        meta = {"format": FORMAT_VERSION, "encoder": self.encoder_setting, "encoder_name": made_by,
                "units": len(self.units),
                "vector_index": self.vector_kind, "vectors": self.vectors.info, "documents": self.documents,
                "built": time.strftime("%Y-%m-%dT%H:%M:%S")}
        (tmp / "meta.json").write_text(json.dumps(meta))
        old = self.folder.with_name(self.folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.folder.exists():
            os.replace(self.folder, old)
        os.replace(tmp, self.folder)
        if table.folder != self.folder:
            shutil.rmtree(table.folder, ignore_errors=True)  # the emptied staging folder
        table.folder = self.folder
        shutil.rmtree(old, ignore_errors=True)

    def _load(self) -> None:
        meta_path = self.folder / "meta.json"
        if not meta_path.exists():
            raise FileNotFoundError(meta_path)
        try:
            meta = json.loads(meta_path.read_text())
            if meta.get("format") != FORMAT_VERSION:
                raise IndexCorrupt(f"format {meta.get('format')} is not {FORMAT_VERSION}")
            built_with = meta.get("encoder_name") or legacy_encoder_name(meta.get("encoder"))
            if built_with not in (encoder_name(self.encoder_setting), None):
                raise IndexCorrupt(f"vectors made by encoder {built_with!r}, settings' encoder "
                                   f"{self.encoder_setting!r} makes {encoder_name(self.encoder_setting)!r}")
            units = UnitTable.open(self.folder)
            lexical = BM25Index.load(self.folder / "bm25")
            vectors = load_vector_index(self.folder / "vectors.faiss", meta.get("vectors"))
            if not vector_setting_matches(self.vector_kind, vectors, meta.get("units", 0)):
                raise IndexCorrupt(f"built as vector index {meta.get('vector_index')!r}, settings say "
                                   f"{self.vector_kind!r}")
            tokenizer = Tokenizer.load(self.folder / "user_dict.txt")
        except IndexCorrupt:
            raise
        except Exception as exc:  # any damage to any file means: rebuild
            raise IndexCorrupt(f"{type(exc).__name__}: {exc}") from exc
        if not (len(units) == meta.get("units") == lexical.size == len(vectors)):
            raise IndexCorrupt(f"parts disagree: {len(units)} units, {lexical.size} in BM25, "
                               f"{len(vectors)} vectors")
        with self._cache_lock:
            self.units, self.lexical, self.vectors, self.tokenizer = units, lexical, vectors, tokenizer
            self._filter_cache.clear()
        self.documents = {str(d): int(v) for d, v in (meta.get("documents") or {}).items()}
