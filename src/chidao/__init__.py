"""chidao: direction-and-follow-up records for Vietnamese Party committees and local governments."""

__version__ = "0.1.0"
