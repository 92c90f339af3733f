"""Headless sub-commands of `jiradash`: each module adds its parsers with `register(subparsers)`.

They go cli -> store -> api and never import Textual.
"""
