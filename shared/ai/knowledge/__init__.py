"""The knowledge base: seeded policy/FAQ documents, versioned, searched by meaning."""
