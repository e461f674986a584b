"""POST /rate-reply {thread_id, session_id, reply_id, helpful}: the web widget's thumbs."""

from shared.learning.feedback import RatingAck, ReplyRating, rate
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> RatingAck:
    platform = call.platform
    return rate(platform.store, platform.bus, call.body(ReplyRating), now=platform.clock.now())
