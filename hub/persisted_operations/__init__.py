"""Persisted operations: Apollo's automatic persisted queries (a client sends a document's
sha256 instead of its text) and the registered operations HUB_PERSISTED_ONLY=true restricts
the hub to."""
