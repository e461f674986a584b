"""Ports to the cloud (store, events, tasks, secrets), config, clock, ids, errors, HTTP plumbing."""
