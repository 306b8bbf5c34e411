"""Signing in and out, password changes, and the administration of users and API keys."""
