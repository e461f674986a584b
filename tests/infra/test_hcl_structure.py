"""Structural checks on infra/*.tf, standing in for `terraform validate` (no binary here).

They pin what review would otherwise have to catch: everything is derived from the
manifest with for_each (a new manifest row needs no Terraform edit), nothing names a
function, every reference resolves, and the security-relevant choices stay put.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from functions import manifest
from shared.platform.config import Settings
from shared.platform.errors import ConfigError
from tests.infra import hcl

# Terraform-generated names that are never user-declared variables/locals/resources.
_META_REFS = frozenset({"each", "count", "path", "self", "terraform"})


@pytest.fixture(scope="module")
def config() -> hcl.Config:
    return hcl.load()


def _exported() -> dict[str, Any]:
    """The manifest as Terraform sees it: through JSON (tuples become lists)."""
    data: dict[str, Any] = json.loads(json.dumps(manifest.to_json_dict()))
    return data


@pytest.fixture(scope="module")
def rows() -> dict[str, Any]:
    return _exported()


def test_every_tf_file_parses_and_is_split_by_concern(config: hcl.Config) -> None:
    expected = {
        "versions.tf",
        "variables.tf",
        "locals.tf",
        "firestore.tf",
        "pubsub.tf",
        "tasks.tf",
        "scheduler.tf",
        "secrets.tf",
        "iam.tf",
        "functions.tf",
        "outputs.tf",
    }
    assert expected <= set(config.texts)


def test_terraform_reads_the_current_manifest_export() -> None:
    path = hcl.REPO_ROOT / "schemas" / "manifest.json"
    assert path.is_file(), "schemas/manifest.json is missing: run `make schemas`"
    assert json.loads(path.read_text()) == _exported(), (
        "schemas/manifest.json is stale (Terraform would deploy an old manifest): "
        "run `make schemas`"
    )


def test_locals_decode_the_manifest_json(config: hcl.Config) -> None:
    assert config.locals["manifest"] == (
        'jsondecode(file("${path.module}/../schemas/manifest.json"))'
    )
    for table in ("functions", "topics", "queues", "secrets"):
        assert f"in local.manifest.{table}" in config.locals[table], table


@pytest.mark.parametrize(
    ("kind", "name", "source"),
    [
        ("google_cloudfunctions2_function", "fn", "local.functions"),
        ("google_pubsub_topic", "topic", "local.topics"),
        ("google_pubsub_subscription", "push", "local.subscriptions"),
        ("google_cloud_tasks_queue", "queue", "local.queues"),
        ("google_cloud_scheduler_job", "job", "local.schedule_functions"),
        ("google_secret_manager_secret", "secret", "local.secrets"),
        ("google_secret_manager_secret_iam_member", "accessor", "local.secret_access"),
        ("google_service_account", "runtime", "local.sa_classes"),
        ("google_cloud_run_v2_service_iam_member", "http_public", "local.http_functions"),
        ("google_cloud_run_v2_service_iam_member", "private_invoker", "local.private_invocations"),
    ],
)
def test_manifest_driven_resources_iterate_the_manifest(
    config: hcl.Config, kind: str, name: str, source: str
) -> None:
    assert config.resource(kind, name).get("for_each") == source


def test_derived_locals_come_from_the_manifest_locals(config: hcl.Config) -> None:
    # Each derived table must be a comprehension over the manifest tables, never a literal.
    derived = {
        "http_functions": "local.functions",
        "pubsub_functions": "local.functions",
        "schedule_functions": "local.functions",
        "subscriptions": "local.pubsub_functions",
        "secret_access": "local.functions",
        "private_invocations": "local.functions",
        "event_topics": "local.topics",
    }
    for name, source in derived.items():
        assert f"in {source}" in config.locals[name], name


def test_no_manifest_name_is_hard_coded(config: hcl.Config, rows: dict[str, Any]) -> None:
    text = config.all_text
    for fn in rows["functions"]:
        for name in {fn["name"], fn["entry_point"]}:
            pattern = rf"(?<![\w-]){re.escape(name)}(?![\w-])"
            assert not re.search(pattern, text), f"function name {name!r} hard-coded in infra/"
    quoted = {q["name"] for q in rows["queues"]} | {s["name"] for s in rows["secrets"]}
    quoted |= {t["name"] for t in rows["topics"] if t["name"] != manifest.DEAD_LETTER_TOPIC}
    for name in quoted:
        assert f'"{name}"' not in text, f"manifest name {name!r} hard-coded in infra/"


def test_dead_letter_topic_matches_the_manifest(config: hcl.Config) -> None:
    assert config.locals["dead_letter_topic"] == manifest.DEAD_LETTER_TOPIC
    assert manifest.DEAD_LETTER_TOPIC in manifest.TOPICS_BY_NAME


def _references(text: str, prefix: str) -> set[str]:
    return set(re.findall(rf"(?<![\w.]){prefix}\.([A-Za-z_][\w-]*)", text))


def test_every_variable_referenced_is_declared_and_used(config: hcl.Config) -> None:
    referenced = _references(config.all_text, "var")
    declared = set(config.variables)
    assert referenced - declared == set(), "undeclared variables"
    assert declared - referenced == set(), "declared but unused variables"


def test_every_local_referenced_is_defined_and_used(config: hcl.Config) -> None:
    referenced = _references(config.all_text, "local")
    assert referenced - set(config.locals) == set(), "undefined locals"
    assert set(config.locals) - referenced == set(), "defined but unused locals"


def test_every_resource_reference_resolves(config: hcl.Config) -> None:
    text = re.sub(r"#.*", "", config.all_text)  # comments may name things loosely
    refs = set(re.findall(r"(?<![\w.\"])(google_\w+)\.([A-Za-z_][\w-]*)", text))
    missing = {f"{k}.{n}" for k, n in refs if (k, n) not in config.resources}
    assert missing == set()
    data_refs = set(re.findall(r"(?<![\w.])data\.(google_\w+)\.([A-Za-z_][\w-]*)", text))
    assert {f"{k}.{n}" for k, n in data_refs if (k, n) not in config.data} == set()


def test_every_trigger_kind_has_ingress_and_only_http_is_public(
    config: hcl.Config, rows: dict[str, Any]
) -> None:
    ingress = config.locals["ingress_by_kind"]
    kinds = {fn["trigger"]["kind"] for fn in rows["functions"]}
    assert kinds <= set(ingress), "a trigger kind without an ingress setting"
    for kind, setting in ingress.items():
        assert setting == ("ALLOW_ALL" if kind == "http" else "ALLOW_INTERNAL_ONLY"), kind
    service = config.resource("google_cloudfunctions2_function", "fn")["service_config"][0]
    assert service["ingress_settings"] == "local.ingress_by_kind[each.value.kind]"


def test_private_functions_are_invoked_only_by_their_invoker_accounts(
    config: hcl.Config, rows: dict[str, Any]
) -> None:
    invokers = config.locals["invokers_by_kind"]
    declared = config.resource("google_service_account", "invoker")["for_each"]
    for fn in rows["functions"]:
        kind = fn["trigger"]["kind"]
        if kind != "http":
            assert invokers.get(kind), f"{fn['name']}: no invoker for {kind} functions"
    for names in invokers.values():
        for name in names:
            assert f'"{name}"' in declared, f"invoker account {name!r} is not declared"
    # Schedule functions are also run on demand through Cloud Tasks.
    assert "tasks" in invokers["schedule"]
    private = config.resource("google_cloud_run_v2_service_iam_member", "private_invoker")
    assert private["member"].startswith("serviceAccount:")
    assert private["role"] == "roles/run.invoker"
    public = config.resource("google_cloud_run_v2_service_iam_member", "http_public")
    assert public["member"] == "allUsers"


def test_functions_are_configured_from_their_rows(config: hcl.Config) -> None:
    fn = config.resource("google_cloudfunctions2_function", "fn")
    build = fn["build_config"][0]
    assert build["runtime"] == "python311"
    assert build["entry_point"] == "each.value.entry_point"
    source = build["source"][0]["storage_source"][0]
    assert source["object"] == "functions/${each.key}-${var.source_version}.zip"
    service = fn["service_config"][0]
    assert service["service_account_email"] == (
        "google_service_account.runtime[each.value.sa_class].email"
    )
    assert service["all_traffic_on_latest_revision"] is True
    assert service["timeout_seconds"] == "each.value.timeout_s"
    assert service["min_instance_count"] == "each.value.min_instances"
    assert service["max_instance_count"] == "each.value.max_instances"
    # A row's concurrency is served as Cloud Run needs it: a whole vCPU above one request,
    # and as many gunicorn threads as requests.
    assert service["max_instance_request_concurrency"] == "each.value.concurrency"
    assert "each.value.concurrency > 1" in service["available_cpu"]
    assert "THREADS = tostring(each.value.concurrency)" in service["environment_variables"]
    assert "f.concurrency" in config.locals["functions"]
    secrets = service["dynamic"][0]["secret_environment_variables"]
    # Only required secrets are injected (a missing version would stop the function).
    assert secrets["for_each"] == "each.value.secret_env"
    assert "if local.secrets[s].required_in_prod" in config.locals["functions"]
    assert secrets["content"][0]["key"] == (
        'upper(replace(secret_environment_variables.value, "-", "_"))'
    )
    env = config.locals["common_env"]
    for name in (
        "HIBACHI_ENV",
        "HIBACHI_PROJECT_ID",
        "HIBACHI_REGION",
        "HIBACHI_FUNCTION_BASE_URL",
        "HIBACHI_TASKS_INVOKER_SA",
        "HIBACHI_CORS_ORIGINS",
    ):
        assert name in env, name
    assert env["HIBACHI_ENV"] == "prod"


def test_terraform_sets_every_setting_prod_requires(config: hcl.Config) -> None:
    """What `Settings.check()` names as missing in an empty prod environment is exactly
    what a deployed function would refuse to start without."""
    with pytest.raises(ConfigError) as err:
        Settings(env="prod", cors_origins=[]).check()
    required = set(re.findall(r"HIBACHI_[A-Z_]+", str(err.value)))
    assert "HIBACHI_VECTOR_INDEX" in required
    assert required <= set(config.locals["common_env"]), required - set(config.locals["common_env"])


def test_vector_search_index_fits_the_adapter(config: hcl.Config) -> None:
    index = config.resource("google_vertex_ai_index", "knowledge")
    assert index["index_update_method"] == "STREAM_UPDATE"  # knowledge edits upsert live
    settings = index["metadata"][0]["config"][0]
    assert settings["distance_measure_type"] == "DOT_PRODUCT_DISTANCE"  # cosine on unit vectors
    assert settings["dimensions"] == 384  # all-MiniLM-L6-v2
    endpoint = config.resource("google_vertex_ai_index_endpoint", "knowledge")
    assert endpoint["public_endpoint_enabled"] is True


def test_subscriptions_dead_letter_and_push_with_oidc(config: hcl.Config) -> None:
    sub = config.resource("google_pubsub_subscription", "push")
    push = sub["push_config"][0]
    assert "oidc_token" in push
    assert push["oidc_token"][0]["service_account_email"] == (
        'google_service_account.invoker["pubsub"].email'
    )
    policy = sub["dynamic"][0]["dead_letter_policy"]
    assert policy["for_each"] == "each.value.dead_letter ? [1] : []"
    assert "retry_policy" in sub
    assert "min(600, max(10, f.timeout_s))" in config.locals["subscriptions"]
    assert "f.topic != local.dead_letter_topic" in config.locals["subscriptions"]


def test_dead_letter_topics_have_at_least_pubsubs_minimum_attempts(
    rows: dict[str, Any],
) -> None:
    # Pub/Sub accepts max_delivery_attempts in 5..100 only.
    for topic in rows["topics"]:
        assert 5 <= topic["max_delivery_attempts"] <= 100, topic["name"]


def test_firestore_has_pitr_and_delete_protection(config: hcl.Config) -> None:
    db = config.resource("google_firestore_database", "main")
    assert db["type"] == "FIRESTORE_NATIVE"
    assert db["location_id"] == "var.region"
    assert db["point_in_time_recovery_enablement"] == "POINT_IN_TIME_RECOVERY_ENABLED"
    assert db["delete_protection_state"] == "DELETE_PROTECTION_ENABLED"


def test_source_bucket_is_private_and_versioned(config: hcl.Config) -> None:
    bucket = config.resource("google_storage_bucket", "function_source")
    assert bucket["uniform_bucket_level_access"] is True
    assert bucket["public_access_prevention"] == "enforced"
    assert bucket["versioning"][0]["enabled"] is True


def test_terraform_never_holds_secret_values_or_primitive_roles(config: hcl.Config) -> None:
    assert not config.resources_of("google_secret_manager_secret_version")
    text = config.all_text
    for role in ("roles/owner", "roles/editor", "roles/viewer"):
        assert f'"{role}"' not in text, role


def test_region_defaults_to_us_west2(config: hcl.Config) -> None:
    assert config.variables["region"]["default"] == "us-west2"


def test_outputs_expose_function_urls(config: hcl.Config) -> None:
    assert "google_cloudfunctions2_function.fn" in config.outputs["function_urls"]["value"]


def test_cloudbuild_runs_the_pipeline_in_order() -> None:
    text = (hcl.REPO_ROOT / "cloudbuild.yaml").read_text()
    ids = re.findall(r"^\s*- id: (\S+)", text, re.MULTILINE)
    assert ids == [
        "check-config",
        "install",
        "lint",
        "test",
        "package",
        "terraform-init",
        "bucket",
        "upload",
        "terraform-plan",
        "terraform-apply",
    ]
    assert "-var=source_version=$SHORT_SHA" in text
    assert "scripts.package_functions" in text
    # Every user substitution used is declared (Cloud Build's MUST_MATCH would fail too).
    declared = set(re.findall(r"^  (_[A-Z_]+):", text, re.MULTILINE))
    used = set(re.findall(r"(?<!\$)\$(_[A-Z_]+)", text))
    assert used == declared


def test_manifest_references_resolve_so_plan_cannot_fail_on_them(rows: dict[str, Any]) -> None:
    topics = {t["name"] for t in rows["topics"]}
    queues = {q["name"] for q in rows["queues"]}
    secrets = {s["name"] for s in rows["secrets"]}
    for fn in rows["functions"]:
        trigger = fn["trigger"]
        if trigger["kind"] == "pubsub":
            assert trigger["topic"] in topics, fn["name"]
        if trigger["kind"] == "task":
            assert trigger["queue"] in queues, fn["name"]
        assert set(fn["secrets"]) <= secrets, fn["name"]


def test_manifest_names_fit_google_cloud_limits(rows: dict[str, Any]) -> None:
    # Names Terraform builds from the manifest must be accepted by the APIs.
    for fn in rows["functions"]:
        assert re.fullmatch(r"[a-z][a-z0-9-]{0,61}[a-z0-9]", fn["name"]), fn["name"]
        account_id = f"fn-{fn['service_account_class']}"
        assert re.fullmatch(r"[a-z][a-z0-9-]{4,28}[a-z0-9]", account_id), account_id
        if fn["trigger"]["kind"] == "pubsub":
            assert len(f"{fn['trigger']['topic']}--{fn['name']}") <= 255
    for topic in rows["topics"]:
        assert re.fullmatch(r"[A-Za-z][\w.~+%-]{2,254}", topic["name"]), topic["name"]
    for queue in rows["queues"]:
        assert re.fullmatch(r"[A-Za-z0-9-]{1,100}", queue["name"]), queue["name"]
    for secret in rows["secrets"]:
        assert re.fullmatch(r"[\w-]{1,255}", secret["name"]), secret["name"]
