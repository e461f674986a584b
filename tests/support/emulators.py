"""Start and stop the official Google Cloud SDK emulators on free loopback ports.

Each emulator runs in its own process group so stopping it also stops the Java child
that `gcloud` spawns.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from tests.support.ports import free_port, wait_for_port

GCLOUD = shutil.which("gcloud")
JAVA = shutil.which("java")


def missing_reason() -> str | None:
    """Why emulator tests cannot run here, or None when they can."""
    if not GCLOUD:
        return "gcloud (Google Cloud SDK with emulators) is not installed"
    if not JAVA:
        return "java is not installed (the emulators need Java 17+)"
    return None


@dataclass(frozen=True)
class Emulator:
    host: str  # "127.0.0.1:PORT", the value of FIRESTORE_/PUBSUB_EMULATOR_HOST
    project: str


@contextmanager
def _run(args: list[str], port: int, log_name: str) -> Iterator[None]:
    log = tempfile.NamedTemporaryFile(prefix=f"{log_name}-", suffix=".log", delete=False)  # noqa: SIM115 (outlives this frame: the emulator writes to it)
    proc = subprocess.Popen(
        args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=os.environ.copy()
    )
    try:
        try:
            wait_for_port(port, timeout_s=90, proc_alive=lambda: proc.poll() is None)
        except Exception as exc:
            log.flush()
            tail = Path(log.name).read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{log_name} emulator did not start: {exc}\n{tail}") from exc
        yield
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        log.close()
        os.unlink(log.name)


@contextmanager
def firestore_emulator(project: str = "hibachi-test") -> Iterator[Emulator]:
    port = free_port()
    host = f"127.0.0.1:{port}"
    args = [GCLOUD or "gcloud", "emulators", "firestore", "start", f"--host-port={host}"]
    with _run(args, port, "firestore"):
        yield Emulator(host=host, project=project)


@contextmanager
def pubsub_emulator(project: str = "hibachi-test") -> Iterator[Emulator]:
    port = free_port()
    host = f"127.0.0.1:{port}"
    data_dir = tempfile.mkdtemp(prefix="pubsub-emulator-")
    args = [
        GCLOUD or "gcloud",
        "beta",
        "emulators",
        "pubsub",
        "start",
        f"--host-port={host}",
        f"--data-dir={data_dir}",
        f"--project={project}",
    ]
    try:
        with _run(args, port, "pubsub"):
            yield Emulator(host=host, project=project)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
