"""Payments: deposits, refunds and balances through Stripe (or offline, locally), Stripe's
webhook, and staff-matched alternative payments (Zelle, Venmo)."""
