"""A small utility portal: it follows a utility's case events from the hub over a WebSocket
(resuming from the last cursor it saved) and receives the same events as signed webhooks,
handling each event exactly once whichever way it arrives first."""
