"""Deterministic flows: they decide and call tools; understanding only emits commands."""
