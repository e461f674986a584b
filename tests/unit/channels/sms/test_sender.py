"""The SMS sender against a local RingCentral: JWT login, one request per part, failures."""

from __future__ import annotations

import pytest

from shared.channels import outbound
from shared.channels.outbound import OutboundMessage
from shared.channels.sms import sender
from shared.conversation import store as threads
from shared.platform.errors import BadRequest, Unavailable
from shared.platform.services import Platform
from tests.support.fake_ringcentral import BUSINESS_NUMBER, SMS_PATH, FakeRingCentral

CUSTOMER = "+12135550142"


def _message(platform: Platform, text: str, author: str = "ai") -> OutboundMessage:
    thread = threads.open_thread(
        platform.store, channel="sms", handle=CUSTOMER, customer_id=None, now=platform.clock.now()
    )
    stored = threads.append(
        platform.store, thread.id, author=author, text=text, now=platform.clock.now()
    )  # type: ignore[arg-type]
    assert stored is not None
    return OutboundMessage(
        channel="sms", to=CUSTOMER, text=text, thread_id=thread.id, message_id=stored.id
    )


def test_each_part_is_one_sms_from_the_business_number(live: Platform, rc: FakeRingCentral) -> None:
    message = _message(live, "Our chef brings the grill, the food and the show. " * 8)
    result = outbound.deliver(live, message)
    assert result.status == "sent" and result.parts == 2
    assert [t["text"] for t in rc.texts] == sender.format(message)
    assert all(t["from"] == {"phoneNumber": BUSINESS_NUMBER} for t in rc.texts)
    assert all(t["to"] == [{"phoneNumber": CUSTOMER}] for t in rc.texts)
    assert result.provider_id == "9001,9002"


def test_logs_in_once_with_the_jwt_and_reuses_the_token(
    live: Platform, rc: FakeRingCentral
) -> None:
    for text in ("first", "second", "third"):
        outbound.deliver(live, _message(live, text))
    assert len(rc.requests_to("POST", "/restapi/oauth/token")) == 1
    tokens = {r.headers["authorization"] for r in rc.requests_to("POST", SMS_PATH)}
    assert tokens == {"bearer rc-access-1"}


def test_a_retry_sends_only_the_parts_still_missing(live: Platform, rc: FakeRingCentral) -> None:
    message = _message(live, "Our chef brings the grill, the food and the show. " * 8)
    parts = sender.format(message)
    rc.sms_failures.extend([None, 503])  # the first part goes out, the second fails once
    with pytest.raises(Unavailable):
        sender.send(live, message, parts)
    assert sender.send(live, message, parts) == "9001,9002"  # the retry
    assert sender.send(live, message, parts) == "9001,9002"  # a redelivery: nothing new
    assert [t["text"] for t in rc.texts] == parts


@pytest.mark.parametrize(
    ("status", "error", "code"),
    [
        (500, Unavailable, "ringcentral_unavailable"),
        (503, Unavailable, "ringcentral_unavailable"),
        (429, Unavailable, "ringcentral_unavailable"),
        (400, BadRequest, "ringcentral_rejected"),
    ],
)
def test_failures_are_sorted_for_retry_and_name_no_secret(
    live: Platform, rc: FakeRingCentral, status: int, error: type[Exception], code: str
) -> None:
    rc.sms_failures.append(status)
    message = _message(live, "hello")
    with pytest.raises(error) as raised:
        sender.send(live, message, ["hello"])
    assert raised.value.code == code  # type: ignore[attr-defined]
    text = str(raised.value) + repr(raised.value.__dict__)
    for secret in ("rc-access", "rc-jwt-assertion", "rc-client-secret", "Basic "):
        assert secret not in text


def test_an_unreachable_server_is_retryable(live: Platform, rc: FakeRingCentral) -> None:
    live.settings = live.settings.model_copy(
        update={"ringcentral_server_url": "http://127.0.0.1:9"}
    )
    with pytest.raises(Unavailable) as raised:
        sender.send(live, _message(live, "hello"), ["hello"])
    assert raised.value.code == "ringcentral_unreachable"


def test_no_business_number_is_a_configuration_error(live: Platform) -> None:
    live.settings = live.settings.model_copy(update={"sms_from_number": None})
    with pytest.raises(Unavailable) as raised:
        sender.send(live, _message(live, "hello"), ["hello"])
    assert raised.value.code == "sms_not_configured"
