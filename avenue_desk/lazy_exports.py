"""A package's public names, each loaded from its module when first used.

Feature packages (and ``reports``) list their public names in ``_EXPORTS`` (name -> module
in the package) and set ``__getattr__ = lazy_getattr(__name__, _EXPORTS)``: importing the
package then costs nothing, which keeps the first paint free of SQLAlchemy and ReportLab,
while other packages still import the names from the package, never from a module inside
it. ``tests/test_layering.py`` reads the same ``_EXPORTS`` tables.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module


def lazy_getattr(package: str, exports: Mapping[str, str]) -> Callable[[str], object]:
    """The package's module-level ``__getattr__`` (PEP 562) for ``exports``."""

    def __getattr__(name: str) -> object:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{module}", package), name)
        setattr(sys.modules[package], name, value)  # found directly from now on
        return value

    return __getattr__
