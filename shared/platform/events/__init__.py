"""Event bus port: Pub/Sub in production, an in-process dispatcher locally."""

from shared.platform.events.port import EventBus, PublishedMessage

__all__ = ["EventBus", "PublishedMessage"]
