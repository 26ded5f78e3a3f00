"""Starting files that already validate: `hcs-site new area|course|portfolio|evidence`.

The text of each file is a template in `templates/`, commented so that a committee, a teacher or
a student can fill it in without looking up the content model; `yaml_out` writes YAML the way the
loader reads it back.
"""
