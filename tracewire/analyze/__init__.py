"""Analyze: corroboration, networks, attention and alerts over stored statements (to come)."""
