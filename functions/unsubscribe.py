"""GET /unsubscribe?token=: the confirm page; POST: unsubscribe (one-click, RFC 8058; the
token stays in the link's query, the body is `List-Unsubscribe=One-Click`)."""

from shared.marketing.unsubscribe import UnsubscribeQuery, confirm_page, unsubscribe
from shared.platform.http import HttpCall, Reply

HTML = {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"}


def handle(call: HttpCall) -> Reply:
    if call.method == "GET":
        return Reply(confirm_page(call.platform, call.query(UnsubscribeQuery).token), headers=HTML)
    return Reply(unsubscribe(call.platform, call.request.args.get("token")), headers=HTML)
