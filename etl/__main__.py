"""`python -m etl ...`: the command line of the write side."""

import sys

from etl.cli import main

sys.exit(main())
