"""The schemas generated from the record declarations are committed and current."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date

from generator.model import schemagen
from generator.model.declare import common, fact, needed


def test_committed_schemas_match_the_declarations():
    assert schemagen.stale() == [], "run: python -m generator.model.schemagen --write"


def test_a_hand_edit_of_a_generated_part_is_reported(tmp_path):
    shutil.copytree(schemagen.SCHEMA_DIR, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "catalog.schema.json"
    path.write_text(path.read_text().replace("End of the training data.", "Edited by hand."))
    assert schemagen.stale(tmp_path) == ["catalog.schema.json"]
    assert "End of the training data." in schemagen.rendered("catalog.schema.json", tmp_path)


def test_check_fails_while_stale_and_write_fixes_it(tmp_path, monkeypatch):
    shutil.copytree(schemagen.SCHEMA_DIR, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "offering.schema.json"
    path.write_text(path.read_text().replace('"Maximum input tokens."', '"Stale."'))
    monkeypatch.setattr(schemagen, "SCHEMA_DIR", tmp_path)
    assert schemagen.main(["--check"]) == 1
    assert schemagen.main(["--write"]) == 0
    assert schemagen.main(["--check"]) == 0


@dataclass(frozen=True)
class Sample:
    ABOUT = "A sample."

    id: str = needed("The id.", {"type": "string"})
    opened: date | None = fact("When it opened.", input=common("date", "Opening day."))
    shut: bool | None = fact("Whether it is shut.", key="closed", input={"type": "boolean"})
    tags: tuple[str, ...] = fact("Tags.", {"type": "array", "items": {"type": "string"}}, default=())


def test_a_class_schema_follows_its_declaration():
    schema = schemagen.class_schema(Sample)
    assert schema["required"] == ["id"] and schema["description"] == "A sample."
    assert schema["properties"]["opened"] == {"$ref": "#/$defs/date", "description": "When it opened."}
    assert schema["properties"]["shut"] == {"description": "Whether it is shut.", "type": "boolean"}
    assert list(schema["properties"]) == ["id", "opened", "shut", "tags"]


def test_input_properties_use_the_yaml_key_and_fall_back_to_the_doc():
    assert schemagen.input_properties(Sample) == {
        "opened": {"$ref": "common.schema.json#/$defs/date", "description": "Opening day."},
        "closed": {"type": "boolean", "description": "Whether it is shut."},
    }


def test_models_export_rows_have_the_declared_columns_in_order():
    from generator.model.columns import COLUMNS, COPIED

    row = json.loads((schemagen.SCHEMA_DIR / "models-export.schema.json").read_text())["$defs"]["row"]
    assert tuple(row["properties"]) == COLUMNS
    assert ("model_id", "model") in COPIED and ("knowledge_cutoff", "knowledge_cutoff") in COPIED
    assert row["properties"]["open_weights"] == {"$ref": "#/$defs/flag", "description": "Weights published."}


def test_the_kinds_are_one_list_for_the_schemas_and_the_cli():
    from generator.cli.list_cmd import list_command
    from generator.model.vocabulary import KINDS

    kind = next(p for p in list_command.params if p.name == "kind")
    for name in ("offering.schema.json", "catalog.schema.json"):
        schema = json.loads((schemagen.SCHEMA_DIR / name).read_text())
        offering = schema["properties"] if name.startswith("offering") else schema["$defs"]["offering"]["properties"]
        assert offering["kind"]["enum"] == list(KINDS)
    assert tuple(kind.type.choices) == KINDS


def test_the_vocabulary_names_the_declared_fields():
    """Validation reads the vocabulary without building the records, so the two must agree."""
    import dataclasses

    from generator.model import parts, vocabulary

    names = lambda cls: tuple(f.name for f in dataclasses.fields(cls))  # noqa: E731
    assert names(parts.Features) == vocabulary.FEATURES
    assert names(parts.PriceTier)[1:] == vocabulary.PRICE_FIELDS
    assert tuple(n for n in names(parts.Price) if n in vocabulary.PRICE_FIELDS) == vocabulary.PRICE_FIELDS
    common = json.loads((schemagen.SCHEMA_DIR / "common.schema.json").read_text())
    assert tuple(common["$defs"]["modality_set"]["properties"]) == vocabulary.MODALITIES


def test_the_offering_price_definitions_follow_the_price_declaration():
    import dataclasses

    from generator.model.parts import Price, PriceTier

    defs = json.loads((schemagen.SCHEMA_DIR / "offering.schema.json").read_text())["$defs"]
    entry = defs["price_entry"]["properties"]
    assert list(entry) == [f.name for f in dataclasses.fields(Price)]
    assert list(entry["tiers"]["items"]["properties"]) == [f.name for f in dataclasses.fields(PriceTier)]
    assert list(defs["pricing"]["properties"]) == list(entry) + ["history"]
