"""Renderers: the interactive map and the static report, both from event layers."""
