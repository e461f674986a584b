"""Deepgram's pre-recorded API from the transcriber's side, against a loopback fake."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from shared.channels.voice.deepgram import transcribe
from shared.platform.env_secrets import EnvSecrets
from shared.platform.errors import BadRequest, Unavailable
from shared.platform.services import Platform
from tests.support.fake_deepgram import API_KEY, SECRETS, FakeDeepgram

AUDIO = b"ID3-fake-mp3-bytes"


@pytest.fixture
def deepgram(platform: Platform) -> Iterator[FakeDeepgram]:
    with FakeDeepgram().running() as fake:
        platform.settings = platform.settings.model_copy(
            update={"deepgram_base_url": fake.base_url}
        )
        platform.secrets = EnvSecrets(environ=SECRETS)
        yield fake


def test_posts_the_audio_and_reads_the_best_transcript(
    platform: Platform, deepgram: FakeDeepgram
) -> None:
    deepgram.transcripts[AUDIO] = " Hi, I'd like a quote for 20 people. "
    assert transcribe(platform, AUDIO, "audio/mpeg") == "Hi, I'd like a quote for 20 people."
    [request] = deepgram.requests
    assert request.headers["authorization"] == f"Token {API_KEY}"
    assert request.headers["content-type"] == "audio/mpeg" and request.body == AUDIO
    assert request.query["model"] == ["nova-3"] and request.query["smart_format"] == ["true"]


def test_silence_is_an_empty_transcript(platform: Platform, deepgram: FakeDeepgram) -> None:
    deepgram.transcripts[AUDIO] = ""
    assert transcribe(platform, AUDIO, "audio/wav") == ""


@pytest.mark.parametrize(
    ("status", "error"), [(500, Unavailable), (429, Unavailable), (400, BadRequest)]
)
def test_failures_are_sorted_for_retry(
    platform: Platform, deepgram: FakeDeepgram, status: int, error: type[Exception]
) -> None:
    deepgram.failures.append(status)
    with pytest.raises(error) as raised:
        transcribe(platform, AUDIO, "audio/mpeg")
    assert API_KEY not in str(raised.value)


def test_a_missing_key_is_a_configuration_error(platform: Platform) -> None:
    platform.secrets = EnvSecrets(environ={})
    with pytest.raises(Unavailable) as raised:
        transcribe(platform, AUDIO, "audio/mpeg")
    assert raised.value.code == "deepgram_not_configured"
