"""A first draft of a campaign text: the LLM cascade's when one is configured, else the
holiday template. Either way it is only a draft: staff edit it, preview it and an approver
approves it before anything is sent (`campaigns`).

An LLM draft is kept only if it passes the same checks as a typed text (known placeholders,
GSM-7, one segment for the longest name, with the opt-out notice); otherwise the template
is used, so a model that ignores the brief costs nothing but the call.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from shared.ai.providers.base import LLM_TIERS, Message, ProviderError
from shared.customers.consent import MarketingChannel
from shared.marketing import templates
from shared.platform.errors import AppError, ValidationFailed
from shared.platform.log import get_logger
from shared.platform.services import Platform

log = get_logger(__name__)

PROMPT = (
    "You write one marketing text message for MyHibachi, a private hibachi chef that cooks"
    " at customers' homes. Occasion: {occasion}. Notes from staff: {brief}. Rules: at most"
    " 110 characters; plain ASCII, no emoji; start with 'Hi {{first_name}}!'; end with a"
    " call to action such as 'Reply to book.'; no prices, no dates, no promises of"
    " availability. Answer with the text only."
)


@dataclass(frozen=True)
class Draft:
    text: str
    source: Literal["template", "llm"]


def usable(text: str, channel: MarketingChannel) -> bool:
    """Would this text pass as written (placeholders, and for SMS one GSM-7 segment)?"""
    try:
        templates.check(text)
    except ValidationFailed:
        return False
    if channel == "email":
        return True
    count = templates.worst_case(text)
    return count.encoding == "GSM-7" and count.segments == 1


def draft(
    platform: Platform, *, holiday: str, channel: MarketingChannel, brief: str | None
) -> Draft:
    template = templates.HOLIDAYS_BY_KEY.get(holiday)
    if template is None:
        known = ", ".join(templates.HOLIDAYS_BY_KEY)
        raise ValidationFailed.single("holiday", f"unknown holiday; choose one of {known}")
    fallback = Draft(template.text, "template")
    provider = platform.adapter(LLM_TIERS)
    if provider is None:
        return fallback
    prompt = PROMPT.format(occasion=template.name, brief=(brief or "none")[:500])
    try:
        completion = provider.complete([Message(role="user", content=prompt)], max_tokens=120)
    except (ProviderError, AppError) as exc:
        log.warning("campaign draft from the LLM failed, using the template: %s", exc)
        return fallback
    text = " ".join(completion.text.strip().strip('"').split())
    return Draft(text, "llm") if text and usable(text, channel) else fallback
