#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the application icons: the full-colour one is a square SVG, the symbolic one a
16×16 SVG in one colour (the theme recolours it), and both carry the name the .desktop
file asks for. Usage: check-icons.py ICONS_DIR APP_ID DESKTOP_IN"""

import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'


def size(root):
    return float(root.get('width', '0')), float(root.get('height', '0'))


def main(icons_dir, app_id, desktop_in):
    failures = []

    scalable = f'{icons_dir}/hicolor/scalable/apps/{app_id}.svg'
    root = ET.parse(scalable).getroot()
    width, height = size(root)
    if root.tag != SVG + 'svg' or width <= 0 or width != height:
        failures.append(f'{scalable}: not a square SVG ({width}×{height})')

    symbolic = f'{icons_dir}/hicolor/symbolic/apps/{app_id}-symbolic.svg'
    root = ET.parse(symbolic).getroot()
    if root.tag != SVG + 'svg' or size(root) != (16, 16):
        failures.append(f'{symbolic}: not a 16×16 SVG')
    colours = {element.get(attribute).lower()
               for element in root.iter()
               for attribute in ('fill', 'stroke')
               if element.get(attribute) not in (None, 'none')}
    if len(colours) > 1:
        failures.append(f'{symbolic}: more than one colour: {sorted(colours)}')

    with open(desktop_in, encoding='utf-8') as desktop:
        icon = re.search(r'^Icon=(.*)$', desktop.read(), re.MULTILINE)
    if icon is None or icon.group(1) != app_id:
        failures.append(f'{desktop_in}: Icon= is not {app_id}')

    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:]))
