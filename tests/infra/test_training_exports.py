"""The training-export bucket: private, versioned, aged out, written only by task functions."""

from __future__ import annotations

import pytest

from tests.infra import hcl


@pytest.fixture(scope="module")
def config() -> hcl.Config:
    return hcl.load()


def test_the_export_bucket_is_private_versioned_and_ages_out(config: hcl.Config) -> None:
    bucket = config.resource("google_storage_bucket", "training_exports")
    assert bucket["uniform_bucket_level_access"] is True
    assert bucket["public_access_prevention"] == "enforced"
    assert bucket["force_destroy"] is False
    assert bucket["versioning"][0]["enabled"] is True
    ages = [rule["condition"][0] for rule in bucket["lifecycle_rule"]]
    assert {"age": 365} in ages and {"days_since_noncurrent_time": 30} in ages


def test_only_the_task_account_may_write_and_only_create(config: hcl.Config) -> None:
    grants = config.resources_of("google_storage_bucket_iam_member")
    writers = [g for g in grants.values() if "training_exports" in str(g["bucket"])]
    assert len(writers) == 1
    assert writers[0]["role"] == "roles/storage.objectCreator"
    assert 'runtime["task"]' in str(writers[0]["member"])


def test_the_functions_are_told_the_bucket(config: hcl.Config) -> None:
    assert "HIBACHI_TRAINING_EXPORT_BUCKET" in config.all_text
