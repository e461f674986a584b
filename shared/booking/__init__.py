"""Booking: chefs, availability, holds and the booking lifecycle (markets are pricing's)."""
