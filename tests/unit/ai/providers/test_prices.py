"""Cost = tokens x the model's list price; local models are free; unknown models warn once."""

from __future__ import annotations

import logging

import pytest

from shared.ai.providers.prices import price_table, priced_usage


def test_cost_is_tokens_times_the_price_per_million() -> None:
    usage = priced_usage("openai", "gpt-4o-mini", 1_000_000, 2_000_000)

    assert (usage.input_tokens, usage.output_tokens) == (1_000_000, 2_000_000)
    assert usage.cost_usd == pytest.approx(0.15 + 2 * 0.60)


def test_usage_adds_up_across_a_turn() -> None:
    one = priced_usage("anthropic", "claude-haiku-4-5", 1000, 100)

    total = one + one

    assert (total.input_tokens, total.output_tokens) == (2000, 200)
    assert total.cost_usd == pytest.approx(2 * (1000 * 1.0 + 100 * 5.0) / 1e6)


def test_local_models_are_free_without_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        usage = priced_usage("ollama", "qwen-local-only", 5000, 500)

    assert usage.cost_usd == 0.0
    assert caplog.records == []


def test_an_unknown_model_costs_nothing_and_warns_once(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        first = priced_usage("openai", "gpt-unpriced-test", 100, 10)
        second = priced_usage("openai", "gpt-unpriced-test", 100, 10)

    assert first.cost_usd == second.cost_usd == 0.0
    warnings = [r for r in caplog.records if "gpt-unpriced-test" in r.getMessage()]
    assert len(warnings) == 1


def test_the_usual_cascade_models_have_sane_prices() -> None:
    table = price_table()
    for model in ("gpt-4o-mini", "claude-haiku-4-5", "mistral-small-latest", "gemini-2.0-flash"):
        price = table.models[model]
        assert 0 < price.input_per_m <= price.output_per_m < 100, model
