"""Task queue port: Cloud Tasks HTTP tasks in production, a persisted local scheduler locally."""

from shared.platform.tasks.port import EnqueuedTask, TaskQueue

__all__ = ["EnqueuedTask", "TaskQueue"]
