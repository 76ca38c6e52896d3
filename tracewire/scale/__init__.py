"""Scale-out: ingest with extraction spread over a Dask cluster (``scale.distributed``)."""
