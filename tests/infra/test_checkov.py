"""checkov over infra/, offline: no finding may fail, and every skip must say why.

`make test` installs checkov into .tools/checkov (it pins its own dependency tree) and
sets CHECKOV_BIN. Without it this test fails, unless HIBACHI_ALLOW_MISSING_TOOLS=1.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.infra.hcl import INFRA, REPO_ROOT

CONFIG = INFRA / ".checkov.yaml"
# Options checkov may not be given here: each would hide findings beyond the skip list.
FORBIDDEN_OPTIONS = (
    "skip-path",
    "skip-framework",
    "skip-resources-without-violations",
    "soft-fail",
    "soft-fail-on",
    "hard-fail-on",
    "check",
    "skip-cve-package",
    "download-external-modules",
)


def _checkov_bin() -> Path:
    value = os.environ.get("CHECKOV_BIN", "")
    path = Path(value) if value else None
    if path is not None and path.is_file() and os.access(path, os.X_OK):
        return path
    reason = (
        f"checkov not found (CHECKOV_BIN={value!r}). Run `make test`, which installs "
        "checkov==3.3.30 into .tools/checkov and sets CHECKOV_BIN."
    )
    if os.environ.get("HIBACHI_ALLOW_MISSING_TOOLS") == "1":
        pytest.skip(reason)
    pytest.fail(reason)


def _offline_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BC_", "PRISMA_", "CKV_"))}
    # No platform API key, no guideline download, no PyPI version check: fully offline.
    env.update({"BC_SKIP_MAPPING": "TRUE", "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true"})
    # checkov also reads .checkov.yaml from the working directory and $HOME: point both
    # at an empty directory so only the config under test can skip anything.
    env["HOME"] = str(home)
    return env


def _run_checkov(directory: Path, workdir: Path, *extra: str) -> list[dict[str, Any]]:
    """checkov on `directory` (which applies its own .checkov.yaml, if any)."""
    cmd = [
        str(_checkov_bin()),
        "-d",
        str(directory),
        "--framework",
        "terraform",
        "--skip-download",
        "--output",
        "json",
        *extra,
    ]
    done = subprocess.run(
        cmd,
        cwd=workdir,
        env=_offline_env(workdir),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # checkov exits 1 when a check fails; anything else is a crash.
    assert done.returncode in (0, 1), f"checkov crashed ({done.returncode}):\n{done.stderr}"
    report = json.loads(done.stdout)
    reports: list[dict[str, Any]] = report if isinstance(report, list) else [report]
    return reports


def _skip_entries() -> list[tuple[str, list[str]]]:
    """(check id, its justification comment lines) for each `skip-check` item, in order.

    The config is flat YAML; a line parser keeps this test free of a YAML dependency.
    A justification is the run of comment lines directly above the item, or an inline
    comment after it.
    """
    entries: list[tuple[str, list[str]]] = []
    in_skips = False
    comments: list[str] = []
    for raw in CONFIG.read_text().splitlines():
        line = raw.strip()
        if re.match(r"^[\w-]+:", raw):  # a top-level key starts or ends the list
            in_skips = raw.startswith("skip-check:")
            assert not in_skips or raw.strip() == "skip-check:", "use a block list"
            comments = []
            continue
        if not in_skips:
            continue
        if line.startswith("#"):
            comments.append(line.lstrip("# ").strip())
        elif line.startswith("- "):
            item, _, inline = line[2:].partition("#")
            reason = [*comments, inline.strip()] if inline.strip() else comments
            entries.append((item.strip(), [r for r in reason if r]))
            comments = []
        elif not line:
            comments = []
    return entries


def test_every_skip_is_justified() -> None:
    entries = _skip_entries()
    ids = [check for check, _ in entries]
    assert len(ids) == len(set(ids)), "a check is skipped twice"
    for check, reason in entries:
        assert re.fullmatch(r"CKV2?_[A-Z]+_\d+", check), f"not a checkov id: {check!r}"
        text = " ".join(reason)
        assert check in text, f"{check}: the comment above it must name the check"
        # The id plus a real sentence about why the finding does not apply.
        assert len(text.replace(check, "").split()) >= 12, f"{check}: justify the skip"


def test_config_skips_nothing_but_the_listed_checks() -> None:
    text = CONFIG.read_text()
    keys = set(re.findall(r"^([\w-]+):", text, re.MULTILINE))
    assert keys <= {"framework", "skip-download", "skip-check", "compact", "quiet"}
    for option in FORBIDDEN_OPTIONS:
        assert not re.search(rf"^{re.escape(option)}:", text, re.MULTILINE), option


def _failures(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    failed: list[dict[str, Any]] = []
    for report in reports:
        failed.extend(report.get("results", {}).get("failed_checks", []))
    return failed


def _describe(failed: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"  {f['check_id']} {f['check_name']}\n"
        f"    {f['resource']} ({f.get('file_path', '?')}:{f.get('file_line_range', '?')})"
        for f in failed
    )


def test_checkov_finds_no_failed_check(tmp_path: Path) -> None:
    reports = _run_checkov(INFRA, tmp_path, "--config-file", str(CONFIG))
    summaries = [r.get("summary", r) for r in reports]
    assert sum(s.get("parsing_errors", 0) for s in summaries) == 0, summaries
    # Guard against a scan that silently looked at nothing.
    assert sum(s.get("passed", 0) for s in summaries) > 0, summaries
    failed = _failures(reports)
    assert not failed, "checkov findings (fix the Terraform, or justify a skip):\n" + _describe(
        failed
    )


def test_every_skip_still_matches_a_finding(tmp_path: Path) -> None:
    # A skip whose finding is gone would silently hide the next real one: drop it.
    # Scan a copy of the .tf files without the config, so nothing is skipped.
    unskipped = tmp_path / "infra"
    unskipped.mkdir()
    for tf in INFRA.glob("*.tf"):
        shutil.copy2(tf, unskipped / tf.name)
    shutil.copytree(REPO_ROOT / "schemas", tmp_path / "schemas")  # what locals.tf reads
    failing = {f["check_id"] for f in _failures(_run_checkov(unskipped, tmp_path))}
    stale = [check for check, _ in _skip_entries() if check not in failing]
    assert not stale, f"skips in infra/.checkov.yaml that no longer match a finding: {stale}"
