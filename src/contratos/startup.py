"""Faster start for the command line: spaCy's package __init__ imports its own command line
(spacy.cli: typer, weasel, requests), about 0.3 s of a cold `contratos check` that only loads a
model. `defer_spacy_cli()` makes the import system hand out stand-ins for spacy.cli and
spacy.cli.info that import the real modules on first use, so nothing changes for code that does
use them. Only the `contratos` command calls it, never the library."""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import types

_DEFERRED = ("spacy.cli", "spacy.cli.info")


class _DeferredModule(types.ModuleType):
    """A module that becomes the real one on first attribute access."""

    def __getattr__(self, name):
        if name.startswith("__"):  # the import system probing (__path__, __file__): not a use
            raise AttributeError(name)
        return getattr(_load_real(self.__name__), name)


def _info(*args, **kwargs):
    return _load_real("spacy.cli.info").info(*args, **kwargs)


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the stand-ins through the normal import path, so `spacy.cli` is set on the package."""

    def find_spec(self, name, path=None, target=None):
        if name in _DEFERRED:
            return importlib.util.spec_from_loader(name, self, is_package=name == "spacy.cli")
        return None

    def create_module(self, spec):
        return _DeferredModule(spec.name)

    def exec_module(self, module):
        if module.__name__ == "spacy.cli.info":
            module.info = _info


_FINDER = _Finder()


def _load_real(name: str):
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
    for key in _DEFERRED:
        if isinstance(sys.modules.get(key), _DeferredModule):
            del sys.modules[key]
    return importlib.import_module(name)


def defer_spacy_cli() -> None:
    if "spacy" not in sys.modules and _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
