"""Demo activity for `make dev`: a quarter of conversations, quotes and bookings, so every
staff view and report has something to show. Written through the real services."""
