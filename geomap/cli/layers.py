"""``geomap layers``: per layer, its count, date range and precision mix."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import click

from ..layers import read_layer_dir
from ..schema import GEO_PRECISIONS, TIME_PRECISIONS
from .options import layer_dir_arg


@dataclass
class LayerSummary:
    name: str
    count: int
    first: str | None
    last: str | None
    geo: Counter
    time: Counter

    def line(self) -> str:
        span = f"{self.first} .. {self.last}" if self.count else "-"
        geo = ", ".join(f"{k} {self.geo[k]}" for k in GEO_PRECISIONS if self.geo[k])
        tp = ", ".join(f"{k} {self.time[k]}" for k in TIME_PRECISIONS if self.time[k])
        return f"{self.name:<22} {self.count:>7} events  {span:<24} geo: {geo or '-'}  time: {tp or '-'}"


def summarise_layers(layer_dir: Path | str) -> list[LayerSummary]:
    out = []
    for path, feats in read_layer_dir(layer_dir):  # one generation: a build publishing meanwhile is not mixed in
        starts = [f["properties"].get("date_start") for f in feats if f["properties"].get("date_start")]
        ends = [f["properties"].get("date_end") for f in feats if f["properties"].get("date_end")]
        out.append(LayerSummary(
            name=path.stem, count=len(feats),
            first=min(starts) if starts else None, last=max(ends) if ends else None,
            geo=Counter(f["properties"].get("geo_precision") for f in feats),
            time=Counter(f["properties"].get("time_precision") for f in feats),
        ))
    return out


@click.command(short_help="Summarise a layer directory.")
@layer_dir_arg
def layers(layer_dir: str) -> None:
    """Each layer in LAYER_DIR: event count, date range and precision mix."""
    for row in summarise_layers(layer_dir):
        click.echo(row.line())
