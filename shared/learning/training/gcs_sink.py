"""Exports in a Cloud Storage bucket (private, versioned: infra/storage.tf)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class GcsSink:
    def __init__(self, bucket: str, project: str | None = None) -> None:
        self.bucket = bucket
        self.project = project
        self._client: Any = None

    def publish(self, name: str, source: Path, content_type: str) -> str:
        if self._client is None:
            from google.cloud.storage import Client  # heavy: loaded by the export job only

            self._client = Client(project=self.project)
        blob = self._client.bucket(self.bucket).blob(name)
        blob.upload_from_filename(str(source), content_type=content_type)
        return f"gs://{self.bucket}/{name}"
