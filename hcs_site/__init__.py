"""hcs-site: validate a competency framework and student portfolios, and publish them as a site."""

__version__ = "0.1.0"
