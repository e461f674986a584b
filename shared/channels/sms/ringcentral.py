"""RingCentral REST calls through the official SDK (`ringcentral`), logged in with a JWT.

The SDK is imported on first use (cold starts stay light) and one logged-in SDK platform is
kept per process: the SDK refreshes its access token, and a fresh JWT login happens when
refreshing fails. Every request has a timeout (the SDK's own client has none).

Failures are sorted for the task queues: throttling, 5xx and network errors raise
`Unavailable` (503, retried with backoff); any other refusal raises `BadRequest`
(`ringcentral_rejected`, dead-lettered at once, as repeating it cannot succeed). Errors name
the HTTP status only: the SDK's own messages carry the request headers (the bearer token).
"""

from __future__ import annotations

import threading
from typing import Any

from shared.platform.errors import AppError, BadRequest, Unavailable
from shared.platform.secrets import SecretNotFound
from shared.platform.services import Platform, Port

CLIENT_ID = "ringcentral-client-id"
CLIENT_SECRET = "ringcentral-client-secret"
JWT = "ringcentral-jwt"
TIMEOUT_S = 30.0
SMS_PATH = "/restapi/v1.0/account/~/extension/~/sms"
_login_lock = threading.Lock()


class RingCentral:
    """A logged-in SDK platform; thread-safe enough for one function instance."""

    def __init__(self, sdk_platform: Any, jwt: str) -> None:
        self._sdk = sdk_platform
        self._jwt = jwt

    def post_json(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = self._call("post", path, body).json_dict()
        return answer

    def get_json(self, path: str) -> dict[str, Any]:
        answer: dict[str, Any] = self._call("get", path).json_dict()
        return answer

    def get_bytes(self, url: str) -> tuple[bytes, str]:
        """A binary resource (a recording's content) and its content type."""
        response = self._call("get", url).response()
        return response.content, response.headers.get("Content-Type", "application/octet-stream")

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        from ringcentral.http.api_exception import ApiException

        self._ensure_login()
        try:
            if method == "post":
                return self._sdk.post(path, body)
            return self._sdk.get(path)
        except ApiException as exc:
            raise _refusal(exc) from None

    def _ensure_login(self) -> None:
        from ringcentral.http.api_exception import ApiException

        with _login_lock:
            if self._sdk.logged_in():  # a valid access token, or one refreshed just now
                return
            try:
                self._sdk.login(jwt=self._jwt)
            except ApiException as exc:
                raise _refusal(exc) from None


RINGCENTRAL: Port[RingCentral] = Port("ringcentral")


def _refusal(exc: Exception) -> AppError:
    response = exc.api_response().response() if hasattr(exc, "api_response") else None
    status = getattr(response, "status_code", None)
    if status is None:
        return Unavailable("ringcentral_unreachable", "RingCentral could not be reached")
    detail, extra = f"RingCentral answered HTTP {status}", {"provider_status": status}
    if status == 429 or status >= 500:
        return Unavailable("ringcentral_unavailable", detail, extra=extra)
    return BadRequest("ringcentral_rejected", detail, extra=extra)


def build_client(platform: Platform) -> RingCentral:
    """The process's RingCentral client, served through the `RINGCENTRAL` port (the shell
    registers this; `platform.adapter` builds it once)."""
    try:
        client_id, secret, jwt = (
            platform.secrets.get(name) for name in (CLIENT_ID, CLIENT_SECRET, JWT)
        )
    except SecretNotFound as exc:
        raise Unavailable("ringcentral_not_configured", f"secret {exc} is not set") from None
    return RingCentral(
        _sdk_platform(platform.settings.ringcentral_server_url, client_id, secret), jwt
    )


def _sdk_platform(server_url: str, client_id: str, client_secret: str) -> Any:
    import requests
    from ringcentral.http.api_response import ApiResponse
    from ringcentral.http.client import Client
    from ringcentral.platform.platform import Platform as SdkPlatform

    class TimedClient(Client):
        """The SDK's client, with a timeout on every request."""

        def load_response(self, request: Any) -> Any:
            with requests.Session() as session:
                return ApiResponse(request, session.send(request, timeout=TIMEOUT_S))

    return SdkPlatform(
        TimedClient(),
        client_id,
        client_secret,
        server_url.rstrip("/"),
        name="myhibachi",
        version="1",
    )
