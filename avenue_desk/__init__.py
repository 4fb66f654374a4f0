"""Avenue Desk: a school office's desk for social media misuse and the staff code of conduct."""

# Semantic versions (CHANGELOG.md); pyproject.toml reads this one.
__version__ = "0.15.0"
