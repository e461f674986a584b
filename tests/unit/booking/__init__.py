"""Unit tests for the booking domain."""
