"""Task `voice`: transcribe a call recording, answer it in the caller's thread, follow up."""

from functions._app.entry import InternalCall
from shared.channels.voice.models import RecordingOutcome, RecordingTask
from shared.channels.voice.process import process
from shared.platform.http import parse


def handle(call: InternalCall) -> RecordingOutcome:
    return process(call.platform, parse(RecordingTask, call.payload))
