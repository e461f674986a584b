"""scripts/package_functions.py: reproducible, complete, self-contained function zips."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from functions import manifest
from scripts import package_functions as pkg
from tests.infra.hcl import REPO_ROOT

VERSION = "abc1234"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Zips of the real repository, by function name."""
    out = tmp_path_factory.mktemp("dist")
    paths = pkg.build_all(REPO_ROOT, out, VERSION)
    return {p.name.removesuffix(f"-{VERSION}.zip"): p for p in paths}


def _names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def test_one_zip_per_manifest_function(built: dict[str, Path]) -> None:
    assert sorted(built) == sorted(f.name for f in manifest.DEPLOYED_FUNCTIONS)
    for name, path in built.items():
        # The object name Terraform derives: functions/<name>-<source_version>.zip.
        assert path.name == f"{name}-{VERSION}.zip"


def test_packaging_twice_gives_identical_bytes(built: dict[str, Path], tmp_path: Path) -> None:
    again = {p.name: p.read_bytes() for p in pkg.build_all(REPO_ROOT, tmp_path, VERSION)}
    for path in built.values():
        assert again[path.name] == path.read_bytes(), f"{path.name} is not reproducible"


def test_each_zip_has_what_the_runtime_loads(built: dict[str, Path]) -> None:
    for function in manifest.DEPLOYED_FUNCTIONS:
        names = set(_names(built[function.name]))
        module = function.module.replace(".", "/") + ".py"
        for required in ("main.py", "requirements.txt", module, "functions/manifest.py"):
            assert required in names, f"{function.name}: {required} missing"
        assert "shared/__init__.py" in names
        assert any(n.startswith("shared/platform/") for n in names)


def test_no_tests_caches_or_environments_are_shipped(built: dict[str, Path]) -> None:
    for path in built.values():
        for name in _names(path):
            parts = name.split("/")
            assert "tests" not in parts and "__pycache__" not in parts, name
            assert not name.endswith((".pyc", ".pyo")), name
            assert not parts[0].startswith("."), name


def test_entries_are_sorted_with_fixed_time_and_mode(built: dict[str, Path]) -> None:
    with zipfile.ZipFile(next(iter(built.values()))) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    for info in infos:
        assert info.date_time == pkg.FIXED_DATE_TIME
        assert (info.external_attr >> 16) & 0o777 == 0o644


def test_requirements_pin_the_runtime_dependencies(built: dict[str, Path]) -> None:
    with (REPO_ROOT / "pyproject.toml").open("rb") as handle:
        deps = tomllib.load(handle)["project"]["dependencies"]
    with zipfile.ZipFile(next(iter(built.values()))) as archive:
        text = archive.read("requirements.txt").decode()
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines == deps
    assert all("==" in line for line in lines)


def test_zip_is_importable_on_its_own(built: dict[str, Path], tmp_path: Path) -> None:
    # Unpacked alone (as the buildpack sees it), main.py lists every entry point and each
    # function module imports from the zip's own files, never from the repository.
    function = manifest.FUNCTIONS[0]
    with zipfile.ZipFile(built[function.name]) as archive:
        archive.extractall(tmp_path)
    modules = [f.module for f in manifest.FUNCTIONS]
    script = (
        "import importlib, pathlib, sys\n"
        "import main\n"
        f"root = pathlib.Path({str(tmp_path)!r}).resolve()\n"
        "assert pathlib.Path(main.__file__).resolve().parent == root, main.__file__\n"
        f"expected = {sorted(f.entry_point for f in manifest.FUNCTIONS)!r}\n"
        "assert set(expected) <= set(dir(main)), dir(main)\n"
        f"for name in {modules!r}:\n"
        "    mod = importlib.import_module(name)\n"
        "    assert root in pathlib.Path(mod.__file__).resolve().parents, mod.__file__\n"
    )
    env = {**os.environ, "HIBACHI_ENV": "test", "PYTHONPATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture()
def messy_repo(tmp_path: Path) -> Path:
    """A copy of the packaged parts of the repo, plus files that must never ship."""
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("main.py", "pyproject.toml"):
        shutil.copy2(REPO_ROOT / name, root / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in pkg.PACKAGES:
        shutil.copytree(REPO_ROOT / package, root / package, ignore=ignore)
    junk = [
        "shared/platform/__pycache__/config.cpython-311.pyc",
        "shared/platform/tests/test_config.py",
        "shared/platform/test_thing.py",
        "shared/platform/thing_test.py",
        "functions/conftest.py",
        "shared/.venv/lib/x.py",
        "shared/.pytest_cache/v/cache",
        "shared/x.egg-info/PKG-INFO",
    ]
    for name in junk:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("junk\n")
    (root / "dist" / "functions").mkdir(parents=True)
    (root / "dist" / "functions" / "removed-function-old.zip").write_bytes(b"stale")
    return root


def test_excluded_files_never_reach_a_zip(messy_repo: Path) -> None:
    out = messy_repo / "dist" / "functions"
    paths = pkg.build_all(messy_repo, out, VERSION)
    names = set(_names(paths[0]))
    basenames = {n.rsplit("/", 1)[-1] for n in names}
    assert not {b for b in basenames if b.startswith("test_") or b.endswith("_test.py")}
    for fragment in ("__pycache__", "/tests/", ".venv", ".pytest_cache", "egg-info", "conftest"):
        assert not any(fragment in n for n in names), fragment
    # Stale zips from an earlier run are removed so they are never uploaded.
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)


def test_same_source_gives_same_zip_anywhere(messy_repo: Path, built: dict[str, Path]) -> None:
    # A different checkout path (and junk beside the sources) does not change the bytes.
    out = messy_repo / "out"
    again = {p.name: p.read_bytes() for p in pkg.build_all(messy_repo, out, VERSION)}
    for path in built.values():
        assert again[path.name] == path.read_bytes()


def test_a_manifest_row_without_its_module_fails(messy_repo: Path) -> None:
    victim = manifest.FUNCTIONS[-1].module.replace(".", "/") + ".py"
    (messy_repo / victim).unlink()
    with pytest.raises(pkg.PackagingError, match="without a module"):
        pkg.build_all(messy_repo, messy_repo / "out", VERSION)


def test_unpinned_runtime_dependency_fails(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\ndependencies = ["pydantic>=2"]\n')
    with pytest.raises(pkg.PackagingError, match="pinned"):
        pkg.runtime_requirements(pyproject)


def test_cli_writes_zips_and_rejects_bad_versions(messy_repo: Path) -> None:
    out = messy_repo / "cli-out"
    assert pkg.main(["--root", str(messy_repo), "--out", str(out), "--version", VERSION]) == 0
    assert len(list(out.glob("*.zip"))) == len(manifest.DEPLOYED_FUNCTIONS)
    assert pkg.main(["--root", str(messy_repo), "--out", str(out), "--version", "a/b"]) == 1
