"""Briefing a text written for a test: one helper for every brief test file."""

from __future__ import annotations

from typing import Any

import convert


def brief_document(text: str, name: str = "article.txt", **options: object) -> convert.Document:
    """The brief of ``text`` read as the file ``name`` (its extension picks the reader)."""
    document = convert.load(text.encode("utf-8"), name=name)
    return convert.transform(document, "brief", **options)


def brief_of(text: str, **options: object) -> dict[str, Any]:
    """The brief's data (``meta.extras["brief"]``) of a plain-text article."""
    return dict(brief_document(text, **options).meta.extras["brief"])
