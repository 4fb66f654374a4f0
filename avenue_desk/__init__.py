"""Avenue Desk: a school office's desk for social media misuse and the staff code of conduct."""

__version__ = "0.1.0"
