"""Payments outside Stripe (Zelle, Venmo, Cash App): parse the notification email staff
paste, propose the bookings it pays for, apply the one staff confirm."""
