"""Validate a catalog directory: every problem of every file, in one run.

Steps: find the files (:mod:`.discover`), read them safely (:mod:`.yamlload`),
check each against its JSON Schema (:mod:`.schemas`), then the rules no schema
can express (:mod:`.rules`), then look for warnings.  Problems get their file,
line and column last, and only for files that have any, so a clean catalog
never pays for positions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from . import rules, schemas
from .discover import discover
from .messages import Finding, findings, format_path
from .problems import ERROR, WARNING, Problem
from .yamlload import decode, load_file, locate

STALE_AFTER = timedelta(days=365)


@dataclass
class Report:
    problems: list[Problem]
    documents: list[rules.Document]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def ok(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)


def validate_catalog(data_dir: Path | str, today: date | None = None) -> Report:
    """Every problem in the catalog at *data_dir*, sorted by file and line."""
    data_dir = Path(data_dir)
    entries, problems = discover(data_dir)
    documents = []
    for entry in entries:
        data, found = load_file(entry.path, entry.file)
        problems += found
        if data is not None:
            rel = entry.path.relative_to(data_dir).as_posix()
            documents.append(rules.Document(entry.kind, entry.file, entry.path, rel, data))
    valid = [doc for doc in documents if _schema_check(doc)]
    rules.check(valid)
    for doc in documents:
        doc.warnings.extend(_warnings(doc, today or date.today()))
        problems += _positioned(doc)
    return Report(sorted(problems), documents)


def _schema_check(doc: rules.Document) -> bool:
    for error in schemas.schema_errors(doc.kind, doc.data):
        doc.findings.extend(findings(error))
    return not doc.findings


def _warnings(doc: rules.Document, today: date):
    verified = rules.parse_date(str(doc.data.get("last_verified", "")))
    if verified and today - verified > STALE_AFTER:
        yield Finding(("last_verified",), f"last verified {verified}, more than a year ago; check the facts again")
    yield from _mojibake(doc.data, ())


def _mojibake(node, path):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _mojibake(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _mojibake(value, path + (i,))
    elif isinstance(node, str) and not node.isascii():
        import ftfy  # only text that is not plain ASCII can be mis-decoded

        if ftfy.badness.is_bad(node):
            fixed = ftfy.fix_text(node)
            hint = f"; it probably should read '{fixed}'" if fixed != node else ""
            yield Finding(path, f"text looks mis-decoded (UTF-8 read as another encoding){hint}")


def _positioned(doc: rules.Document) -> list[Problem]:
    if not doc.findings and not doc.warnings:
        return []
    text, _ = decode(doc.path.read_bytes(), doc.file)
    return [
        Problem(doc.file, *locate(text, f.path, f.at_key), format_path(f.path), f.message, severity)
        for severity, group in ((ERROR, doc.findings), (WARNING, doc.warnings))
        for f in group
    ]
