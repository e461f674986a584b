"""GET /staff-console[/<file>]: the staff web app (HTML, JS modules, CSS, Chart.js); the
browser signs in with an admin token and calls the admin endpoints itself."""

from pathlib import Path

from shared.platform.http import HttpCall, Reply
from shared.platform.static import StaticSite

# The app's files; index.html links them as staff-console/<file> (see StaticSite).
SITE = StaticSite(Path(__file__).resolve().parent / "_app" / "console", prefix="staff-console")


def handle(call: HttpCall) -> Reply:
    return SITE.reply(call.request.path, call.request.headers.get("If-None-Match"))
