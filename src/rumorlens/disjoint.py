"""A small union-find shared by document grouping and the HTML view
(standard library only, so the renderer stays dependency-free)."""
from __future__ import annotations


class DisjointSets:
    """Union-find whose roots are always the smallest member, so components
    come out the same whatever order the links arrive in."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def add(self, x):
        self.parent.setdefault(x, x)
        return x

    def find(self, x):
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x, y) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)

    def components(self) -> dict:
        """root -> members, both in sorted order."""
        comps: dict = {}
        for x in sorted(self.parent):
            comps.setdefault(self.find(x), []).append(x)
        return {root: comps[root] for root in sorted(comps)}
