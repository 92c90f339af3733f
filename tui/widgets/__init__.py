"""Reusable Textual widgets; they receive data as attributes and post messages up."""
