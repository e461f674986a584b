"""The LoRA config written beside an export, and the sinks the shell chooses between."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from functions._app import container
from shared.learning.training.gcs_sink import GcsSink
from shared.learning.training.lora import LoraConfig, config_for
from shared.learning.training.sink import EXPORT_SINK, ExportSink, LocalSink
from shared.platform.clock import ManualClock
from shared.platform.config import Settings
from shared.platform.errors import ConfigError


def test_the_lora_config_names_its_dataset_and_round_trips() -> None:
    config = config_for("gs://b/training/exp_1/openai.jsonl", "openai", 42)
    data = json.loads(config.model_dump_json())
    assert data["dataset_path"] == "gs://b/training/exp_1/openai.jsonl"
    assert data["dataset_format"] == "openai" and data["examples"] == 42
    assert {"base_model", "r", "lora_alpha", "lora_dropout", "target_modules"} <= set(data)
    assert {"num_epochs", "learning_rate"} <= set(data) and data["target_modules"]
    assert LoraConfig.model_validate(data) == config


@pytest.mark.parametrize(
    "bad", ({"r": 0}, {"lora_dropout": 1.0}, {"learning_rate": 0}, {"num_epochs": 0})
)
def test_out_of_range_hyperparameters_are_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValidationError):
        LoraConfig(dataset_path="x.jsonl", dataset_format="vertex", examples=1, **bad)


def test_the_local_sink_copies_under_its_root(tmp_path: Path) -> None:
    source = tmp_path / "spool.jsonl"
    source.write_text('{"a": 1}\n')
    uri = LocalSink(tmp_path / "exports").publish("training/exp_1/openai.jsonl", source, "x")
    assert Path(uri) == tmp_path / "exports" / "training" / "exp_1" / "openai.jsonl"
    assert Path(uri).read_text() == '{"a": 1}\n'


def _sink(tmp_path: Path, **settings: Any) -> ExportSink:
    platform = container.build_local(Settings(data_dir=tmp_path, **settings), ManualClock())
    try:
        return platform.adapter(EXPORT_SINK)
    finally:
        platform.close()


def test_the_shell_picks_a_folder_locally_and_the_bucket_when_configured(tmp_path: Path) -> None:
    local = _sink(tmp_path, env="test")
    assert isinstance(local, LocalSink) and local.root == tmp_path / "exports"
    bucket = _sink(tmp_path, env="test", training_export_bucket="hibachi-exports")
    assert isinstance(bucket, GcsSink) and bucket.bucket == "hibachi-exports"
    with pytest.raises(ConfigError, match="HIBACHI_TRAINING_EXPORT_BUCKET"):
        _sink(tmp_path, env="prod")


class _Blob:
    def __init__(self, uploads: list[tuple[str, str, str]], name: str) -> None:
        self.uploads, self.name = uploads, name

    def upload_from_filename(self, filename: str, content_type: str) -> None:
        self.uploads.append((self.name, Path(filename).read_text(), content_type))


class _Client:
    def __init__(self) -> None:
        self.uploads: list[tuple[str, str, str]] = []
        self.buckets: list[str] = []

    def bucket(self, name: str) -> _Client:
        self.buckets.append(name)
        return self

    def blob(self, name: str) -> _Blob:
        return _Blob(self.uploads, name)


def test_the_bucket_sink_uploads_each_file_under_its_name(tmp_path: Path) -> None:
    source = tmp_path / "vertex.jsonl"
    source.write_text("{}\n")
    sink, client = GcsSink("hibachi-exports"), _Client()
    sink._client = client  # the Cloud Storage client, faked: tests talk to no cloud
    uri = sink.publish("training/exp_1/vertex.jsonl", source, "application/jsonl")
    assert uri == "gs://hibachi-exports/training/exp_1/vertex.jsonl"
    assert client.buckets == ["hibachi-exports"]
    assert client.uploads == [("training/exp_1/vertex.jsonl", "{}\n", "application/jsonl")]
