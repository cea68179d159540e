"""The command line defers spaCy's own command line (typer, requests): it must stay deferred
through `import spacy` and a model load, and still work when something does use it."""
import subprocess
import sys

_PROBE = """
import sys
from contratos.startup import defer_spacy_cli
defer_spacy_cli()
import spacy
from contratos.nlp import load_model
load_model()
print("typer" in sys.modules, "requests" in sys.modules)
import spacy.cli
print(callable(spacy.cli.download), "requests" in sys.modules)
"""


def test_spacy_cli_stays_deferred_until_used():
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False", "True", "True"]
