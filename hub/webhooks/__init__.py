"""Signed webhooks for utility portals that cannot hold a socket (API.md, "Events").

endpoints.py registers and manages endpoints (admins), dispatch.py fans committed events out
into delivery rows exactly once, delivery.py sends them at least once with backoff, signing.py
signs the bodies, jobs.py holds the queue's job functions.
"""
