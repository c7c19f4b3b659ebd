#!/usr/bin/env python3
# Every GSettings key the code names exists in the schema, with a summary and a description;
# a key read under a wrong name would otherwise abort the app at run time.
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

root = Path(sys.argv[1])
schema = ET.parse(sys.argv[2]).getroot()

keys = {}
for key in schema.iter('key'):
    keys[key.get('name')] = key

patterns = [
    re.compile(r'g_settings_\w+\s*\(\s*[^,()]+,\s*"([a-z0-9-]+)"'),
    re.compile(r'"changed::([a-z0-9-]+)"'),
    re.compile(r'\bsettings\w*\s*,\s*"([a-z0-9-]+)"'),
]

used = {}
for path in sorted((root / 'src').rglob('*.c')):
    text = path.read_text(encoding='utf-8')
    for pattern in patterns:
        for match in pattern.finditer(text):
            name = match.group(1)
            # GObject properties and signals of GSettings and GtkSettings, not schema keys
            if name in ('settings-schema', 'changed') or name.startswith('gtk-'):
                continue
            line = text.count('\n', 0, match.start()) + 1
            used.setdefault(name, f'{path.relative_to(root)}:{line}')

failures = []
for name, where in sorted(used.items()):
    if name not in keys:
        failures.append(f'{where}: key “{name}” is not in the schema')

for name, key in sorted(keys.items()):
    if not (key.findtext('summary') or '').strip():
        failures.append(f'schema key “{name}” has no summary')
    if not (key.findtext('description') or '').strip():
        failures.append(f'schema key “{name}” has no description')

print(f'1..1')
if len(used) < 10:
    failures.append(f'only {len(used)} keys found in the sources: the scan is broken')
for failure in failures:
    print(f'# {failure}')
print(('not ok' if failures else 'ok') + f' 1 - {len(used)} keys named in the code, {len(keys)} in the schema')
sys.exit(1 if failures else 0)
