"""The summary brief: key sentences, facts (who, when, where, figures) and keywords."""
