"""The schemas themselves: valid, described, closed, and usable by both validators."""

from __future__ import annotations

import json

import jsonschema
import pytest

from generator.validation import schemas

from .conftest import DATA, ROOT

SCHEMA_FILES = sorted((ROOT / "schema").glob("*.schema.json"))
ANNOTATIONS = {"description", "title", "examples", "default", "$comment"}


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_2020_12(path):
    schema = json.loads(path.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def _subschemas(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _subschemas(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _subschemas(value, f"{path}/{i}")


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_property_is_described_and_objects_are_closed(path):
    schema = json.loads(path.read_text())
    for where, node in _subschemas(schema):
        for name, prop in node.get("properties", {}).items() if isinstance(node.get("properties"), dict) else ():
            assert "description" in prop, f"{path.name}{where}/properties/{name} has no description"
        if node.get("type") == "object" and "properties" in node:
            assert node.get("additionalProperties") is False, f"{path.name}{where} is open to typos"


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_refs_carry_only_annotations_beside_them(path):
    """Tools that read the schemas as draft-07 (where keywords beside $ref are ignored) lose no constraint."""
    schema = json.loads(path.read_text())
    for where, node in _subschemas(schema):
        if "$ref" in node:
            assert set(node) - {"$ref"} <= ANNOTATIONS, f"{path.name}{where}: move constraints into allOf"


def test_urls_are_http_only():
    validator = schemas.full_validator("author")
    for url, ok in [("https://a.example/", True), ("http://a.example/x?y=1", True), ("ftp://a.example/", False),
                    ("javascript:alert(1)", False), ("//a.example", False), ("https://", False)]:
        errors = list(validator.iter_errors({"id": "a", "name": "A", "website": url}))
        assert (not errors) == ok, url


BAD_DOCUMENTS = [
    ("offering", {"id": "x", "pricing": {"history": [{"input": 1}]}}),
    ("offering", {"id": "x", "pricing": {"imput": 1}}),
    ("offering", {"id": "x", "pricing": {"tiers": [{"input": 1}]}}),
    ("offering", {"id": "x", "sources": [{"accessed": "2025-01-01"}]}),
    ("offering", {"id": "x", "kind": "chatt"}),
    ("offering", {"id": "x", "context_window": -1}),
    ("offering", {"id": "x\n"}),
    ("offering", {"id": "x", "modalities": {"input": {"smell": True}}}),
    ("provider", {"id": "UPPER", "name": "x"}),
    ("provider", {"id": "x", "name": "x", "retention": {"type": "sometimes"}}),
    ("provider", {"id": "x", "name": "x", "authentication": {"env": ["BAD-NAME"]}}),
    ("model", {"id": "no-slash", "name": "x", "authors": ["a"]}),
    ("model", {"id": "a/b", "name": "x", "authors": []}),
    ("author", {"id": "a", "name": ""}),
]


@pytest.mark.parametrize("kind, document", BAD_DOCUMENTS)
def test_fast_and_full_validators_agree_on_invalid_documents(kind, document):
    assert list(schemas.full_validator(kind).iter_errors(document))
    assert schemas.schema_errors(kind, document)


def test_every_data_file_names_its_schema():
    for path in DATA.rglob("*.yaml"):
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file() and target.parent == ROOT / "schema", path


def test_a_disagreement_between_validators_is_still_an_error(monkeypatch):
    class Silent:
        def iter_errors(self, document):
            return iter(())

    monkeypatch.setattr(schemas, "full_validator", lambda kind: Silent())
    errors = schemas.schema_errors("offering", {"id": "x", "kind": "chatt"})
    assert [list(e.absolute_path) for e in errors] == [["kind"]]
    assert "is not one of" in errors[0].message


TRICKY = ["", " ", "x", "x\n", "a\x1cb", "https://a\x85b", "https://a.example/\u3000", "https://a.example/",
          "http://", "openai/a b", "openai/a\u00a0b", "openai/gpt-oss-120b", "2025-02-30", "2025-08-05", "2025",
          "USD", "usd", "é", "\ufeff", "chat", -1, 0, 1, 1.5, 10**30, True, False, None, [], {}, ["x"], {"x": 1}]


def _mutants(document: dict, rng):
    """*document* with one value somewhere replaced, a key dropped or a key added."""
    import copy

    doc = copy.deepcopy(document)
    parents = [node for node in _nodes(doc) if isinstance(node, (dict, list)) and node]
    node = rng.choice(parents) if parents else doc
    key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
    action = rng.random()
    if action < 0.1 and isinstance(node, dict):
        del node[key]
    elif action < 0.15 and isinstance(node, dict):
        node["unknown_field"] = 1
    else:
        node[key] = copy.deepcopy(rng.choice(TRICKY))
    return doc


def _nodes(node):
    yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        yield from _nodes(child)


def test_the_fast_validator_never_accepts_what_jsonschema_rejects():
    """Differential test over mutants of every shipped and fixture document: both validators agree."""
    import random

    from generator.validation.validate import validate_catalog

    rng = random.Random(11)
    documents = [(d.kind, d.data) for root in (DATA, ROOT / "tests/fixtures/rich")
                 for d in validate_catalog(root).documents]
    checked = 0
    for kind, document in documents * 40:
        mutant = _mutants(document, rng)
        fast = schemas.fast_validator(kind).is_valid(mutant)
        full = not any(True for _ in schemas.full_validator(kind).iter_errors(mutant))
        assert fast == full, (kind, mutant)
        checked += 1
    assert checked > 1000
