#!/usr/bin/python3
"""Validate JSON documents against a JSON Schema, the draft-07 subset planxl's schemas use:
type (one or a list), enum, required, properties, additionalProperties (false), items,
minItems, minimum and local $ref (#/definitions/...). python3-jsonschema is not installed on
the build machines; a keyword outside the subset is refused, so the schema cannot grow past
what this checks without the test saying so.
    json_schema_check.py SCHEMA.json DOC.json...
"""
import json
import sys

KNOWN = {'$schema', '$id', 'title', 'description', 'type', 'enum', 'required', 'properties',
         'additionalProperties', 'items', 'minItems', 'minimum', '$ref', 'definitions'}
TYPES = {
    'object': lambda v: isinstance(v, dict),
    'array': lambda v: isinstance(v, list),
    'string': lambda v: isinstance(v, str),
    'integer': lambda v: isinstance(v, int) and not isinstance(v, bool),
    'number': lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    'boolean': lambda v: isinstance(v, bool),
    'null': lambda v: v is None,
}


def resolve(root, ref):
    if not ref.startswith('#/'):
        raise SystemExit(f'unsupported $ref {ref}')
    node = root
    for part in ref[2:].split('/'):
        node = node[part]
    return node


def check(root, schema, value, path, errors):
    unknown = set(schema) - KNOWN
    if unknown:
        raise SystemExit(f'schema keyword(s) outside the subset at {path}: {sorted(unknown)}')
    if '$ref' in schema:
        check(root, resolve(root, schema['$ref']), value, path, errors)
        return
    if 'type' in schema:
        types = schema['type'] if isinstance(schema['type'], list) else [schema['type']]
        if not any(TYPES[t](value) for t in types):
            errors.append(f'{path}: {value!r} is not of type {types}')
            return
    if 'enum' in schema and value not in schema['enum']:
        errors.append(f'{path}: {value!r} not in {schema["enum"]}')
    if 'minimum' in schema and TYPES['number'](value) and value < schema['minimum']:
        errors.append(f'{path}: {value} below {schema["minimum"]}')
    if isinstance(value, dict):
        for key in schema.get('required', []):
            if key not in value:
                errors.append(f'{path}: missing {key!r}')
        props = schema.get('properties', {})
        for key, item in value.items():
            if key in props:
                check(root, props[key], item, f'{path}.{key}', errors)
            elif schema.get('additionalProperties', True) is False:
                errors.append(f'{path}: unexpected {key!r}')
    if isinstance(value, list):
        if len(value) < schema.get('minItems', 0):
            errors.append(f'{path}: fewer than {schema["minItems"]} items')
        if 'items' in schema:
            for i, item in enumerate(value):
                check(root, schema['items'], item, f'{path}[{i}]', errors)


def main():
    schema = json.load(open(sys.argv[1], encoding='utf-8'))
    status = 0
    for doc_path in sys.argv[2:]:
        errors = []
        check(schema, schema, json.load(open(doc_path, encoding='utf-8')), '$', errors)
        for e in errors:
            print(f'{doc_path}: {e}')
        status |= bool(errors)
        if not errors:
            print(f'{doc_path}: valid')
    return status


sys.exit(main())
