"""compare.claims.side_cues keeps its answer per side: against the answer
worked out each time, on random sides changed between calls."""
from __future__ import annotations

import random

from rumorlens.compare.claims import _side_cues, side_cues
from rumorlens.compare.pair import Side
from rumorlens.records import ClaimClause, ClaimCue, ClaimProfile

# a dateline opening the text: its cue is never counted
TEXT = "新华社北京7月27日电 据报道 " + "x" * 200


def _profile(rng: random.Random, lo: int, hi: int) -> ClaimProfile:
    cues = []
    for _ in range(rng.randint(0, 4)):
        a = rng.randint(lo, hi - 2)
        cues.append(ClaimCue(start=a, end=a + 2, text=TEXT[a:a + 2], kind=rng.choice(["hedge", "degree"]),
                             value="possible", source="lexicon:zh"))
    return ClaimProfile(doc_id="d", sentence=0, start=lo, end=hi, lang="zh", clauses=[ClaimClause(lo, hi, cues)])


def _change(rng: random.Random, side: Side) -> None:
    """One change of what side_cues reads: a new slice, profiles replaced
    or added in place, a stray stretch added, other bound cues."""
    k = rng.randint(0, 5)
    if k == 0:
        side.start = rng.randint(0, 60)
        side.end = side.start + rng.randint(0, 80)
    elif k == 1:
        side.claims = [_profile(rng, 0, 150) for _ in range(rng.randint(0, 3))]
    elif k == 2:
        side.claims.append(_profile(rng, 0, 150))
    elif k == 3:
        side.near_claims.append(_profile(rng, 0, 200))
    elif k == 4:
        a = rng.randint(0, 150)
        side.stray.append((a, a + rng.randint(1, 30), "markup"))
    else:
        side.bound = frozenset(rng.sample(range(200), rng.randint(0, 40)))


def test_side_cues_kept_equal_side_cues_worked_out():
    rng = random.Random(3)
    changed = 0
    for _ in range(60):
        side = Side("d", "d.txt", "zh", TEXT, 0, 40)
        for _ in range(25):
            if rng.random() < 0.4:
                _change(rng, side)
                changed += 1
            near, inside = rng.random() < 0.5, rng.random() < 0.7
            assert side_cues(side, near, inside) == _side_cues(side, near, inside)
        got = side_cues(side)
        got.append(None)  # a caller's list is its own
        assert side_cues(side) == _side_cues(side, False, True)
    assert changed > 100


def test_a_cue_in_the_dateline_is_never_counted():
    cue = ClaimCue(start=0, end=3, text=TEXT[0:3], kind="attribution", value="report", source="lexicon:zh")
    inner = ClaimCue(start=12, end=14, text=TEXT[12:14], kind="hedge", value="possible", source="lexicon:zh")
    side = Side("d", "d.txt", "zh", TEXT, 0, 40)
    side.claims = [ClaimProfile("d", 0, 0, 40, "zh", [ClaimClause(0, 40, [cue, inner])])]
    assert side_cues(side) == side_cues(side) == [inner]
