"""Loading and building the providers must not load a vendor SDK: that waits for the first
call, so a function whose turn the offline provider answers never pays for it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[4]
SDKS = ("openai", "anthropic", "mistralai", "google.genai", "httpx2", "tenacity")

PROBE = """
import json, sys
from shared.ai.providers.cascade import build_cascade
from shared.platform.env_secrets import EnvSecrets

keys = {"OPENAI_API_KEY": "k", "ANTHROPIC_API_KEY": "k", "MISTRAL_API_KEY": "k",
        "GEMINI_API_KEY": "k"}
spec = ("openai:gpt-4o-mini,anthropic:claude-haiku-4-5,mistral:mistral-small-latest,"
        "gemini:gemini-2.0-flash,vertex:gemini-2.0-flash,ollama:llama3.1@http://127.0.0.1:1")
cascade = build_cascade(spec, EnvSecrets(keys), None, vertex_project="p")
assert len(cascade.providers) == 6
print(json.dumps(sorted(sys.modules)))
"""


def test_building_every_adapter_loads_no_sdk() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    loaded = json.loads(out.stdout)

    offenders = [m for m in loaded for sdk in SDKS if m == sdk or m.startswith(sdk + ".")]
    assert offenders == []
