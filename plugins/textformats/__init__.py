"""Plain text, Markdown and JSON: the text formats."""
