"""Segment counting (GSM-7 vs UCS-2, extension characters) and the split rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.channels.sms.segments import (
    ELLIPSIS,
    MAX_PARTS,
    SegmentCount,
    count,
    encoding_of,
    fits,
    split,
)


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),  # extension characters cost two septets
        ("€" * 81, "GSM-7", 162, 2),
        ("a" * 159 + "[", "GSM-7", 161, 2),
        ("a" * 158 + "]", "GSM-7", 160, 1),
        ("{}\\^~|", "GSM-7", 12, 1),
        ("Café crème à 6 heures, Ñandù Ö", "GSM-7", 30, 1),  # é è à Ñ ù Ö are in GSM 03.38
        ("Ñandú", "UCS-2", 5, 1),  # ú is not
        ("á" * 70, "UCS-2", 70, 1),  # á is not: the whole text goes UCS-2
        ("á" * 71, "UCS-2", 71, 2),
        ("á" * 134, "UCS-2", 134, 2),
        ("á" * 135, "UCS-2", 135, 3),
        ("😀" * 35, "UCS-2", 70, 1),  # outside the BMP: two UTF-16 code units each
        ("😀" * 36, "UCS-2", 72, 2),
    ],
)
def test_count(text: str, encoding: str, units: int, segments: int) -> None:
    assert count(text) == SegmentCount(encoding, units, segments)  # type: ignore[arg-type]


def test_one_emoji_makes_a_reply_ucs2() -> None:
    text = "See you on Dec 5 at 6pm! " * 3
    assert encoding_of(text) == "GSM-7"
    assert encoding_of(text + "🎉") == "UCS-2"
    assert count(text + "🎉").segments == 2  # 77 units: over 70


def test_a_character_is_never_split_across_segments() -> None:
    # 152 + 2 + 152 = 306 septets would be two full segments, but the € cannot straddle
    # the boundary: it opens the second segment, and the last "a" needs a third.
    assert count("a" * 152 + "€" + "a" * 152).segments == 3
    # A surrogate pair likewise: 66 units, then the emoji (2) does not fit in 67.
    assert count("á" * 66 + "😀" + "á" * 66).segments == 3


def test_a_short_reply_is_one_part() -> None:
    assert split("  Thanks! See you soon.  ") == ["Thanks! See you soon."]


def test_long_reply_splits_after_sentences_into_parts_of_two_segments() -> None:
    sentence = "Our chef brings the grill, the food and the show to your backyard. "
    parts = split(sentence * 7)  # about 470 characters
    assert len(parts) == 2
    assert all(fits(p) and count(p).segments <= 2 for p in parts)
    assert all(p.endswith(".") for p in parts)
    assert " ".join(parts).split() == (sentence * 7).split()


def test_without_sentence_ends_it_splits_between_words() -> None:
    text = " ".join(f"word{i}" for i in range(80))  # 469 characters, no full stop
    parts = split(text)
    assert len(parts) == 2 and all(fits(p) for p in parts)
    assert " ".join(parts).split() == text.split()  # no word cut in two


def test_a_single_long_word_is_cut_hard() -> None:
    parts = split("x" * 400)
    assert [len(p) for p in parts] == [306, 94]


def test_ucs2_parts_use_the_smaller_budget() -> None:
    text = "Nos vemos el sábado a las 6. " * 12  # á forces UCS-2: 134 units per part
    parts = split(text)
    assert all(count(p).encoding == "UCS-2" and count(p).segments <= 2 for p in parts)
    assert all(len(p) <= 134 for p in parts)


def test_each_part_is_encoded_on_its_own() -> None:
    text = "Plain words here. " * 30 + "Thanks 🎉"
    parts = split(text)
    assert [count(p).encoding for p in parts] == ["GSM-7"] * (len(parts) - 1) + ["UCS-2"]


def test_past_three_parts_the_last_stops_at_a_whole_sentence() -> None:
    sentence = "Each guest gets two proteins, fried rice, salad and veggies. "  # 61 chars
    parts = split(sentence * 20)
    assert len(parts) == MAX_PARTS
    assert all(fits(p) for p in parts)
    assert parts[-1].endswith("veggies.") and not parts[-1].endswith(ELLIPSIS)


def test_past_three_parts_without_sentences_it_ends_with_an_ellipsis() -> None:
    parts = split("word " * 400)
    assert len(parts) == MAX_PARTS and all(fits(p) for p in parts)
    assert parts[-1].endswith("word" + ELLIPSIS)


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé€😀.!?,", min_size=1, max_size=15)


@given(st.lists(WORD, min_size=1, max_size=120))
def test_split_keeps_every_word_and_fits(words: list[str]) -> None:
    text = " ".join(words)
    parts = split(text)
    assert 1 <= len(parts) <= MAX_PARTS
    assert all(p and fits(p) for p in parts)
    if not parts[-1].endswith(ELLIPSIS) and len(parts) < MAX_PARTS:
        assert "".join(parts).replace(" ", "") == text.replace(" ", "")
