"""``python -m convert`` runs the docconv command line."""

from .cli import main

main()
