class TrajectError(Exception):
    """A rule of the programme stopped the action; the message is shown to the user."""
