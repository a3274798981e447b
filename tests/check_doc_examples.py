#!/usr/bin/python3
"""Validates the JSON examples of docs/json.md against docs/schema.

Usage: check_doc_examples.py [MARKDOWN]
Each ```json block belongs to the `## ...` section above it; a section that
names a command with a schema is checked against it (the apply section line by
line), the replicate section (no schema yet) line by line as objects with a
`type`, any other block must at least be JSON. A section named here without an
example fails too, so that deleting an example cannot make this pass. Strict,
like check_json.py: every field shown must be in the schema."""
import json
import pathlib
import re
import sys

from check_json import validator_for

DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"

# heading text -> (schema, one document per line)
SECTIONS = {
    "`flocker plan --json`": ("plan.schema.json", False),
    "`flocker apply --json`": ("apply-event.schema.json", True),
    "`flocker status --json`": ("status.schema.json", False),
    "`flocker replicate --json`": (None, True),
}


def examples(markdown):
    """(section heading, first line number, text) of each ```json block."""
    section, found, block, start = None, [], None, 0
    for number, line in enumerate(markdown.splitlines(), 1):
        if block is not None:
            if line.startswith("```"):
                found.append((section, start, "\n".join(block)))
                block = None
            else:
                block.append(line)
        elif line.startswith("## "):
            section = line[3:].strip()
        elif re.fullmatch(r"```json\s*", line):
            block, start = [], number + 1
    return found


def main(argv):
    path = pathlib.Path(argv[1]) if len(argv) > 1 else DOCS / "json.md"
    failures = 0
    seen = set()

    def report(where, message):
        nonlocal failures
        print(f"{path.name}:{where}: {message}", file=sys.stderr)
        failures += 1

    for section, start, text in examples(path.read_text()):
        schema, lines = SECTIONS.get(section, (None, False))
        documents = [(start + i, line) for i, line in enumerate(text.splitlines()) if line.strip()] if lines \
            else [(start, text)]
        for where, document in documents:
            try:
                instance = json.loads(document)
            except json.JSONDecodeError as error:
                report(where, f"not JSON: {error}")
                continue
            if section in SECTIONS:
                seen.add(section)
            if schema is None:
                if section in SECTIONS and not (isinstance(instance, dict) and isinstance(instance.get("type"), str)):
                    report(where, "not a JSON object with a type")
                continue
            for error in validator_for(schema).iter_errors(instance):
                at = "/".join(str(part) for part in error.absolute_path)
                report(where, f"{schema} at /{at}: {error.message}")
    for section in SECTIONS.keys() - seen:
        report(0, f"no JSON example under the heading {section}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
