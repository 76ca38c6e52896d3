"""tracewire: news reports about armed groups and states, turned into an evidence-linked knowledge graph.

Data flows through the stage packages in this order:
``ingest`` (files, HTML, feeds, JSON lines -> Document) -> ``extract`` (spaCy + rules -> entities)
-> ``store`` (SQLite) -> ``serve`` (CLI, HTTP). ``model`` holds the records passed between them.
"""

__version__ = "0.1.0"
EXTRACTOR_VERSION = "tracewire-extract/0.1"

__all__ = ["EXTRACTOR_VERSION", "__version__"]
