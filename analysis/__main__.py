"""`python -m analysis`: see analysis/cli.py."""

from analysis.cli import main

raise SystemExit(main())
