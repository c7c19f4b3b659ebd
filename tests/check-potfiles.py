#!/usr/bin/env python3
# po/POTFILES.in lists exactly the files with translatable strings: a file left out keeps its
# strings in English in every language, and a file listed that no longer exists breaks the
# template's update.
import re
import sys
from pathlib import Path

root = Path(sys.argv[1])
listed = [line.strip() for line in (root / 'po' / 'POTFILES.in').read_text().splitlines()
          if line.strip() and not line.startswith('#')]

marked = re.compile(r'\b(?:N?_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"')
translatable = re.compile(r'translatable="yes"')
needed = set()
for path in sorted((root / 'src').rglob('*.c')):
    if marked.search(path.read_text(encoding='utf-8')):
        needed.add(str(path.relative_to(root)))
for path in sorted((root / 'ui').rglob('*.ui')):
    if translatable.search(path.read_text(encoding='utf-8')):
        needed.add(str(path.relative_to(root)))

failures = [f'{name} has translatable strings but is not in po/POTFILES.in'
            for name in sorted(needed - set(listed))]
failures += [f'po/POTFILES.in lists {name}, which does not exist'
             for name in listed if not (root / name).exists()]
if len(needed) < 10:
    failures.append(f'only {len(needed)} files with strings found: the scan is broken')

print('1..1')
for failure in failures:
    print(f'# {failure}')
print(('not ok' if failures else 'ok') + f' 1 - {len(needed)} files with strings, {len(listed)} listed')
sys.exit(1 if failures else 0)
