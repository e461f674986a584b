"""What a server process loads before it takes requests, not during its first ones.

A chat turn's first use loads the embedding model and the router's exemplars (about a
second) and builds the knowledge index's snapshot. A replica that starts under load would
otherwise answer its first few dozen customers that much later (measured: p99 1.4 s in
the first seconds of a 50-client run, against ~0.7 s after).
"""

from __future__ import annotations

from shared.ai import routing
from shared.ai.knowledge import base as knowledge
from shared.platform.services import Platform


def warm(platform: Platform) -> None:
    routing.route("warm up")
    knowledge.search(platform.store, platform.vectors, "warm up")
