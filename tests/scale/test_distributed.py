"""Distributed ingest on a real LocalCluster of two worker processes: the same store as one process."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLE
from tracewire.pipeline import Ingester
from tracewire.scale.distributed import DistributedIngester, connect, worker_state
from tracewire.store import open_store


@pytest.fixture(scope="module")
def client():
    with connect(workers=2) as c:
        yield c


def test_two_workers_store_exactly_what_one_process_stores(client, fresh_db, nlp):
    single = open_store(fresh_db("single"))
    one = Ingester(single, nlp=nlp, batch_size=4).run([str(SAMPLE)])
    spread = open_store(fresh_db("spread"))
    ingester = DistributedIngester(spread, client, batch_size=4)
    states = ingester.warm()
    many = ingester.run([str(SAMPLE)])
    assert len({s["pid"] for s in states}) == 2
    assert many.to_json() == one.to_json()
    assert many.new > 30
    assert spread.snapshot() == single.snapshot()
    # every worker loaded the model once, and only once, for all the batches it ran
    assert sorted(s["model_loads"] for s in client.run(worker_state).values()) == [1, 1]
    again = DistributedIngester(spread, client, batch_size=4).run([str(SAMPLE)])
    assert again.new == 0 and again.seen == one.read
    assert spread.snapshot() == single.snapshot()


def test_an_unreachable_scheduler_is_one_clear_error():
    from tracewire.errors import TracewireError

    with pytest.raises(TracewireError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"), \
            connect(scheduler="tcp://127.0.0.1:9", timeout=2):
        pass
