"""One-sentence summaries written from an event's fields, never copied from the source."""
from __future__ import annotations

import calendar
import datetime as _dt
from typing import Any, Mapping

_WEAPON_WORDS = {
    "quadcopter": "quadcopters", "fpv_drone": "FPV drones", "drone": "drones", "mlrs": "multiple rocket launchers",
    "artillery": "artillery", "missile": "missiles", "glide_bomb": "glide bombs", "aircraft": "aircraft",
    "mortar": "mortars", "armour": "armour", "small_arms": "small arms",
}


def _join(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def date_phrase(start: str, end: str, precision: str) -> str:
    """'on 12 March 2025', 'in October 2025', 'in autumn 2024', 'between … and …'."""
    s, e = _dt.date.fromisoformat(start), _dt.date.fromisoformat(end)
    if s == e:
        return f"on {s.day} {calendar.month_name[s.month]} {s.year}"
    if s.day == 1 and s.year == e.year and s.month == e.month and e.day == calendar.monthrange(e.year, e.month)[1]:
        return f"in {calendar.month_name[s.month]} {s.year}"
    seasons = {(3, 5): "spring", (6, 8): "summer", (9, 11): "autumn", (12, 2): "winter"}
    if s.day == 1 and (s.month, e.month) in seasons and e.day == calendar.monthrange(e.year, e.month)[1]:
        return f"in {seasons[(s.month, e.month)]} {s.year}"
    if s == _dt.date(s.year, 1, 1) and e == _dt.date(s.year, 12, 31):
        return f"in {s.year}"
    if precision == "week":
        return f"in the week of {s.day} {calendar.month_name[s.month]} {s.year}"
    return f"between {s.isoformat()} and {e.isoformat()}"


def place_phrase(p: Mapping[str, Any], extra: Mapping[str, Any]) -> str:
    gp = p.get("geo_precision")
    admin1 = p.get("admin1") or "an unknown oblast"
    if gp == "settlement":
        text = f"in {p.get('place')} ({admin1})"
    elif gp == "near_settlement":
        text = f"near {p.get('place')} ({admin1})"
    elif gp == "admin2":
        text = f"in the {p.get('place')} area ({admin1})"
    elif gp == "hromada":  # a territorial community: an area, neither its centre town nor the whole oblast
        place = str(p.get("place") or "")
        text = f"in {place if 'hromada' in place.lower() else place + ' hromada'} ({admin1})"
    else:
        text = f"in {admin1}"
        if extra.get("unresolved_place"):
            # the mention was not taken as the event's place: a village the gazetteer lacks, a namesake in another
            # oblast, a far reference point, a force named for a town; the summary says only what holds for all
            text += f" (the report names {extra['unresolved_place']}, not placed as the event's location)"
        elif extra.get("place_from_context"):
            text += " (oblast inferred from the surrounding text)"
    return text


def write_summary(p: Mapping[str, Any], extra: Mapping[str, Any]) -> str:
    """A summary sentence from the event's type, actors, weapons, place, dates and claimant."""
    actors = _join(list(p.get("actors") or [])) or "Unidentified forces"
    weapons = [_WEAPON_WORDS.get(w, w) for w in p.get("weapons") or []]
    where = place_phrase(p, extra)
    when = date_phrase(p["date_start"], p["date_end"], p["time_precision"])
    et, st = p.get("event_type"), p.get("sub_type")
    targets = _join([t.replace(" forces", "") for t in extra.get("targets") or []])
    if et == "deployment":
        verb = {"reinforcement": "were sent to reinforce the front", "presence": "were stationed",
                "redeployment": "were moved", "withdrawal": "withdrew"}.get(st, "were deployed")
        text = f"{actors} {verb} {where} {when}"
    elif et == "drone_reconnaissance":
        how = {"target_acquisition": "to find targets for strikes", "fire_adjustment": "to pass coordinates and adjust fire"}.get(st, "")
        kit = _join(weapons) or "drones"
        where = where.replace("in ", "over ", 1) if where.startswith("in ") else where
        text = f"{actors} flew {kit} on reconnaissance {where} {when}"
        if how:
            text += f" {how}"
        if extra.get("observed_from"):
            text += f", operating across the border from {extra['observed_from']}"
    elif et == "strike":
        kind = {"mlrs": "rocket", "artillery": "artillery", "missile": "missile", "air_strike": "air",
                "glide_bomb": "glide-bomb", "drone_strike": "drone"}.get(st, "")
        obj = f" on {targets} positions" if targets else ""
        text = f"{actors} carried out {'an' if kind[:1] in 'aeiou' and kind else 'a'} {kind + ' ' if kind else ''}strike{obj} {where} {when}"
        if weapons and not kind:
            text += f" using {_join(weapons)}"
    elif et == "ground_assault":
        verb = {"incursion": "made a cross-border incursion", "counteroffensive": "counter-attacked",
                "offensive": "pressed an offensive", "armed_clash": "fought"}.get(st, "launched a ground assault")
        text = f"{actors} {verb} {where} {when}"
        if extra.get("outcome") == "stopped":
            text += "; the push was reported stopped"
        elif extra.get("outcome") == "gained ground":
            text += " and gained ground"
    elif st == "training":
        skills = f" in the use of {_join(weapons)}" if weapons else ""
        text = f"{actors} took part in training{skills} {where} {when}"
    elif st == "casualties":
        counts = [f"{n} {what}" for n, what in ((p.get("fatalities"), "killed"), (extra.get("wounded"), "wounded"))
                  if n is not None]
        text = f"{actors} suffered losses{' (' + ', '.join(counts) + ')' if counts else ''} {where} {when}"
    else:
        text = f"{actors} were involved in an event {where} {when}"
    claimed = list(dict.fromkeys(filter(None, extra.get("claimed_by") or [])))  # one per quote: can be long
    if p.get("claim_status") == "disputed":
        text += ", a claim that is disputed"
    if claimed:
        text += f", according to {_join(claimed)}"
    return text + "."
