class TrajectError(Exception):
    """A rule of the programme stopped the action; the message is shown to the user."""


class TrajectVol(TrajectError):
    """Every seat is taken: the coordinator may still place someone, after a warning."""
