"""The authenticated caller, as every admin handler sees it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Role = Literal["owner", "admin", "manager", "staff", "chef"]


class Principal(BaseModel):
    subject: str = Field(description="User id, or `apikey:<name>` for a service key")
    roles: list[Role]
    kind: Literal["user", "service"] = "user"
    name: str | None = None

    def has_any(self, roles: tuple[str, ...] | list[str]) -> bool:
        return any(r in roles for r in self.roles)
