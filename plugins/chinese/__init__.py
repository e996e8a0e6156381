"""Simplified and Traditional Chinese: OpenCC conversion and full-width punctuation."""
