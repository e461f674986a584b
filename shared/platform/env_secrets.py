"""Local secrets: environment variables, then an optional `.env` file.

Secret `jwt-signing-key` is read from `JWT_SIGNING_KEY` (kebab-case to UPPER_SNAKE_CASE).
The environment wins over the file, as with every dotenv tool. An empty value counts as
absent: an empty signing key must fail loudly, not sign tokens.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from shared.platform.secrets import SecretNotFound


def env_var_name(secret: str) -> str:
    return secret.replace("-", "_").upper()


def read_dotenv(path: Path) -> dict[str, str]:
    """`KEY=VALUE` lines; blank lines, `#` comments and an `export ` prefix are allowed,
    and one pair of matching quotes around a value is removed. A missing file is empty."""
    if not path.is_file():
        return {}
    values: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.removeprefix("export ").split("=", 1)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


class EnvSecrets:
    """`SecretStore` for local runs and tests; the `.env` file is read once, here."""

    def __init__(
        self, environ: Mapping[str, str] = os.environ, dotenv_path: str | Path | None = None
    ) -> None:
        self._environ = environ
        self._dotenv = read_dotenv(Path(dotenv_path)) if dotenv_path is not None else {}

    def get(self, name: str) -> str:
        key = env_var_name(name)
        value = self._environ.get(key) or self._dotenv.get(key)
        if not value:
            raise SecretNotFound(name)
        return value
