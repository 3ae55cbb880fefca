#!/usr/bin/env python3
"""Validate a winget YAML manifest against a winget JSON schema.

    validate_winget.py SCHEMA.json MANIFEST.yaml

Exit 0 when valid; otherwise print every violation and exit 1. YAML is read with PyYAML's
safe loader (winget manifests are plain YAML 1.2 scalars, mappings and lists).
"""
import json
import sys

import jsonschema
import yaml


def main():
    schema_path, manifest_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    with open(manifest_path, encoding="utf-8") as handle:
        manifest = yaml.safe_load(handle)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(manifest), key=lambda error: list(error.path))
    for error in errors:
        location = "/".join(str(part) for part in error.path) or "(root)"
        print(f"{manifest_path}: {location}: {error.message}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
