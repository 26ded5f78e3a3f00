"""Bringing a committee's work into content/: a spreadsheet of objectives into a course file.

Core code: it returns YAML text and diagnostics (by sheet row and column); the `import csv`
command decides what is written, atomically, and only when the whole sheet is valid.
"""
