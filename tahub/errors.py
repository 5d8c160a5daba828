"""One base error; each layer raises a subclass whose message a person can act on."""


class TahubError(Exception):
    """Base of every error tahub reports to a user."""


class UsageError(TahubError):
    """The request itself is unusable: missing file, unknown profile, not a table."""


class SchemaError(TahubError):
    """A YAML vocabulary or profile file is invalid; the message names file and key."""
