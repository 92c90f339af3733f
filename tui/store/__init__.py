"""The async store between screens and the Jira API: cache, coalescing, retries, mutations.

`tui.store.store.Store` is the interface (see docs/ARCHITECTURE.md); `tui.store.build` makes one
from a profile.
"""
