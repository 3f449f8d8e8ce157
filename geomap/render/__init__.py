"""Renderers: turn event layers into things people look at (the interactive map, reports)."""
