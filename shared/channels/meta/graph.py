"""A minimal Graph API client: one JSON POST with a bearer token, errors sorted for retries.

Throttling, 5xx and network failures raise `Unavailable` (503), so the outbound task retries
with backoff. Any other refusal raises `BadRequest` (`graph_rejected`), which dead-letters the
task at once for staff, since sending the same request again cannot succeed. The token travels
only in the Authorization header, never in a URL, an error or a log line.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from shared.platform.config import Settings
from shared.platform.errors import AppError, BadRequest, Unavailable

TIMEOUT_S = 15.0
# Graph error codes that mean "slow down" (application, user, page and WhatsApp rate limits).
_THROTTLED = {4, 17, 32, 613, 80007, 130429, 131048, 131056}


def url(settings: Settings, path: str) -> str:
    base = settings.meta_graph_base_url.rstrip("/")
    return f"{base}/{settings.meta_graph_version.strip('/')}/{path.lstrip('/')}"


def post(settings: Settings, path: str, token: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(
        url(settings, path),
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            answer: dict[str, Any] = json.loads(response.read() or b"{}")
            return answer
    except urllib.error.HTTPError as exc:
        raise _refusal(exc.code, exc.read(), token) from None
    except (OSError, ValueError) as exc:  # URLError, timeouts, resets, a non-JSON answer
        raise Unavailable("graph_unreachable", f"Graph API: {type(exc).__name__}") from None


def _refusal(status: int, body: bytes, token: str) -> AppError:
    try:
        error = json.loads(body).get("error") or {}
    except (ValueError, AttributeError):
        error = {}
    code = error.get("code")
    message = str(error.get("message") or "no error message").replace(token, "***")
    detail = f"Graph API {status}, code {code}: {message}"[:500]
    if status == 429 or status >= 500 or code in _THROTTLED:
        return Unavailable("graph_unavailable", detail)
    return BadRequest("graph_rejected", detail)
