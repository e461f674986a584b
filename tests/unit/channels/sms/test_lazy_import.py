"""Cold starts: loading the channel functions must not import the RingCentral SDK.

(`tests/unit/test_cold_start.py` probes every function for its list of heavy SDKs; this adds
`ringcentral` for the functions that use it, with the same probe.)
"""

from __future__ import annotations

import pytest

from tests.unit.test_cold_start import _modules_after_import


@pytest.mark.parametrize(
    "entry_point", ["ringcentral_webhook", "process_recording", "send_outbound"]
)
def test_function_import_leaves_the_sdk_unloaded(entry_point: str) -> None:
    modules = _modules_after_import(entry_point)
    assert f"functions.{entry_point}" in modules
    assert not {m for m in modules if m == "ringcentral" or m.startswith("ringcentral.")}
