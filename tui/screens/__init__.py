"""Textual screens: each reads the Store and dispatches mutations; none touches httpx."""
