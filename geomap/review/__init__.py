"""Review: analysts accept, correct or reject candidate events; the ledger keeps every decision.

``ledger`` stores decisions (append-only JSONL in ``data/reviews/``), ``apply``
folds them over a build's events, ``queue`` checks and records decisions for
the CLI and ``app`` (the local web application).
"""
