"""People and portals who sign in: users, their sessions, API keys, and turning a bearer
credential (session secret, API key, or a `hub token` JWT) into a Principal."""
