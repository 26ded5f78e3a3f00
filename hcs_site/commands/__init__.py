"""One module per `hcs-site` command; `hcs_site.cli` registers them on the group."""
