#!/usr/bin/env python3
"""Fills translations/hrtem_zh_CN.ts from zh_CN_strings.py.

Workflow after changing user-visible strings:
  cmake --build build --target hrtem_ui_lupdate      # new strings appear as "unfinished"
  edit translations/tools/zh_CN_strings.py           # add their translations
  python3 translations/tools/apply_translations.py   # write them into the .ts
The test translation_completeness fails while any string is untranslated.

Messages of the hrtem::ui::AnalysisPanel context are also translated at run time from texts
lupdate cannot see (the settings' names and descriptions come from core, and setting_editor.cpp
names the context through a variable); lupdate drops them as obsolete, so every such entry of
the table is put back here.
"""
import pathlib
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from zh_CN_strings import STRINGS  # noqa: E402

ts_path = pathlib.Path(__file__).resolve().parents[1] / "hrtem_zh_CN.ts"
tree = ET.parse(ts_path)
RUNTIME_CONTEXT = "hrtem::ui::AnalysisPanel"
for context in tree.getroot().iter("context"):
    if context.find("name").text == RUNTIME_CONTEXT:
        present = {m.find("source").text for m in context.iter("message")}
        for (name, source), text in sorted(STRINGS.items()):
            if name == RUNTIME_CONTEXT and source not in present:
                # Laid out as Qt's tools write the file: a message per block, 4-space indents.
                context[-1].tail = "\n    "
                message = ET.SubElement(context, "message")
                message.text = "\n        "
                message.tail = "\n"
                ET.SubElement(message, "source").text = source
                message[-1].tail = "\n        "
                ET.SubElement(message, "translation", {"type": "unfinished"}).tail = "\n    "
missing = []
for context in tree.getroot().iter("context"):
    name = context.find("name").text
    for message in context.iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        text = STRINGS.get((name, source))
        if text is None:
            missing.append((name, source))
            continue
        forms = translation.findall("numerusform")
        if forms:
            # Chinese has one plural form: every numerus form gets the same text.
            for form in forms:
                form.text = text
        else:
            translation.text = text
        translation.attrib.pop("type", None)
tree.write(ts_path, encoding="utf-8", xml_declaration=True)
# Keep the DOCTYPE line Qt tools write (ElementTree drops it).
content = ts_path.read_text(encoding="utf-8")
if "<!DOCTYPE TS>" not in content:
    content = content.replace("?>\n", "?>\n<!DOCTYPE TS>\n", 1)
ts_path.write_text(content, encoding="utf-8")
for name, source in missing:
    print(f"untranslated: [{name}] {source!r}")
sys.exit(1 if missing else 0)
