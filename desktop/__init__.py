"""Interview Desk: live coding interviews on a local network."""

__version__ = "0.1.0"
