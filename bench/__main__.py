"""`python -m bench`: every benchmark, one JSON document (see `bench/run.py`)."""

from bench.run import main

raise SystemExit(main())
