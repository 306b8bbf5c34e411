"""Logs (API.md, "Limits and protection"): one JSON object per line with the request id,
scrubbed of personal data, tokens and signed addresses."""

from hub.logs.request_id import current_request_id, request_id_bound
from hub.logs.setup import configure_logging

__all__ = ["configure_logging", "current_request_id", "request_id_bound"]
