"""The import-layer check: the real tree passes, and each rule fails on a bad import."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.check_layers import violations

# A miniature project: platform at the bottom, two domains, the shell, a dev script.
CLEAN = {
    "main.py": "from functions.manifest import FUNCTIONS\n",
    "functions/__init__.py": "",
    "functions/manifest.py": "FUNCTIONS = ()\n",
    "functions/quote.py": "from shared.pricing.engine import quote\n",
    "functions/_app/__init__.py": "",
    "functions/_app/container.py": "from shared.platform.store import Store\n"
    "from shared.booking.holds import hold\n",
    "shared/__init__.py": "",
    "shared/platform/__init__.py": "",
    "shared/platform/store.py": "import json\nclass Store: ...\n",
    "shared/platform/http.py": "from . import store\nfrom .store import Store\n",
    "shared/pricing/__init__.py": "",
    "shared/pricing/engine.py": "from shared.platform.store import Store\ndef quote(): ...\n",
    "shared/booking/__init__.py": "",
    "shared/booking/holds.py": "from shared.pricing import engine\nfrom ..platform import store\n"
    "def hold(): ...\n",
    "scripts/__init__.py": "",
    "scripts/tool.py": "from shared.booking.holds import hold\n",
    "tests/__init__.py": "",
    "tests/helper.py": "import scripts.tool\n",
}


def _tree(tmp_path: Path, changes: dict[str, str] | None = None) -> Path:
    files = CLEAN | (changes or {})
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_the_real_tree_keeps_every_layer_rule() -> None:
    assert violations() == []


def test_a_clean_miniature_passes(tmp_path: Path) -> None:
    assert violations(_tree(tmp_path)) == []


@pytest.mark.parametrize(
    "source",
    [
        "from shared.booking.holds import hold\n",
        "from shared import booking\n",
        "from ..booking import holds\n",
        "def later():\n    import shared.pricing.engine\n",
        "import typing\nif typing.TYPE_CHECKING:\n    from shared.pricing import engine\n",
    ],
    ids=["absolute", "package-from-parent", "relative", "lazy", "type-checking"],
)
def test_the_platform_importing_a_domain_fails(tmp_path: Path, source: str) -> None:
    found = violations(_tree(tmp_path, {"shared/platform/bad.py": source}))
    assert len(found) == 1
    assert found[0].startswith("the platform imports up: shared/platform/bad.py")


@pytest.mark.parametrize("source", ["from functions.manifest import FUNCTIONS\n", "import main\n"])
def test_the_platform_importing_functions_fails(tmp_path: Path, source: str) -> None:
    (found,) = violations(_tree(tmp_path, {"shared/platform/bad.py": source}))
    assert found.startswith("the platform imports up")


def test_a_domain_importing_the_app_shell_fails(tmp_path: Path) -> None:
    (found,) = violations(
        _tree(tmp_path, {"shared/booking/bad.py": "from functions._app import container\n"})
    )
    assert found.startswith("a domain imports functions/: shared/booking/bad.py:1")


@pytest.mark.parametrize(
    "name", ["shared/pricing/bad.py", "functions/bad.py", "functions/_app/bad.py", "main.py"]
)
@pytest.mark.parametrize("dev", ["scripts.tool", "tests.helper"])
def test_product_code_importing_scripts_or_tests_fails(tmp_path: Path, name: str, dev: str) -> None:
    found = violations(_tree(tmp_path, {name: f"import {dev}\n"}))
    assert found and all(f"product code imports {dev.split('.')[0]}/" in f for f in found)


def test_a_two_domain_cycle_fails_and_names_both_imports(tmp_path: Path) -> None:
    (found,) = violations(
        _tree(tmp_path, {"shared/pricing/markets.py": "from shared.booking import holds\n"})
    )
    assert found.startswith("import cycle among shared.booking, shared.pricing")
    assert "shared/pricing/markets.py:1 imports shared.booking.holds" in found
    assert "shared/booking/holds.py:1 imports shared.pricing.engine" in found


def test_a_longer_cycle_fails_even_through_a_lazy_import(tmp_path: Path) -> None:
    tree = _tree(
        tmp_path,
        {
            "shared/payments/__init__.py": "",
            "shared/payments/refunds.py": "from shared.booking.holds import hold\n",
            "shared/pricing/fees.py": "def fee():\n    from shared.payments import refunds\n",
        },
    )
    (found,) = violations(tree)
    assert found.startswith("import cycle among shared.booking, shared.payments, shared.pricing")


def test_the_shell_and_scripts_may_import_every_layer(tmp_path: Path) -> None:
    tree = _tree(
        tmp_path,
        {
            "functions/_app/seeding.py": "from shared.booking import holds\n"
            "from shared.platform import store\n",
            "scripts/bench.py": "from functions._app import container\nimport tests.helper\n",
        },
    )
    assert violations(tree) == []
