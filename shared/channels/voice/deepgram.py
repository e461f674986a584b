"""Deepgram pre-recorded transcription over its REST API (`POST /v1/listen`, audio bytes).

Plain HTTPS from the standard library: one request needs no SDK. The key travels only in
the Authorization header. Throttling, 5xx and network failures raise `Unavailable` (the
`voice` task retries); other refusals raise `BadRequest` (dead-lettered for staff).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from shared.platform.errors import BadRequest, Unavailable
from shared.platform.secrets import SecretNotFound
from shared.platform.services import Platform

API_KEY = "deepgram-api-key"
TIMEOUT_S = 300.0  # long calls take a while to transcribe


def transcribe(platform: Platform, audio: bytes, content_type: str) -> str:
    """The transcript of the first channel's best alternative ("" when nobody spoke)."""
    try:
        key = platform.secrets.get(API_KEY)
    except SecretNotFound:
        raise Unavailable("deepgram_not_configured", f"secret {API_KEY} is not set") from None
    settings = platform.settings
    query = urllib.parse.urlencode(
        {"model": settings.deepgram_model, "smart_format": "true", "punctuate": "true"}
    )
    request = urllib.request.Request(
        f"{settings.deepgram_base_url.rstrip('/')}/v1/listen?{query}",
        data=audio,
        method="POST",
        headers={"Authorization": f"Token {key}", "Content-Type": content_type},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            answer: dict[str, Any] = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        detail = f"Deepgram answered HTTP {exc.code}"
        if exc.code == 429 or exc.code >= 500:
            raise Unavailable("deepgram_unavailable", detail) from None
        raise BadRequest("deepgram_rejected", detail) from None
    except (OSError, ValueError) as exc:  # URLError, timeouts, resets, a non-JSON answer
        raise Unavailable("deepgram_unreachable", f"Deepgram: {type(exc).__name__}") from None
    channels = (answer.get("results") or {}).get("channels") or [{}]
    alternatives = channels[0].get("alternatives") or [{}]
    return str(alternatives[0].get("transcript") or "").strip()
