"""The app shell serves every domain port, each built once per platform."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest

from functions._app.container import ADAPTERS
from scripts.export_schemas import ROOT
from shared.platform.services import Platform, Port
from tests.support.platform import local_platform


def _declared_port_names() -> set[str]:
    """Every `Port("<name>")` a domain module declares."""
    names = set()
    for path in (ROOT / "shared").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Port"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names.add(node.args[0].value)
    return names


def test_every_declared_port_has_a_factory_and_every_factory_a_port() -> None:
    declared = _declared_port_names()
    assert declared, "no Port declarations found: the scan is broken"
    assert declared == set(ADAPTERS)


def test_an_adapter_is_built_once_and_shared(tmp_path: Path) -> None:
    calls: list[Platform] = []
    counter: Port[object] = Port("counter")

    def factory(platform: Platform) -> object:
        calls.append(platform)
        return object()

    with local_platform(tmp_path) as base:
        platform = Platform(
            settings=base.settings,
            store=base.store,
            bus=base.bus,
            tasks=base.tasks,
            secrets=base.secrets,
            clock=base.clock,
            vectors=base.vectors,
            factories={"counter": factory},
        )
        seen: list[object] = []
        threads = [
            threading.Thread(target=lambda: seen.append(platform.adapter(counter)))
            for _ in range(8)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(calls) == 1 and calls[0] is platform
        assert len({id(s) for s in seen}) == 1


def test_an_unregistered_port_is_a_clear_error(tmp_path: Path) -> None:
    with local_platform(tmp_path) as platform, pytest.raises(LookupError, match="nowhere"):
        platform.adapter(Port[object]("nowhere"))


def test_the_local_platform_serves_the_local_payments_adapter(tmp_path: Path) -> None:
    from shared.payments.local import LocalPayments
    from shared.payments.port import PAYMENTS

    with local_platform(tmp_path) as platform:
        assert isinstance(platform.adapter(PAYMENTS), LocalPayments)
        assert platform.adapter(PAYMENTS) is platform.adapter(PAYMENTS)
