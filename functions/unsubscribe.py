"""GET /unsubscribe?token=: the confirm page; POST: unsubscribe (one-click, RFC 8058)."""

from shared.marketing.unsubscribe import UnsubscribeQuery, confirm_page, unsubscribe
from shared.platform.http import HttpCall, Reply

HTML = {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"}


def handle(call: HttpCall) -> Reply:
    token = call.query(UnsubscribeQuery).token
    if call.method == "GET":
        return Reply(confirm_page(call.platform, token), headers=HTML)
    return Reply(unsubscribe(call.platform, token), headers=HTML)
