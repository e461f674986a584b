"""Analytics: reports over the analytics events (DuckDB locally, BigQuery in production)."""
