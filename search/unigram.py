"""The ids of a Unigram (SentencePiece) tokenizer.json, such as e5's (XLM-R's 250k pieces), found with a plain
dict of pieces instead of the ``tokenizers`` model: the same ids, about 165 MB less resident memory.

``tokenizers`` keeps a Unigram vocabulary as a byte trie with a hash map in every node: e5's 250,002 pieces
held ~255 MB of heap for the life of the process, more than anything in a loaded million-unit index but its
vector graph. Here the pieces sit in one dict and the best segmentation is found by the same Viterbi pass over
the same scores (``tokenizers``' ``Unigram::encode_optimized``: candidates ending at a position kept only when
strictly better, an unknown character at the lowest score less 10, unknown runs fused into one ``unk``). The
text's normalizer and pre-tokenizer, and the split on the special tokens, stay those of ``tokenizers``
itself (a copy of the file with a four-piece vocabulary). A file of any other shape gets None from
``from_file``: the caller keeps ``tokenizers``. Offsets are not made (reading spans needs them: the caller
loads ``tokenizers`` for that).
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Sequence
from pathlib import Path

UNKNOWN_PENALTY = 10.0  # tokenizers' K_UNK_PENALTY: an unknown character scores the lowest piece's score less this


class CompactUnigram:
    """``encode_ids(text)``: the ids ``tokenizers`` gives for ``text`` with special tokens and truncation."""

    def __init__(self, pieces: dict[str, int], scores: array, unk_id: int, specials: dict[str, int],
                 template: tuple[int, int], normalizer, pre_tokenizer, max_length: int):
        self.pieces, self.scores, self.unk_id = pieces, scores, unk_id
        self.unk_score = min(scores) - UNKNOWN_PENALTY
        self.longest = max((len(p) for p in pieces), default=1)
        self.specials = specials
        # leftmost, longest special token first, as tokenizers splits added tokens out of the raw text
        self._split = re.compile("(" + "|".join(re.escape(s) for s in sorted(specials, key=len, reverse=True)) + ")")
        self.first, self.last = template
        self.normalizer, self.pre_tokenizer = normalizer, pre_tokenizer
        self.max_length = max_length

    @classmethod
    def from_file(cls, path: Path, max_length: int) -> CompactUnigram | None:
        """The tokenizer of ``path``, or None when it is not a Unigram one this class reads exactly."""
        from tokenizers import Tokenizer

        spec = json.loads(Path(path).read_text(encoding="utf-8"))
        model, post = spec.get("model") or {}, spec.get("post_processor") or {}
        specials = {t["content"]: int(t["id"]) for t in spec.get("added_tokens") or []}
        single = [next(iter(step)) for step in post.get("single", [])] if post.get("type") == "TemplateProcessing" else []
        if (model.get("type") != "Unigram" or model.get("byte_fallback") or model.get("unk_id") is None
                or single != ["SpecialToken", "Sequence", "SpecialToken"] or spec.get("truncation")
                or any(t.get("normalized") or t.get("lstrip") or t.get("rstrip") or t.get("single_word")
                       for t in spec.get("added_tokens") or [])):
            return None
        template = post["single"]
        try:
            first, last = (int(post["special_tokens"][template[i]["SpecialToken"]["id"]]["ids"][0]) for i in (0, 2))
        except (KeyError, IndexError, TypeError, ValueError):
            return None
        vocab, unk_id = model["vocab"], int(model["unk_id"])
        if not 0 <= unk_id < len(vocab):
            return None
        pieces = {piece: i for i, (piece, _) in enumerate(vocab)}  # a piece given twice: the last id, as there
        scores = array("d", (float(score) for _, score in vocab))
        # the normalizer and pre-tokenizer of tokenizers itself: the same file, its vocabulary cut after unk
        model["vocab"] = vocab[:unk_id + 1]
        small = Tokenizer.from_str(json.dumps(spec))
        del spec, vocab
        return cls(pieces, scores, unk_id, specials, (first, last), small.normalizer, small.pre_tokenizer,
                   max_length)

    def token_to_id(self, token: str) -> int | None:
        """The id of a piece or special token, or None."""
        return self.specials.get(token, self.pieces.get(token))

    def encode_ids(self, text: str) -> list[int]:
        """Ids of ``text`` with the template's special tokens, truncated to ``max_length`` (tail cut)."""
        ids: list[int] = []
        for part in self._split.split(text):
            if not part:
                continue
            if part in self.specials:
                ids.append(self.specials[part])
                continue
            normalized = self.normalizer.normalize_str(part) if self.normalizer is not None else part
            words = (self.pre_tokenizer.pre_tokenize_str(normalized) if self.pre_tokenizer is not None
                     else [(normalized, None)])
            for word, _ in words:
                ids.extend(self._word_ids(word))
        return [self.first, *ids[:max(0, self.max_length - 2)], self.last]

    def encode_batch_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """``encode_ids`` of each text."""
        return [self.encode_ids(t) for t in texts]

    def _word_ids(self, word: str) -> list[int]:
        """The best-scoring segmentation of one pre-tokenized word, unknown runs fused."""
        n = len(word)
        score, start, best = [0.0] * (n + 1), [-1] * (n + 1), [0] * (n + 1)
        pieces, scores, longest, unk = self.pieces, self.scores, self.longest, self.unk_id
        for i in range(n):
            base, single = score[i], False
            for j in range(i + 1, min(n, i + longest) + 1):
                piece = pieces.get(word[i:j])
                if piece is None:
                    continue
                candidate = scores[piece] + base
                if start[j] < 0 or candidate > score[j]:
                    score[j], start[j], best[j] = candidate, i, piece
                single = single or j == i + 1
            if not single:
                candidate = self.unk_score + base
                if start[i + 1] < 0 or candidate > score[i + 1]:
                    score[i + 1], start[i + 1], best[i + 1] = candidate, i, unk
        out: list[int] = []
        end, in_unknown = n, False
        while end > 0:
            if best[end] == unk:
                if not in_unknown:
                    out.append(unk)
                in_unknown = True
            else:
                out.append(best[end])
                in_unknown = False
            end = start[end]
        out.reverse()
        return out
