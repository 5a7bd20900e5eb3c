"""The meeting as it happens: attendance at the door, walk-ins, the shared screen and what
people contribute from their phones."""
