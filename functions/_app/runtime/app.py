"""One WSGI app serving every manifest function at /<name> with functions-framework.

Each function gets the very app functions-framework builds in production (same request
object, same CloudEvent conversion of Pub/Sub push bodies); a router mounts them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from werkzeug.test import Client
from werkzeug.wrappers import Request, Response

from functions._app.entry import INTERNAL_ENVIRON_KEY
from functions._app.runtime import devpay
from functions._app.runtime.admission import Admission, admitted
from functions.manifest import FUNCTIONS, Function

MAIN = Path(__file__).resolve().parents[3] / "main.py"


def _function_app(spec: Function) -> Any:
    import functions_framework

    # Every entry point registers as HTTP (Pub/Sub pushes are decoded by the entry itself).
    return functions_framework.create_app(
        target=spec.entry_point, source=str(MAIN), signature_type="http"
    )


def describe(base_url: str) -> list[dict[str, str]]:
    return [
        {
            "name": f.name,
            "url": f"{base_url}/{f.name}",
            "trigger": getattr(f.trigger, "access", f.trigger.kind),
            "summary": f.summary,
        }
        for f in FUNCTIONS
    ]


class FunctionRouter:
    """Routes /<name>/rest to that function's app as /rest, as Cloud Functions does, each
    function admitting as many requests at once as its manifest row says."""

    def __init__(self, index: Any, apps: dict[str, Any]) -> None:
        self._index = index
        self._apps = apps
        self.gates = {f.name: Admission(f.request_concurrency) for f in FUNCTIONS if f.name in apps}

    def mount(self, name: str, app: Any) -> None:
        """A dev-only app (no manifest row, no admission limit)."""
        self._apps[name] = app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        name, _, rest = environ.get("PATH_INFO", "").lstrip("/").partition("/")
        app = self._apps.get(name)
        if app is None:
            return self._index(environ, start_response)
        environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + "/" + name
        environ["PATH_INFO"] = "/" + rest
        gate = self.gates.get(name)
        if gate is None:
            return app(environ, start_response)
        return admitted(gate, app, environ, start_response)


def build_app(base_url: str) -> FunctionRouter:
    @Request.application
    def index(request: Request) -> Response:
        if request.path != "/":
            return Response(
                json.dumps({"code": "not_found", "detail": f"no function at {request.path}"}),
                status=404,
                mimetype="application/problem+json",
            )
        body = {"functions": describe(base_url)}
        return Response(json.dumps(body, indent=2), mimetype="application/json")

    router = FunctionRouter(index, {f.name: _function_app(f) for f in FUNCTIONS})
    router.mount(devpay.MOUNT, devpay.DevPayApp(router))  # the offline pay page; never deployed
    return router


class InProcessDeliverer:
    """POSTs tasks and push deliveries straight into the WSGI app, marked as internal."""

    def __init__(self, app: Any) -> None:
        self._app = app

    def __call__(self, target: str, body: bytes, headers: dict[str, str]) -> int:
        response = Client(self._app).post(
            f"/{target}",
            data=body,
            headers=headers,
            environ_overrides={INTERNAL_ENVIRON_KEY: True},
        )
        return int(response.status_code)
