from trajecten.errors import TrajectError


class WaardenError(TrajectError):
    """A rule of the values board stopped the action; the message is shown to the user."""
