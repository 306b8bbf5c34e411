"""Request budgets per token and per client address, and the ASGI middleware that spends them."""
