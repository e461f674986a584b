"""Deepgram pre-recorded transcription through the official SDK (`deepgram-sdk`).

The SDK is imported on the first recording, not with the module, so other functions do
not pay for it. Its own retries are off: the `voice` task queue owns retries, so a
throttled or failing Deepgram raises `Unavailable` (retried with backoff) and any other
refusal raises `BadRequest` (dead-lettered for staff). The key travels only in the SDK's
Authorization header and never reaches an error message.
"""

from __future__ import annotations

from typing import Any

from shared.platform.errors import BadRequest, Unavailable
from shared.platform.secrets import SecretNotFound
from shared.platform.services import Platform

API_KEY = "deepgram-api-key"
TIMEOUT_S = 300.0  # long calls take a while to transcribe


def transcribe(platform: Platform, audio: bytes, content_type: str) -> str:
    """The transcript of the first channel's best alternative ("" when nobody spoke)."""
    import httpx
    from deepgram.core.api_error import ApiError

    try:
        key = platform.secrets.get(API_KEY)
    except SecretNotFound:
        raise Unavailable("deepgram_not_configured", f"secret {API_KEY} is not set") from None
    try:
        answer = _client(key, platform.settings.deepgram_base_url).listen.v1.media.transcribe_file(
            request=audio,
            model=platform.settings.deepgram_model,
            smart_format=True,
            punctuate=True,
            request_options={
                "max_retries": 0,
                "timeout": TIMEOUT_S,
                "additional_headers": {"Content-Type": content_type},
            },
        )
    except ApiError as exc:
        detail = f"Deepgram answered HTTP {exc.status_code}"
        if exc.status_code is None or exc.status_code == 429 or exc.status_code >= 500:
            raise Unavailable("deepgram_unavailable", detail) from None
        raise BadRequest("deepgram_rejected", detail) from None
    except (httpx.HTTPError, OSError, ValueError) as exc:  # network, timeouts, non-JSON
        raise Unavailable("deepgram_unreachable", f"Deepgram: {type(exc).__name__}") from None
    return _best_transcript(answer)


def _client(key: str, base_url: str) -> Any:
    from deepgram import DeepgramClient
    from deepgram.environment import DeepgramClientEnvironment

    production = DeepgramClientEnvironment.PRODUCTION
    environment = DeepgramClientEnvironment(
        base=base_url.rstrip("/"),
        production=production.production,
        agent=production.agent,
        agent_rest=production.agent_rest,
    )
    return DeepgramClient(api_key=key, environment=environment)


def _best_transcript(answer: Any) -> str:
    channels = getattr(getattr(answer, "results", None), "channels", None) or [None]
    alternatives = getattr(channels[0], "alternatives", None) or [None]
    return str(getattr(alternatives[0], "transcript", None) or "").strip()
