"""A loopback Deepgram pre-recorded API (`POST /v1/listen`) with scripted transcripts.

Answers in Deepgram's response shape (`results.channels[].alternatives[].transcript`);
the transcript is chosen by the exact audio bytes posted, so a test names what each
recording says. The key must arrive as `Authorization: Token <key>`.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any

from tests.support.fake_ringcentral import Answer, LoopbackFake, Recorded, Route, json_answer

API_KEY = "dg-test-key"
SECRETS = {"DEEPGRAM_API_KEY": API_KEY}


class FakeDeepgram(LoopbackFake):
    def __init__(self) -> None:
        super().__init__()
        self.transcripts: dict[bytes, str] = {}
        self.failures: deque[int] = deque()  # statuses for the next requests

    def routes(self) -> list[tuple[str, str, Route]]:
        return [("POST", r"/v1/listen", self._listen)]

    def _listen(self, request: Recorded, _: re.Match[str]) -> Answer:
        if request.headers.get("authorization") != f"Token {API_KEY}":
            return json_answer(401, {"err_code": "INVALID_AUTH", "err_msg": "Invalid credentials."})
        if self.failures:
            return json_answer(self.failures.popleft(), {"err_code": "SCRIPTED"})
        if request.body not in self.transcripts:
            return json_answer(400, {"err_code": "Bad Request", "err_msg": "corrupt audio"})
        return json_answer(200, _response(self.transcripts[request.body]))


def _response(transcript: str) -> dict[str, Any]:
    return {
        "metadata": {"request_id": "dg-req-1", "duration": 42.0, "channels": 1},
        "results": {
            "channels": [
                {"alternatives": [{"transcript": transcript, "confidence": 0.97, "words": []}]}
            ]
        },
    }
