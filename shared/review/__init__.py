"""Draft review: AI replies on chosen channels wait for a person's approval before sending."""
