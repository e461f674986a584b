"""POST /rate-reply {thread_id, session_id, reply_id, helpful}: the web widget's thumbs."""

from shared.learning.feedback import RatingAck, ReplyRating, rate
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> RatingAck:
    return rate(call.platform.store, call.body(ReplyRating), now=call.platform.clock.now())
