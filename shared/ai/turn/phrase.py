"""Phrasing and validating the reply. The flows' template draft is the reply offline; an
LLM, when configured, may rephrase it (same facts, the house voice). Either way the
validator checks it: blocked once -> regenerated with the reasons; blocked again -> a
safe holding reply and a handoff to staff."""

from __future__ import annotations

from typing import Any

from shared.ai import validator
from shared.ai.providers.base import Message, Provider, ProviderError
from shared.ai.turn.work import Turn

HOLDING_REPLY = (
    "Thanks for your message! I want to get this exactly right, so I've passed it to our team "
    "and a person will get back to you shortly."
)
_LANGUAGES = {"en": "English", "es": "Spanish"}
PHRASE_PROMPT = (
    "{rules}\n\nYour role ({agent}): {instructions}\n\nRewrite the draft reply below for "
    "the customer in {language}, in a {tone} voice. Keep every amount, date, time, link, "
    "booking id and question exactly; add no facts, prices or promises.\nDraft: {draft}"
)


def _rephrase(
    llm: Provider, turn: Turn, draft: str, history: list[Message], agent: str, note: str | None
) -> str | None:
    """The house rules, the agent's prompt and tone come from the turn's AI configuration."""
    spec = turn.config.agent(agent)
    system = PHRASE_PROMPT.format(
        rules=turn.config.house_rules,
        agent=agent,
        instructions=spec.instructions,
        language=_LANGUAGES[turn.state.language],
        tone=spec.tone,
        draft=draft,
    )
    messages = [Message("system", system), *history[-6:]]
    if note:
        messages.append(Message("system", note))
    try:
        completion = llm.complete(messages, (), temperature=0.3)
    except ProviderError:
        return None
    turn.usage += completion.usage
    return completion.text.strip() or None


def _check(turn: Turn, text: str, agent: str) -> validator.Verdict:
    return validator.check(
        text,
        evidence=turn.evidence,
        book_amounts=turn.book_amounts,
        channel=turn.thread.channel,
        agent=agent,
    )


def _retry_note(verdict: validator.Verdict) -> str:
    reasons = "; ".join(p.detail for p in verdict.problems)
    return (
        f"Your last reply was blocked: {reasons}. Rewrite it. State only amounts returned by "
        "tools in this conversation, and only claim a booking a tool confirmed."
    )


def trim(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return cut[: end + 1] if end > limit // 2 else cut.rstrip() + "…"


def final_reply(
    turn: Turn,
    draft: str,
    *,
    agent: str,
    llm: Provider | None,
    history: list[Message],
    trace: dict[str, Any],
) -> str:
    """The reply to send (validated), or the holding reply with an escalation."""
    text = (llm and _rephrase(llm, turn, draft, history, agent, None)) or draft
    verdict = _check(turn, text, agent)
    if not verdict.ok and any(p.code != "too_long" for p in verdict.problems):
        trace["blocked"] = [vars(p) for p in verdict.problems]
        again = llm and _rephrase(llm, turn, draft, history, agent, _retry_note(verdict))
        verdict = _check(turn, again or draft, agent)
    if verdict.ok:
        return verdict.text
    if all(p.code == "too_long" for p in verdict.problems):
        return trim(verdict.text, validator.CHANNEL_LIMITS.get(turn.thread.channel, 1500))
    trace["blocked_again"] = [vars(p) for p in verdict.problems]
    turn.ctx.state["escalate"] = {"reason": "validator_blocked", "priority": "normal"}
    return HOLDING_REPLY
