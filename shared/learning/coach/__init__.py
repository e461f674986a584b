"""The daily AI coach report: yesterday's numbers, the standing scenarios' results, and
what regressed, stored for admins and sent to the owner."""
