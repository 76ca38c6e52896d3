"""Resolve: cross-document identity and geocoding (registry matches are made in ``extract`` for now)."""
