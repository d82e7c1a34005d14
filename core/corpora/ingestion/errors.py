class IngestionError(Exception):
    """Stops ingestion of one document; ``message`` is shown to the person: one of the
    sentences of ``failures`` with its parameters, in English until a page puts it
    into the reader's language (``failures.failure_words``)."""

    def __init__(self, message: str, **params: object):
        message = message % params if params else message
        super().__init__(message)
        self.message = message
