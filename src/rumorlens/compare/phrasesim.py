"""Phrase similarity for the checks: the cosine of two short strings
(a word, a phrase, a sentence with one word removed) with the sentence
encoder, with vectors encoded in batches the checks announce (issue 12)."""
from __future__ import annotations

from typing import Optional

import numpy as np


class PhraseSimilarity:
    """Cosine similarity of two short strings with an encoder: ``sim(a, b)``
    -> float in [-1, 1] (vectors L2-normalized).

    Vectors are kept for the life of the object: one per aligned pair in
    the compare stage, so that a pair's result does not depend on which
    pairs the same process checked before (a vector differs in its last
    bits with the batch it was encoded in; not use-m3's, whose products
    rumorlens.blas_lanes lays out, but another encoder's may).  A check
    that knows which texts it will compare announces them with
    :meth:`prefetch`: they are encoded in one batch, about ten times faster
    than one by one (use-m3: 16 ms for one short phrase, 1.4 ms each in a
    batch of ten, issue 12).  Texts the
    encoder's on-disk cache holds (sentences the embed stage stored) are
    read from it; none is stored (``CachedEncoder.encode_unstored``).
    ``known``: vectors of texts the caller has already encoded.
    At most ``limit`` vectors are kept (then they are dropped, all at once).

    Most texts asked are cut from others (a sentence without one name or
    word, a clause): with use-m3, the object's own
    ``rumorlens.usem3_runs.TextEncoder`` (same scope as the vectors)
    recomputes only the tokens near the cut, and a batch's texts with a
    vector already (the sentence the cuts come from) are its context.
    """

    def __init__(self, encoder, known: Optional[dict[str, np.ndarray]] = None, limit: int = 65536) -> None:
        self._encode = getattr(encoder, "encode_unstored", encoder.encode)
        make = getattr(encoder, "text_encoder", None)
        self._via = make() if make is not None and hasattr(encoder, "encode_unstored") else None
        self._known: dict[str, np.ndarray] = dict(known or {})
        self._limit = limit
        # times the vectors were dropped: a result worked out from vectors
        # before a drop may differ in its last bits from one after it (the
        # texts are encoded again, in another batch), so a check that keeps
        # results (compare.coverage) keeps them only while this is unchanged
        self.drops = 0

    def prefetch(self, texts) -> None:
        """Encode in one batch those of ``texts`` not seen yet."""
        asked = list(dict.fromkeys(texts))
        missing = [t for t in asked if t not in self._known]
        if not missing:
            return
        if len(self._known) + len(missing) > self._limit:
            self._known.clear()
            self.drops += 1
        if self._via is not None:
            vecs = self._encode(missing, via=self._via, context=[t for t in asked if t in self._known])
        else:
            vecs = self._encode(missing)
        for text, v in zip(missing, np.asarray(vecs, dtype="float32")):
            self._known[text] = v

    def vector(self, text: str) -> np.ndarray:
        v = self._known.get(text)
        if v is None:
            self.prefetch([text])
            v = self._known[text]
        return v

    def __call__(self, a: str, b: str) -> float:
        # the lookups of :meth:`vector` written out: 400,000 calls at 10^4
        # sentences (issue 12); the same two vectors, the same product.  b
        # is looked up after a is encoded, as vector() would: that may drop
        # the vectors (``limit``)
        va = self._known.get(a)
        if va is None:
            va = self.vector(a)
        vb = self._known.get(b)
        if vb is None:
            vb = self.vector(b)
        return float(va @ vb)

    def best_of(self, texts: list[str], others: list[str]) -> list[float]:
        """For each of ``texts``, ``max(self(t, o) for o in others)``
        (``others`` not empty), with the vectors of ``others`` looked up
        once rather than once per text: the same products in the same
        order, so the same floats.  When a text lacks a vector, one by one
        (encoding it may drop the others' vectors, ``limit``)."""
        known = self._known
        if not all(t in known for t in texts) or not all(o in known for o in others):
            return [max(self(t, o) for o in others) for t in texts]
        vecs = [known[o] for o in others]
        out = []
        for t in texts:
            v = known[t]
            out.append(max(float(v @ w) for w in vecs))
        return out


def prefetch(sim, texts) -> None:
    """Announce to a phrase similarity the texts it is about to compare (a
    plain function of two strings, as tests pass, ignores it)."""
    ahead = getattr(sim, "prefetch", None)
    if ahead is not None:
        ahead(texts)
