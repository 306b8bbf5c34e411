"""Liaisons and inquiries: root queries and mutations."""
