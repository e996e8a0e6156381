"""``python -m convert`` runs the docconv command line."""

import sys

from .cli import main

sys.exit(main())
