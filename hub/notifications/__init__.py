"""Telling the applicant by SMS and e-mail at each step, once (API.md "Notifications").

A step calls `notify_applicant` inside its transaction: one Notification row per channel. After
commit a job sends each (hub/notifications/delivery.py) through the providers of
hub/connectors/notify*.py, retried with backoff; a periodic sweep queues again whatever a lost
job or a Redis outage left waiting."""
