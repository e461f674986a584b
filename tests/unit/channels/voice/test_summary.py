from __future__ import annotations

from shared.channels.voice.summary import MAX_CHARS, summarise


def test_first_two_sentences_and_the_intent() -> None:
    text = "Hi, this is Dana. I'd like a quote for 20 people. We're in 90012. Thanks!"
    assert summarise(text, agent="lead", emotion="happy") == (
        "Hi, this is Dana. I'd like a quote for 20 people. (intent: lead; mood: happy)"
    )


def test_long_rambling_speech_is_cut_at_a_word() -> None:
    summary = summarise("so um " * 100, agent=None, emotion="neutral")
    gist, labels = summary.rsplit(" (", 1)
    assert len(gist) <= MAX_CHARS and gist.endswith("...")
    assert labels == "intent: unknown)"
