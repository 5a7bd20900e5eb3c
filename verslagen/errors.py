class VerslagError(Exception):
    """A rule of reports or evaluations stopped the action; the message is shown."""
