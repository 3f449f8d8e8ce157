"""The Dask worker plugin that readies a worker for extraction (imported only when dask is)."""
from __future__ import annotations

from distributed import WorkerPlugin


class ProjectPlaces(WorkerPlugin):
    """The caller's project places, set on a worker with the place index loaded: once per worker, when the
    run registers the plugin (and on a worker that joins later), not once per task."""

    name = "geomap-places"

    def __init__(self, state: tuple, ready) -> None:
        self.state = state
        self.ready = ready  # parallel._take_state, sent by name (this module does not import parallel)

    def setup(self, worker) -> None:
        self.ready(self.state)
