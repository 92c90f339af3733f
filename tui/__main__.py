"""`python -m tui` runs the same command line as `jiradash`."""

from tui.cli import main

raise SystemExit(main())
