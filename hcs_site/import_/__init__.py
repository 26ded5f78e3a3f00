"""Bringing a committee's work into content/: spreadsheets into area and course files.

Core code: it returns YAML text and diagnostics (by sheet row and column); the `import csv`
command decides what is written, atomically, and only when every sheet is valid. Files are edited
in place (`yaml_patch`), so an import changes only the values whose cells changed.
"""
