"""Validation: every problem of a catalog directory in one run, each with its file, line and column.

:func:`generator.validation.validate.validate_catalog` finds the files
(:mod:`.discover`), reads them (:mod:`.yaml_fast`, falling back to
:mod:`.yaml_careful`), checks each against its JSON Schema (:mod:`.schemas`) and
the cross-file rules (:mod:`.rules`), and words the findings (:mod:`.messages`).
"""
