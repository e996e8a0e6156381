"""The PDF writer: typesetting to CLREQ, fonts, line breaking."""
