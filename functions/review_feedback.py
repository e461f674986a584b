"""POST /review-feedback {booking_id, token, rating, comment?}: the private feedback form."""

from shared.growth.reviews import FeedbackAck, FeedbackRequest, record_feedback
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> FeedbackAck:
    return record_feedback(call.platform, call.body(FeedbackRequest))
