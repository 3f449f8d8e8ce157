"""geomap: military events in Kursk and Sumy oblasts as honest, located, sourced GeoJSON layers."""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import GazetteerError, GeomapError, InputError, OutputError, ValidationError  # noqa: E402

_API = {
    "load": "api", "events": "api", "save": "api", "to_map": "api", "report": "api",
    "geocode": "api", "extract": "api", "export": "api",
    "to_frame": "io.frame", "from_frame": "io.frame", "as_features": "filters", "select": "filters",
}

__all__ = [
    "__version__",
    *_API,
    "GeomapError",
    "InputError",
    "ValidationError",
    "OutputError",
    "GazetteerError",
]


def __getattr__(name: str):
    """Import the API lazily, so ``geomap --help`` does not load geopandas."""
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'geomap' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
