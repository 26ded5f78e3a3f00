"""`hcs-site upgrade`: rewrites a repository's content files from an older content format to the
current one (check/content_format.py), as one reviewable change. Nothing is written until every
step has run in memory and the new district.yml reads back as the same data plus its format."""
