"""The REST API: FastAPI routers under /api/v1, every read through `tahub.access`."""
