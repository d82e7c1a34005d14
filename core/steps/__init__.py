"""The step vocabulary every job records with: step kinds, the ``Steps`` writer, its
sinks, ``Stopped``/``Cancelled``, and the payload builders. It calls no model:
``core.runs`` (the recorder), ``core.corpora`` (ingestion) and the apps' computed
steps use it without the model library; ``core.reasoning`` records on it too."""

from core.exports import lazy_exports

_NAMES = {
    "StepKind": "core.steps.events",
    "StepStatus": "core.steps.events",
    "Steps": "core.steps.events",
    "StepHandle": "core.steps.events",
    "Sink": "core.steps.events",
    "ListSink": "core.steps.events",
    "NullSink": "core.steps.events",
    "Stopped": "core.steps.events",
    "Cancelled": "core.steps.events",
    "hit_record": "core.steps.payloads",
    "retrieval_data": "core.steps.payloads",
}
__all__ = list(_NAMES)
__getattr__ = lazy_exports(__name__, _NAMES)
