"""Faster start for the command line: spaCy's package __init__ imports its own command line
(spacy.cli: typer, weasel, requests), about 0.3 s of a cold `contratos check` that only loads a
model. `defer_spacy_cli()` installs stand-ins that import the real spacy.cli on first use, so
nothing changes for code that does use it. Only the `contratos` command calls it, never the library."""
from __future__ import annotations

import importlib
import sys
import types


class _DeferredModule(types.ModuleType):
    """A module that becomes the real one on first attribute access."""

    def __getattr__(self, name):
        real = _load_real(self.__name__)
        return getattr(real, name)


def _load_real(name: str):
    for key in ("spacy.cli.info", "spacy.cli"):
        if isinstance(sys.modules.get(key), _DeferredModule):
            del sys.modules[key]
    return importlib.import_module(name)


def _info(*args, **kwargs):
    return _load_real("spacy.cli.info").info(*args, **kwargs)


def defer_spacy_cli() -> None:
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        return
    cli = _DeferredModule("spacy.cli")
    cli.__path__ = []  # a package, so that "spacy.cli.info" can be looked up
    info = _DeferredModule("spacy.cli.info")
    info.info = _info
    sys.modules["spacy.cli"] = cli
    sys.modules["spacy.cli.info"] = info
