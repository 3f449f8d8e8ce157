"""File formats, one module each with its reader and writer (geojson, gpkg, csv, acled, curated, frame).

``registry`` lists them for ``geomap export -f`` and ``geomap import``; ``common``
holds what they share (atomic writes, skipped rows, --strict). Kept free of
imports so that ``geomap.layers`` can use ``io.common`` without a cycle.
"""
