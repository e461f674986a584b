"""Customers: one identity across phone, email and social handles."""
