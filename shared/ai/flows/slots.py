"""Applying slot commands to the dialogue state: values checked and normalised per slot
(price-book keys for proteins and add-ons, ISO dates, 24-hour times), set merges,
correct replaces, clear removes. A value that does not fit its slot is dropped, never
guessed into shape.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from shared.ai import commands as c
from shared.conversation.state import DialogueState, Source
from shared.pricing.models import PriceBook

_ZIP = re.compile(r"^\d{5}$")
_MERGED = ("proteins", "addons", "dietary")


def _count(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and value >= 0 and int(value) == value:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _proteins(value: Any, book: PriceBook) -> dict[str, int | None] | None:
    if not isinstance(value, dict):
        return None
    out: dict[str, int | None] = {}
    for name, portions in value.items():
        key = book.protein_key(str(name)) or (str(name) if str(name) in book.proteins else None)
        if key is None:
            continue
        out[key] = None if portions is None else _count(portions)
    return out


def _addons(value: Any, book: PriceBook) -> list[str] | None:
    if not isinstance(value, list):
        return None
    keys = {book.addon_key(str(v)) or (str(v) if str(v) in book.addons else None) for v in value}
    return sorted(k for k in keys if k)


def _text(value: Any, limit: int = 300) -> str | None:
    return value.strip()[:limit] if isinstance(value, str) and value.strip() else None


def normalise(slot: str, value: Any, book: PriceBook) -> Any:
    """The slot's canonical value, or None when `value` does not fit it."""
    if slot in ("adults", "children", "toddlers"):
        return _count(value)
    if slot == "third_protein_portions":
        return value if value is None else _count(value)
    if slot == "children_ages":
        ages = [_count(v) for v in value] if isinstance(value, list) else []
        return [a for a in ages if a is not None] or None
    if slot == "event_date":
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            return None
    if slot == "start_time":
        try:
            return time.fromisoformat(str(value)).strftime("%H:%M")
        except ValueError:
            return None
    if slot == "zipcode":
        return str(value) if _ZIP.match(str(value)) else None
    if slot == "proteins":
        return _proteins(value, book)
    if slot == "addons":
        return _addons(value, book)
    if slot == "dietary":
        return sorted({str(v) for v in value}) if isinstance(value, list) else None
    if slot == "phone":
        return _phone(value)
    return _text(value)


def _phone(value: Any) -> str | None:
    from shared.customers import identity

    text = _text(value, 40)
    if text is None:
        return None
    try:
        return identity.normalise_phone(text, "phone")
    except Exception:
        return None


def _ages_to_counts(state: DialogueState, ages: list[int], source: Source, msg: str | None) -> None:
    """Ages stated without counts: 6-12 are children, 5 and under toddlers."""
    if not state.has("children") and not state.has("toddlers"):
        state.put("children", sum(1 for a in ages if 6 <= a <= 12), source=source, message_id=msg)
        state.put("toddlers", sum(1 for a in ages if a <= 5), source=source, message_id=msg)


def apply(
    state: DialogueState,
    command: c.SetSlot | c.CorrectSlot | c.ClearSlot,
    book: PriceBook,
    *,
    source: Source,
    message_id: str | None,
) -> str | None:
    """Apply one slot command; the slot's name when it changed, else None."""
    slot = command.slot
    if isinstance(command, c.ClearSlot):
        if command.item is None:
            changed = slot in state.slots
            state.drop(slot)
            return slot if changed else None
        current = state.get(slot)
        if isinstance(current, dict) and command.item in current:
            state.put(
                slot,
                {k: v for k, v in current.items() if k != command.item},
                source=source,
                message_id=message_id,
                corrected=True,
            )
            return slot
        if isinstance(current, list) and command.item in current:
            state.put(
                slot,
                [v for v in current if v != command.item],
                source=source,
                message_id=message_id,
                corrected=True,
            )
            return slot
        return None
    value = normalise(slot, command.value, book)
    if value is None and not (slot == "third_protein_portions" and command.value is None):
        return None
    correcting = isinstance(command, c.CorrectSlot)
    current = state.get(slot)
    if slot in _MERGED and not correcting and current:
        value = current | value if isinstance(value, dict) else sorted(set(current) | set(value))
    if slot in state.slots and current == value:
        return None
    state.put(slot, value, source=source, message_id=message_id, corrected=correcting)
    if slot == "children_ages":
        _ages_to_counts(state, value, source, message_id)
    return slot
