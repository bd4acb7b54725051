"""python -m redress: the redress command."""

import sys

from .cli import main

sys.exit(main())
