"""Nightly self-healing: find what went wrong in recent turns, propose fixes with a replay
of the affected turns under each fix, and apply one only when staff approve it."""
