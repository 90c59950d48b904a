"""Annotation rules: what a linguist reads and extends."""
