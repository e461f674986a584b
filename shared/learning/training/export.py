"""Run one export job: select, scrub, hard-check, render and validate every example into
spool files, then publish them (with a LoRA config each) only if nothing failed.

Streamed thread by thread; the job record and the log get a progress line every
`PROGRESS_EVERY` examples and the final count, so a long export shows it is moving.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import IO

from shared.learning.training import collect
from shared.learning.training.examples import EXAMPLES, EXPORTS, Example, Turn
from shared.learning.training.formats import FORMATS, RENDER, Format
from shared.learning.training.jobs import ExportJob, InvalidDataset, PiiLeak, get
from shared.learning.training.lora import config_for
from shared.learning.training.sink import EXPORT_SINK
from shared.learning.training.validate import Validator
from shared.platform.errors import AppError
from shared.platform.log import get_logger
from shared.platform.scrub import Scrubber, leaks
from shared.platform.services import Platform

PROGRESS_EVERY = 200
BATCH = 400  # writes per batch (Firestore takes up to 500)
log = get_logger(__name__)


def selected(example: Example, job: ExportJob) -> bool:
    if job.request.reviewed_only:
        return example.review == "accepted"
    return example.review != "rejected" and example.score.value >= job.min_score


def scrubbed(example: Example, scrubber: Scrubber) -> list[Turn]:
    turns = [Turn(role=t.role, text=scrubber.scrub(t.text)) for t in example.turns]
    found = [raw for t in turns for raw in leaks(t.text)]
    if found:
        raise PiiLeak(
            detail=f"example {example.id} still holds {len(found)} phone or email after"
            " scrubbing; nothing was exported (reject the example or fix the scrubber)",
            extra={"example_id": example.id, "leaks": len(found)},
        )
    return turns


class _Spool:
    """The export's files while it runs, in a private temporary directory."""

    def __init__(self, root: Path, formats: tuple[Format, ...]) -> None:
        self.paths = {f: root / f"{f}.jsonl" for f in formats}
        self.files: dict[Format, IO[str]] = {
            f: p.open("w", encoding="utf-8") for f, p in self.paths.items()
        }
        self.validators = {f: Validator(f) for f in formats}
        self.scored_path = root / "scored.jsonl"
        self.scored = self.scored_path.open("w", encoding="utf-8")

    def write(self, example: Example, turns: list[Turn]) -> None:
        for fmt, out in self.files.items():
            record = RENDER[fmt](example, turns)
            line = json.dumps(record, ensure_ascii=False)
            self.validators[fmt].check(record, line)
            out.write(line + "\n")
        # Kept as exported: the scrubbed turns, so the store holds no second copy of PII.
        self.scored.write(example.model_copy(update={"turns": turns}).model_dump_json() + "\n")

    def close(self) -> None:
        for out in (*self.files.values(), self.scored):
            out.close()


def _progress(platform: Platform, job: ExportJob, text: str) -> None:
    job.progress = text
    platform.store.update(
        EXPORTS,
        job.id,
        {
            "status": job.status,
            "processed": job.processed,
            "written": job.written,
            "progress": text,
        },
    )
    log.info("training export %s: %s", job.id, text)


def _publish(platform: Platform, job: ExportJob, spool: _Spool, root: Path) -> list[str]:
    sink = platform.adapter(EXPORT_SINK)
    files = []
    for fmt, path in spool.paths.items():
        name = f"training/{job.id}/{fmt}.jsonl"
        uri = sink.publish(name, path, "application/jsonl")
        lora = root / f"{fmt}.lora.json"
        lora.write_text(config_for(uri, fmt, job.written).model_dump_json(indent=2))
        files += [uri, sink.publish(f"training/{job.id}/{fmt}.lora.json", lora, "application/json")]
    return files


def _store_scores(platform: Platform, job: ExportJob, spool: _Spool) -> None:
    """Keep each exported example with its score, as exported (what trained which model)."""
    batch = platform.store.batch()
    with spool.scored_path.open(encoding="utf-8") as scored:
        for i, line in enumerate(scored, 1):
            example = Example.model_validate_json(line)
            batch.set(EXAMPLES, example.id, example.model_dump() | {"export_id": job.id})
            if i % BATCH == 0:
                batch.commit()
                batch = platform.store.batch()
    batch.commit()


def _export(platform: Platform, job: ExportJob) -> None:
    formats = FORMATS if job.request.format == "both" else (job.request.format,)
    with tempfile.TemporaryDirectory(prefix="training-") as tmp:
        root = Path(tmp)
        spool = _Spool(root, formats)
        try:
            for example, scrubber in collect.examples(platform.store):
                job.processed += 1
                if selected(example, job):
                    spool.write(example, scrubbed(example, scrubber))
                    job.written += 1
                if job.processed % PROGRESS_EVERY == 0:
                    _progress(platform, job, f"{job.processed} read, {job.written} written")
        finally:
            spool.close()
        job.reports = [v.report() for v in spool.validators.values()]
        errors = sum(r.error_count for r in job.reports)
        if errors:
            raise InvalidDataset(
                detail=f"{errors} format errors; nothing was exported",
                extra={"errors": errors},
            )
        job.files = _publish(platform, job, spool, root)
        _store_scores(platform, job, spool)


def run(platform: Platform, export_id: str) -> ExportJob:
    """Run the job once; a retried task finds it finished and returns it unchanged."""
    job = get(platform, export_id)
    if job.status in ("succeeded", "failed"):
        return job
    job.status = "running"
    _progress(platform, job, "started")
    try:
        _export(platform, job)
        job.status = "succeeded"
        done = f"done: {job.processed} read, {job.written} written"
    except AppError as refused:  # a refusal is final: retrying would refuse again
        job.status = "failed"
        job.error = {"status": refused.status, "code": refused.code, "detail": refused.detail}
        job.error |= refused.extra
        done = f"refused ({refused.code}) after {job.processed} read"
    job.finished_at = platform.clock.now()
    _progress(platform, job, done)
    platform.store.set(EXPORTS, job.id, job.model_dump())
    return job
