"""A core package's public names, loaded on first use.

Each core package lists what apps may import in its ``__init__``: a mapping of
name -> module. ``__all__`` is that list (what docs/CORE_API.md documents and the
import test enforces); the module is imported only when the name is first read,
so a package that holds Django models can be imported before the app registry
is ready."""

from __future__ import annotations

from importlib import import_module


def lazy_exports(package: str, names: dict[str, str]):
    """A module ``__getattr__`` for ``package`` serving ``names``."""

    def __getattr__(name: str):
        try:
            module = names[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        return getattr(import_module(module), name)

    return __getattr__
