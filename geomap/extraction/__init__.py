"""Text → candidate events with their dates, places, actors and the sentence that says so.

``extract(path_or_text, published=None)`` reads one document;
``extract_paths(paths)`` reads files and directories and reports, per
document, the places it could not resolve and any failure.
"""
from .core import DocumentReport, ExtractResult, document_paths, extract, extract_paths, merge_across

__all__ = ["extract", "extract_paths", "ExtractResult", "DocumentReport", "document_paths", "merge_across"]
