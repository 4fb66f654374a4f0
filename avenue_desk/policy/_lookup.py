"""Key lookup and forgiving parsing shared by categories, platforms, roles and steps."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar


class UnknownPolicyKey(ValueError):
    """A key or name that matches nothing in the policy; the message lists the valid keys."""

    def __init__(self, kind: str, value: object, valid_keys: Iterable[str]) -> None:
        self.kind = kind
        self.value = value
        self.valid_keys = tuple(valid_keys)
        super().__init__(f"Unknown {kind} {value!r}. Valid keys: {', '.join(self.valid_keys)}.")

    def __reduce__(self):  # keeps the exception picklable across worker threads/processes
        return (type(self), (self.kind, self.value, self.valid_keys))


class _Keyed(Protocol):
    key: str


T = TypeVar("T", bound=_Keyed)


def normalise(text: str) -> str:
    """Fold a typed name to its letters and digits, so "X / Twitter", "x_twitter" and
    "https://www.twitter.com/" compare by what the user meant, not by punctuation."""
    folded = text.strip().casefold()
    for prefix in ("https://", "http://"):
        folded = folded.removeprefix(prefix)
    folded = folded.removeprefix("www.")
    return "".join(ch for ch in folded if ch.isalnum())


def by_key(items: Iterable[T]) -> dict[str, T]:
    table: dict[str, T] = {}
    for item in items:
        if item.key in table:
            raise ValueError(f"duplicate key {item.key!r}")
        table[item.key] = item
    return table


def name_index(
    kind: str, items: Iterable[T], labels: Mapping[str, str], aliases: Mapping[str, str]
) -> dict[str, T]:
    """Map every normalised key, label and alias to its item.

    Args:
        kind: what the items are, for error messages.
        items: the items, each with a ``key``.
        labels: item key -> label.
        aliases: extra spelling -> item key.

    Raises:
        ValueError: if two items would share a spelling; this is a programming error
            caught by the tests, not something a user can trigger.
    """
    table = by_key(items)
    index: dict[str, T] = {}

    def add(name: str, item: T) -> None:
        norm = normalise(name)
        if norm in index and index[norm] is not item:
            raise ValueError(f"{kind} spelling {name!r} is ambiguous")
        index[norm] = item

    for key, item in table.items():
        add(key, item)
        add(labels[key], item)
    for alias, key in aliases.items():
        add(alias, table[key])
    return index


def get(kind: str, table: Mapping[str, T], key: str) -> T:
    try:
        return table[key]
    except (KeyError, TypeError):
        raise UnknownPolicyKey(kind, key, table) from None


def parse(kind: str, index: Mapping[str, T], valid_keys: Iterable[str], text: str) -> T:
    found = index.get(normalise(text)) if isinstance(text, str) else None
    if found is None:
        raise UnknownPolicyKey(kind, text, valid_keys)
    return found
