"""How long an unpaid hold keeps its chef window: the one place the number lives.

Imports only `datetime`, so the manifest and the AI's texts can render it without loading
the booking service.
"""

from __future__ import annotations

from datetime import timedelta

HOLD_FOR = timedelta(minutes=30)
HOLD_MINUTES = HOLD_FOR // timedelta(minutes=1)
