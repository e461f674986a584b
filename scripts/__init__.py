"""Developer tools: dev runtime, seeding, schema export, tokens, benchmarks."""
