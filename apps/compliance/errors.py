"""The one error type the reading pipeline raises: its message is for the user."""


class DrawingError(Exception):
    """A drawing could not be read; ``str(error)`` is a plain sentence for the engineer."""
