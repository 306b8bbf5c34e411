"""The HTTP edge around the Starlette app: request body limit, security headers and CORS,
GraphQL-over-HTTP media types and status codes, page policies, readiness."""
