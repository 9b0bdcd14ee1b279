"""The HTTP API and dashboard (`sitrep serve`)."""
