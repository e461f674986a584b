"""Replies split at sentence boundaries, never over the channel's limit, nothing lost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shared.channels.meta.split import split, utf8_size


def test_short_text_is_one_part() -> None:
    assert split("  Hello there!  ", 100) == ["Hello there!"]


def test_cuts_after_the_last_sentence_that_fits() -> None:
    text = "One two three. Four five six. Seven eight nine."
    assert split(text, 30) == ["One two three. Four five six.", "Seven eight nine."]


def test_line_breaks_are_boundaries_and_kept_inside_a_part() -> None:
    text = "Menu:\n- chicken\n- steak\nTotal is fine"
    assert split(text, 100) == [text]
    assert split(text, 16) == ["Menu:\n- chicken", "- steak", "Total is fine"]


def test_a_long_sentence_is_cut_between_words() -> None:
    assert split("aaa bbb ccc ddd", 8) == ["aaa bbb", "ccc ddd"]


def test_a_word_longer_than_the_limit_is_cut_hard() -> None:
    assert split("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_bytes_limit_counts_utf8() -> None:
    parts = split("é" * 10, 5, utf8_size)  # two bytes each
    assert parts == ["éé", "éé", "éé", "éé", "éé"]


_TEXT = st.text(alphabet=st.sampled_from([*"ab .!?\n", "é", "🍤"]), min_size=0, max_size=300)


@given(_TEXT, st.integers(min_value=4, max_value=60), st.booleans())
def test_parts_fit_and_keep_every_word(text: str, limit: int, in_bytes: bool) -> None:
    size = utf8_size if in_bytes else len
    parts = split(text, limit, size)
    assert all(part and part == part.strip() and size(part) <= limit for part in parts)
    assert "".join("".join(parts).split()) == "".join(text.split())
