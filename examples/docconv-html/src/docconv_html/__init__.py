"""docconv plugin: the ``html`` writer, a standalone, readable web page for one article.

The page carries the document's language tag (so browsers pick Chinese glyphs and
line-breaking rules), the headline as ``<h1>``, CSS tuned for CJK text, and the source
line. It needs only the standard library, so importing it costs docconv nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

import convert
from convert import (
    Block,
    Code,
    Document,
    Figure,
    Heading,
    ListBlock,
    Option,
    Paragraph,
    Quote,
    Writer,
    hookimpl,
)
from convert.toolkit import source_line

if convert.PLUGIN_API_VERSION != 1:  # docconv then lists this plugin as broken, with this reason
    raise ImportError(
        f"docconv-html is written for docconv plugin API 1, not {convert.PLUGIN_API_VERSION}"
    )

CSS = """\
:root { color-scheme: light dark; }
body { max-width: 38em; margin: 0 auto; padding: 2em 1.25em 4em; font-size: 1.0625rem;
  line-height: 1.8; font-family: system-ui, sans-serif;
  text-align: justify; line-break: strict; overflow-wrap: anywhere; }
html:lang(zh-Hant) body, html:lang(zh-TW) body, html:lang(zh-HK) body {
  font-family: "PingFang TC", "Noto Sans CJK TC", "Source Han Sans TC",
    "Microsoft JhengHei", "WenQuanYi Micro Hei", sans-serif; }
html:lang(zh-Hans) body, html:lang(zh-CN) body, html:lang(zh-SG) body {
  font-family: "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
    "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
h1 { font-size: 1.6em; line-height: 1.4; text-align: start; margin: 0 0 1em; }
h2, h3, h4, h5, h6 { line-height: 1.4; text-align: start; }
p { margin: 0 0 1em; }
blockquote { margin: 1em 0; padding-left: 1em; border-left: 0.25em solid #8884; }
pre { overflow-x: auto; padding: 0.75em 1em; background: #8881; text-align: start;
  line-height: 1.5; white-space: pre; }
figure { margin: 1em 0; text-align: center; }
img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; color: #777; }
.source { margin-top: 2em; text-align: end; color: #777; }
"""
INDENT_CSS = "html:lang(zh) article > p { text-indent: 2em; }\n"

OPTIONS = (
    Option(
        name="stylesheet",
        default="",
        help="URL of a stylesheet to link instead of the built-in CSS",
    ),
    Option(
        name="indent",
        type=bool,
        default=True,
        help="Indent the first line of Chinese paragraphs by two characters",
    ),
)


BLOCKS = frozenset({"heading", "paragraph", "list", "quote", "code", "figure"})
"""The kinds of block :func:`_block` handles, by name: docconv gives a writer only the kinds
it declares (others as paragraphs), so a kind added later never reaches this code."""


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(block.level + 1, 6)  # <h1> is the headline
        return f"<h{level}>{escape(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = "".join(f"<li>{escape(item)}</li>" for item in block.items)
        return f"<{tag}{start}>{items}</{tag}>"
    if isinstance(block, Quote):
        return f"<blockquote><p>{escape(block.text)}</p></blockquote>"
    if isinstance(block, Code):  # lines as written; the fence's word as HTML's usual class
        language = f' class="language-{escape(block.language)}"' if block.language else ""
        return f"<pre><code{language}>{escape(block.text)}</code></pre>"
    if isinstance(block, Figure):  # the image where it stood, its caption below it
        image = f'<img src="{escape(block.src)}" alt="{escape(block.text)}">' if block.src else ""
        return f"<figure>{image}<figcaption>{escape(block.text)}</figcaption></figure>"
    convert.unhandled_block(block)


def _head(document: Document, options: Mapping[str, Any]) -> list[str]:
    meta = document.meta
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(meta.title or document.name)}</title>",
    ]
    if meta.keywords:
        head.append(f'<meta name="keywords" content="{escape(", ".join(meta.keywords))}">')
    if options["stylesheet"]:
        head.append(f'<link rel="stylesheet" href="{escape(options["stylesheet"])}">')
    else:
        head.append(f"<style>\n{CSS}{INDENT_CSS if options['indent'] else ''}</style>")
    return head


def page(document: Document, options: Mapping[str, Any]) -> str:
    """The whole page as text; ``options`` are the resolved ``stylesheet`` and ``indent``."""
    body = [f"<h1>{escape(document.meta.title)}</h1>"] if document.meta.title else []
    body += [_block(block) for block in document.blocks]
    if line := source_line(document):
        body.append(f'<footer class="source">{escape(line)}</footer>')
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{escape(document.meta.language)}">',
            "<head>",
            *_head(document, options),
            "</head>",
            "<body>",
            "<article>",
            *body,
            "</article>",
            "</body>",
            "</html>",
            "",
        ]
    )


def render(document: Document, options: Mapping[str, Any]) -> bytes:
    return page(document, options).encode("utf-8")


@hookimpl
def register_writers() -> list[Writer]:
    return [
        Writer(
            name="html",
            aliases=("htm",),
            render=render,
            extension="html",
            media_type="text/html; charset=utf-8",
            description="Standalone web page: <h1> headline, CJK-friendly CSS, source line",
            options=OPTIONS,
            blocks=BLOCKS,
            # Typeset output: full-width punctuation beside Chinese (-O punctuation=keep).
            transforms=("punctuation",),
        )
    ]
