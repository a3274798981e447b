#!/usr/bin/python3
"""Validates flocker's JSON output against the schemas in docs/schema.

Usage: check_json.py [--published] SCHEMA FILE          one JSON document
       check_json.py [--published] --lines SCHEMA FILE  one JSON document per line (apply --json)
FILE may be - for stdin. Exits 1 and says where, when anything does not match.

Strict by default: the schemas accept fields they do not list (a later flocker
may add some within a format_version, see docs/json.md) through their
$defs/added_field, which this replaces with false, so that everything flocker
prints must be described. --published validates as the schemas read, as a
program that reads flocker's output would.
Uses Debian's python3-jsonschema (4.10)."""
import json
import pathlib
import sys

import jsonschema

SCHEMA_DIR = pathlib.Path(__file__).resolve().parent.parent / "docs" / "schema"


def validator_for(name, strict=True):
    store = {}
    for path in SCHEMA_DIR.glob("*.schema.json"):
        schema = json.loads(path.read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        if strict:
            schema["$defs"]["added_field"] = False
        store[schema["$id"]] = schema
    schema = store[json.loads((SCHEMA_DIR / name).read_text())["$id"]]
    resolver = jsonschema.RefResolver(base_uri=schema["$id"], referrer=schema, store=store)
    return jsonschema.Draft202012Validator(schema, resolver=resolver)


def main(argv):
    args = argv[1:]
    published = args[:1] == ["--published"]
    args = args[1:] if published else args
    lines = args[:1] == ["--lines"]
    args = args[1:] if lines else args
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    validator = validator_for(args[0], strict=not published)
    text = sys.stdin.read() if args[1] == "-" else pathlib.Path(args[1]).read_text()
    documents = [line for line in text.splitlines() if line.strip()] if lines else [text]
    if not documents:
        print(f"{args[1]}: no JSON at all", file=sys.stderr)
        return 1
    failures = 0
    for number, document in enumerate(documents, 1):
        where = f"{args[1]}:{number}" if lines else args[1]
        try:
            instance = json.loads(document)
        except json.JSONDecodeError as error:
            print(f"{where}: not JSON: {error}", file=sys.stderr)
            failures += 1
            continue
        for error in validator.iter_errors(instance):
            path = "/".join(str(part) for part in error.absolute_path)
            print(f"{where}: at /{path}: {error.message}", file=sys.stderr)
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
