#!/usr/bin/env python3
"""Adds or replaces strings in a .resx pair: resx.py FILE.resx NAME 'English' 'Korean' [NAME 'English' 'Korean' ...].

Creates FILE.resx and FILE.ko.resx when missing; keeps the entries' order and appends new names at the end.
"""
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype">
    <value>text/microsoft-resx</value>
  </resheader>
  <resheader name="version">
    <value>2.0</value>
  </resheader>
  <resheader name="reader">
    <value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value>
  </resheader>
  <resheader name="writer">
    <value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value>
  </resheader>
"""


def load(path):
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError:
        return {}
    return {d.get("name"): d.find("value").text or "" for d in root.findall("data")}


def save(path, entries):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for name in entries:
            f.write(f'  <data name="{escape(name)}" xml:space="preserve">\n    <value>{escape(entries[name])}</value>\n  </data>\n')
        f.write("</root>\n")


def main(argv):
    if len(argv) < 2 or (len(argv) - 2) % 3:
        sys.exit(__doc__)
    path = argv[1]
    ko = path[: -len(".resx")] + ".ko.resx"
    en_entries, ko_entries = load(path), load(ko)
    for i in range(2, len(argv), 3):
        en_entries[argv[i]] = argv[i + 1]
        ko_entries[argv[i]] = argv[i + 2]
    save(path, en_entries)
    save(ko, ko_entries)


if __name__ == "__main__":
    main(sys.argv)
