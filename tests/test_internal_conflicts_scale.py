"""compare.internal: the conflicts of one document's rows stating one fact
are those of every two rows, in order, without comparing each copy of a
repeated sentence with every other copy (a huge line of one refrain)."""
from __future__ import annotations

from rumorlens.compare import internal
from rumorlens.records import Mention


def _row(k: int, value: float, unit: str = "USD"):
    start = 100 * k
    return (f"sentence {k}", [Mention("d", start, start + 3, str(value), "en", "number", "money", value=value,
                                      unit=unit)])


def _fake_conflict(calls):
    def value_conflict(da, sa, ma, db, sb, mb, shared, sim):
        calls.append((sa, sb))
        return None if ma[0].value == mb[0].value else (sa, sb)
    return value_conflict


def _plain(rows, value_conflict):
    return [f for x, (sa, ma) in enumerate(rows) for sb, mb in rows[x + 1:]
            if (f := value_conflict(None, sa, ma, None, sb, mb, ["k"], 1.0)) is not None]


def test_the_same_conflicts_in_the_same_order_as_every_two_rows():
    values = [5.0, 7.0, 5.0, 9.0, 7.0, 5.0, 11.0, 9.0]
    rows = [_row(k, v) for k, v in enumerate(values)]
    fast = internal._fact_conflicts(None, ("k",), rows, _fake_conflict([]))
    assert fast == _plain(rows, _fake_conflict([]))
    assert len(fast) == 28 - 3 - 1 - 1  # every pair but the equal ones (three 5s: 3 pairs, two 7s, two 9s)


def test_copies_of_one_row_are_not_compared_with_each_other():
    rows = [_row(k, 5.0) for k in range(300)] + [_row(300, 8.0)]
    calls: list = []
    found = internal._fact_conflicts(None, ("k",), rows, _fake_conflict(calls))
    assert len(found) == 300  # each copy against the one row that differs
    assert len(calls) == 1 + 1 + 300  # one verdict per two readings, then the findings (was 45,150 calls)
    assert found == _plain(rows, _fake_conflict([]))
