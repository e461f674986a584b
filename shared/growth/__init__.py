"""Growth: what happens around a customer's events (reviews, referrals, loyalty, reminders).

Reads bookings and customers; writes only its own records, the customer's memory and
notices on the booking outbox. Booking reaches it through `BookingCredits` (a port booking
owns), so booking never imports growth.
"""
