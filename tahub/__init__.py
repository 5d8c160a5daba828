"""tahub: an open, self-hostable intelligence hub against human trafficking."""

__version__ = "0.1.0"
