"""docconv: convert news articles through one document model and pluggable formats.

The Python API::

    import convert
    doc = convert.load("article.txt")
    pdf = convert.render(doc, "pdf")
    convert.convert("article.txt", "article.docx")
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("docconv")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

from .api import convert, formats, load, render, transform
from .errors import (
    DocconvError,
    InputError,
    OutputError,
    RenderError,
    UnknownFormatError,
    UsageError,
)
from .hookspecs import hookimpl
from .model import (
    SCHEMA_VERSION,
    Document,
    Heading,
    ListBlock,
    Metadata,
    Origin,
    Paragraph,
    Quote,
)
from .specs import PLUGIN_API_VERSION, Option, Reader, Transform, Writer

__all__ = [
    "PLUGIN_API_VERSION",
    "SCHEMA_VERSION",
    "DocconvError",
    "Document",
    "Heading",
    "InputError",
    "ListBlock",
    "Metadata",
    "Option",
    "Origin",
    "OutputError",
    "Paragraph",
    "Quote",
    "Reader",
    "RenderError",
    "Transform",
    "UnknownFormatError",
    "UsageError",
    "Writer",
    "__version__",
    "convert",
    "formats",
    "hookimpl",
    "load",
    "render",
    "transform",
]
