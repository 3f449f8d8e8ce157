"""One look for every renderer: colour, symbol and label per event type and precision.

The interactive map and the static report both read these, so a strike is the
same red triangle everywhere. Colours are from ColorBrewer's Set1/Dark2
(distinct for the common forms of colour blindness in pairs that matter).
"""
from __future__ import annotations

from ..schema import EVENT_TYPES

TYPE_STYLE: dict[str, dict[str, str]] = {
    "deployment": {"color": "#377eb8", "symbol": "square", "marker": "s", "label": "Deployment"},
    "drone_reconnaissance": {"color": "#984ea3", "symbol": "diamond", "marker": "D", "label": "Drone reconnaissance"},
    "strike": {"color": "#e41a1c", "symbol": "triangle", "marker": "^", "label": "Strike"},
    "ground_assault": {"color": "#ff7f00", "symbol": "circle", "marker": "o", "label": "Ground assault"},
    "other": {"color": "#4d4d4d", "symbol": "cross", "marker": "P", "label": "Other (training, transfers)"},
}
assert tuple(TYPE_STYLE) == EVENT_TYPES

# Oblast-level events are never drawn as pins: a hollow, dashed ring at the
# oblast's representative point, in the type's colour.
ADMIN1_STYLE = {"fill_opacity": 0.0, "dash": "4 3", "radius_px": 14, "label": "Known only to the oblast"}
# Every area-level precision is a ring at the area's point, never a pin on the town there (a hromada's
# or raion's centre is not where the event was); smaller rings, finer dashes for smaller areas.
AREA_STYLES: dict[str, dict] = {
    "hromada": {"dash": "1 2", "radius_px": 10, "offset_px": 17,
                "label": "Known only to the hromada (ring at its centre)"},
    "admin2": {"dash": "3 2", "radius_px": 11, "offset_px": 19,
               "label": "Known only to the district (ring at its centre)"},
    "admin1": {**ADMIN1_STYLE, "offset_px": 27},
}
PRECISE_STYLE = {"fill_opacity": 0.85, "radius_px": 7}
# Events whose date is coarser than a week are drawn lighter.
IMPRECISE_TIME_OPACITY = 0.45
FOCUS_BOUNDARY = {"color": "#222222", "weight": 2.5}
NEIGHBOUR_BOUNDARY = {"color": "#999999", "weight": 1.0}
BORDER_LINE = {"color": "#000000", "weight": 3.0, "dash": "8 4"}  # Russia–Ukraine state border

ATTRIBUTION_NE = "Boundaries: Natural Earth (public domain)"
ATTRIBUTION_GN = "Places: GeoNames (CC BY 4.0)"
