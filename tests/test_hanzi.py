"""The encoder reads Chinese in simplified characters (rumorlens.hanzi)."""
from __future__ import annotations

import numpy as np

from rumorlens.embed import CachedEncoder
from rumorlens.hanzi import encoder_text, to_simplified


def test_traditional_becomes_simplified_and_the_rest_stays():
    assert to_simplified("習近平會見法國總統馬克龍。") == "习近平会见法国总统马克龙。"
    # simplified text and text without Han characters come back unchanged
    assert to_simplified("习近平会见法国总统马克龙。") == "习近平会见法国总统马克龙。"
    assert to_simplified("Le président « Xi » a dit 30 %.") == "Le président « Xi » a dit 30 %."
    assert encoder_text(["國際", "abc"]) == ["国际", "abc"]


class _Recorder:
    """An encoder that records what it was given (one row per text)."""

    name, version, dim, normalized = "rec", "1", 4, False

    def __init__(self):
        self.seen = []

    def encode(self, texts):
        self.seen.extend(texts)
        return np.ones((len(texts), self.dim), dtype=np.float32)


def test_cache_keys_what_the_encoder_reads(tmp_path):
    inner = _Recorder()
    enc = CachedEncoder(inner, tmp_path)
    enc.encode(["兩國關係具有獨特的戰略價值。"])
    enc.encode(["两国关系具有独特的战略价值。"])  # the simplified spelling: a cache hit
    enc.close()
    assert inner.seen == ["两国关系具有独特的战略价值。"]
