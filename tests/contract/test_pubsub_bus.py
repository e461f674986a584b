"""PubSubEventBus against the official Pub/Sub emulator.

Besides publishing, this proves the local dispatcher's envelope (`envelope.push_body`) is
the one a real push subscription delivers: the emulator pushes to a loopback server here
and the captured body is compared with ours field by field.
"""

from __future__ import annotations

import base64
import json
import queue
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from shared.platform.events import envelope
from shared.platform.events.pubsub import PublishFailed, PubSubEventBus
from tests.support.emulators import Emulator
from tests.support.fake_google_rest import (
    FakeGoogleRest,
    RecordedRequest,
    Reply,
    google_cloud_modules_after_import,
)

PAYLOAD = {"booking_id": "bk_42", "guests": 12, "note": "señor 🍤", "tags": ["vip"]}
ATTRIBUTES = {"event_type": "booking.confirmed", "schema_version": "1"}
ORDERING_KEY = "booking-bk_42"
WAIT_S = 30.0


@dataclass
class EmulatorAdmin:
    """Topic and subscription plumbing with the plain SDK clients, so only publishing
    goes through the adapter under test."""

    project: str
    publisher: Any
    subscriber: Any

    def topic(self) -> str:
        """A fresh topic per test: the emulator lives for the whole session."""
        name = f"t-{uuid.uuid4().hex[:12]}"
        self.publisher.create_topic(name=f"projects/{self.project}/topics/{name}")
        return name

    def subscription(self, topic: str, push_endpoint: str | None = None) -> str:
        path = f"projects/{self.project}/subscriptions/s-{uuid.uuid4().hex[:12]}"
        request: dict[str, Any] = {
            "name": path,
            "topic": f"projects/{self.project}/topics/{topic}",
            "enable_message_ordering": True,
        }
        if push_endpoint:
            request["push_config"] = {"push_endpoint": push_endpoint}
        self.subscriber.create_subscription(request=request)
        return path

    def pull_one(self, subscription: str) -> Any:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            response = self.subscriber.pull(
                request={"subscription": subscription, "max_messages": 1}, timeout=WAIT_S
            )
            if response.received_messages:
                [received] = response.received_messages
                self.subscriber.acknowledge(
                    request={"subscription": subscription, "ack_ids": [received.ack_id]}
                )
                return received.message
        raise AssertionError(f"nothing arrived on {subscription} within {WAIT_S}s")


@pytest.fixture
def admin(pubsub_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[EmulatorAdmin]:
    monkeypatch.setenv("PUBSUB_EMULATOR_HOST", pubsub_emulator.host)
    from google.cloud.pubsub_v1 import PublisherClient, SubscriberClient

    subscriber = SubscriberClient()
    yield EmulatorAdmin(pubsub_emulator.project, PublisherClient(), subscriber)
    subscriber.close()


@pytest.fixture
def bus(admin: EmulatorAdmin) -> PubSubEventBus:
    """Builds its own publisher (lazily, with ordering on) from the emulator env var."""
    return PubSubEventBus(admin.project, timeout_s=WAIT_S)


@pytest.mark.emulator
def test_published_message_arrives_intact_on_a_pull_subscription(
    admin: EmulatorAdmin, bus: PubSubEventBus
) -> None:
    topic = admin.topic()
    subscription = admin.subscription(topic)

    message_id = bus.publish(topic, PAYLOAD, ATTRIBUTES, ordering_key=ORDERING_KEY)
    message = admin.pull_one(subscription)

    assert message.message_id == message_id
    assert json.loads(message.data) == PAYLOAD
    assert message.data == base64.b64decode(envelope.encode_data(PAYLOAD))
    assert dict(message.attributes) == ATTRIBUTES
    assert message.ordering_key == ORDERING_KEY

    # The JSON shape of a pulled message is what a Pub/Sub CloudEvent carries as `message`.
    as_json = json.loads(type(message).to_json(message))
    event = envelope.decode_message(as_json)
    assert (event.message_id, event.payload, event.attributes, event.ordering_key) == (
        message_id,
        PAYLOAD,
        ATTRIBUTES,
        ORDERING_KEY,
    )
    assert event.publish_time is not None


@pytest.mark.emulator
@pytest.mark.parametrize("ordering_key", [None, ORDERING_KEY])
def test_push_subscription_delivers_the_envelope_the_local_dispatcher_builds(
    admin: EmulatorAdmin, bus: PubSubEventBus, ordering_key: str | None
) -> None:
    pushed: queue.Queue[dict[str, Any]] = queue.Queue()

    def receive(request: RecordedRequest, _: re.Match[str]) -> Reply:
        pushed.put(request.json())
        return 200, {}

    endpoint = FakeGoogleRest()
    endpoint.route("POST", "/push", receive)
    with endpoint.running():
        topic = admin.topic()
        subscription = admin.subscription(topic, push_endpoint=f"{endpoint.endpoint}/push")
        message_id = bus.publish(topic, PAYLOAD, ATTRIBUTES, ordering_key=ordering_key)
        body = pushed.get(timeout=WAIT_S)

    published = envelope.decode_message(body["message"]).publish_time
    assert published is not None
    ours = envelope.push_body(
        message_id=message_id,
        payload=PAYLOAD,
        attributes=ATTRIBUTES,
        subscription=subscription,
        publish_time=published,
        ordering_key=ordering_key,
    )
    # The emulator leaves `orderingKey` out of push bodies, though pull delivers it (test
    # above). Pub/Sub pushes the PubsubMessage JSON form, which carries it, as ours does.
    # If a newer emulator sends it, the key comparison below fails: then drop this line.
    ours["message"].pop("orderingKey", None)

    assert body.keys() == ours.keys()
    assert body["subscription"] == subscription
    assert body["message"].keys() == ours["message"].keys()
    for same in ("data", "attributes", "messageId", "message_id"):
        assert body["message"][same] == ours["message"][same]
    assert json.loads(base64.b64decode(body["message"]["data"])) == PAYLOAD
    assert envelope.decode_message(body["message"]) == envelope.decode_message(ours["message"])


@pytest.mark.emulator
def test_failure_names_the_topic_and_does_not_leave_the_ordering_key_paused(
    admin: EmulatorAdmin, bus: PubSubEventBus
) -> None:
    topic = f"t-missing-{uuid.uuid4().hex[:12]}"
    with pytest.raises(PublishFailed) as caught:
        bus.publish(topic, PAYLOAD, ordering_key=ORDERING_KEY)
    assert caught.value.topic == topic
    assert caught.value.status == 503

    admin.publisher.create_topic(name=f"projects/{admin.project}/topics/{topic}")
    assert bus.publish(topic, PAYLOAD, ordering_key=ORDERING_KEY)


def test_attributes_named_like_sdk_parameters_are_rejected() -> None:
    with pytest.raises(ValueError, match="reserved"):
        PubSubEventBus("p", publisher=object()).publish("t", PAYLOAD, {"timeout": "5"})


def test_module_import_does_not_load_the_sdk() -> None:
    assert google_cloud_modules_after_import("shared.platform.events.pubsub") == []
