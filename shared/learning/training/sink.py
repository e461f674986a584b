"""Where finished exports go: a port the app shell serves (a local folder in the embedded
runtime, a Cloud Storage bucket in production). An export is spooled and checked first,
so a sink only ever receives complete, checked files."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Protocol

from shared.platform.services import Port


class ExportSink(Protocol):
    def publish(self, name: str, source: Path, content_type: str) -> str:
        """Store `source` as `name` (a relative path); where it now lives."""
        ...


EXPORT_SINK: Port[ExportSink] = Port("training-export-sink")


class LocalSink:
    def __init__(self, root: Path) -> None:
        self.root = root

    def publish(self, name: str, source: Path, content_type: str) -> str:
        target = self.root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        return str(target)
