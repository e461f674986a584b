"""Booking: markets, chefs, availability, holds and the booking lifecycle."""
