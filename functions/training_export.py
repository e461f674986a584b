"""Task `training`: run one training-data export job (idempotent: a finished job is left)."""

from functions._app.entry import InternalCall
from shared.learning.training.export import run
from shared.learning.training.jobs import ExportJob, ExportTask
from shared.platform.http import parse


def handle(call: InternalCall) -> ExportJob:
    return run(call.platform, parse(ExportTask, call.payload).export_id)
