"""geomap: military events in Kursk and Sumy oblasts as honest, located, sourced GeoJSON layers."""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import GazetteerError, GeomapError, InputError, OutputError, ValidationError  # noqa: E402

__all__ = [
    "__version__",
    "GeomapError",
    "InputError",
    "ValidationError",
    "OutputError",
    "GazetteerError",
]
