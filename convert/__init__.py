"""docconv: convert news articles through one document model and pluggable formats.

The Python API::

    import convert
    doc = convert.load("article.txt")
    pdf = convert.render(doc, "pdf")
    convert.convert("article.txt", "article.docx")

Names are imported on first use (PEP 562), so that ``docconv --help`` and
``import convert`` stay fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "api": ("convert", "convert_many", "formats", "load", "render", "transform"),
    "errors": (
        "DeclarationError",
        "DocconvError",
        "InputError",
        "InvalidDocumentError",
        "OutputError",
        "RenderError",
        "UnknownFormatError",
        "UsageError",
    ),
    "hookspecs": ("hookimpl",),
    "model": (
        "SCHEMA_VERSION",
        "WELL_KNOWN_EXTRAS",
        "Block",
        "BlockVisitor",
        "Code",
        "Document",
        "Figure",
        "Heading",
        "ListBlock",
        "Metadata",
        "Origin",
        "Paragraph",
        "Quote",
        "UnknownBlockError",
        "block_texts",
        "is_prose",
        "map_text",
        "unhandled_block",
    ),
    "specs": ("PLUGIN_API_VERSION", "Option", "Reader", "Transform", "Writer"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

if TYPE_CHECKING:  # explicit re-exports, for type checkers and IDEs
    from .api import convert as convert
    from .api import convert_many as convert_many
    from .api import formats as formats
    from .api import load as load
    from .api import render as render
    from .api import transform as transform
    from .errors import DeclarationError as DeclarationError
    from .errors import DocconvError as DocconvError
    from .errors import InputError as InputError
    from .errors import InvalidDocumentError as InvalidDocumentError
    from .errors import OutputError as OutputError
    from .errors import RenderError as RenderError
    from .errors import UnknownFormatError as UnknownFormatError
    from .errors import UsageError as UsageError
    from .hookspecs import hookimpl as hookimpl
    from .model import SCHEMA_VERSION as SCHEMA_VERSION
    from .model import WELL_KNOWN_EXTRAS as WELL_KNOWN_EXTRAS
    from .model import Block as Block
    from .model import BlockVisitor as BlockVisitor
    from .model import Code as Code
    from .model import Document as Document
    from .model import Figure as Figure
    from .model import Heading as Heading
    from .model import ListBlock as ListBlock
    from .model import Metadata as Metadata
    from .model import Origin as Origin
    from .model import Paragraph as Paragraph
    from .model import Quote as Quote
    from .model import UnknownBlockError as UnknownBlockError
    from .model import block_texts as block_texts
    from .model import is_prose as is_prose
    from .model import map_text as map_text
    from .model import unhandled_block as unhandled_block
    from .specs import PLUGIN_API_VERSION as PLUGIN_API_VERSION
    from .specs import Option as Option
    from .specs import Reader as Reader
    from .specs import Transform as Transform
    from .specs import Writer as Writer


def wheel_version(package_folder: str) -> str | None:
    """The version an installed wheel names in its ``docconv-X.Y.Z.dist-info`` folder beside
    ``package_folder``, or None when there is not exactly one such folder.

    Importing ``importlib.metadata`` costs ~25 ms, a tenth of a one-off PDF, and a wheel's
    folder name already says the version; editable installs and source trees ask metadata.
    """
    import os

    site = os.path.dirname(package_folder)
    try:
        found = [
            n for n in os.listdir(site) if n.startswith("docconv-") and n.endswith(".dist-info")
        ]
    except OSError:
        return None
    return found[0][len("docconv-") : -len(".dist-info")] if len(found) == 1 else None


def _version() -> str:
    found = wheel_version(__path__[0])
    if found is not None:
        return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("docconv")
    except PackageNotFoundError:  # a source tree that is not installed
        return "0.0.0"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        globals()[name] = value = _version()
        return value
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'convert' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = sorted([*_MODULE_OF, "__version__"])
