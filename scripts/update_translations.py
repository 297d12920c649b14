"""Update the Chinese translation of the UI: extract, merge, compile, report.

    .venv/bin/python scripts/update_translations.py          # refresh the .ts, compile the .qm
    .venv/bin/python scripts/update_translations.py --check  # change nothing; exit 1 if the
                                                             # .ts misses strings or has gaps

Extraction is pyside6-lupdate's list merged with scripts/i18n_scan.py, an AST scan that also
understands our ``_tr("…")`` wrappers, module constants and the rule templates of models/rules.py
(lupdate sees none of those and files bare ``tr()`` calls under an empty context). Translations
already in the .ts are kept; a string that is no longer in the code stays as "vanished" (lrelease
skips it; ``--drop-vanished`` removes it); a new string whose text is translated in another
context gets that translation as an unfinished suggestion. Then lrelease compiles the .qm and
the strings still to translate are listed. Translate them in Qt Linguist
(``.venv/bin/pyside6-linguist resources/i18n/okr_planner_zh_CN.ts``) or in the XML, then run
this script again.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

sys.path.insert(0, str(Path(__file__).resolve().parent))

from i18n_scan import Found, python_files, scan

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "ui")
LANGUAGE = "zh_CN"
TS = ROOT / "resources" / "i18n" / f"okr_planner_{LANGUAGE}.ts"
QM = TS.with_suffix(".qm")

Key = tuple[str, str, str]


@dataclass
class Entry(Found):
    """One message of the .ts: a found string and its translation (one form per plural form)."""

    forms: list[str] = field(default_factory=lambda: [""])
    state: str = "unfinished"  # "", "unfinished" or "vanished"

    @property
    def finished(self) -> bool:
        return self.state == "" and all(form.strip() for form in self.forms)


def tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install the project (pip install -e .)")
    return found


# ----- reading and writing the .ts ---------------------------------------------------------
def read_ts(path: Path) -> dict[Key, Entry]:
    if not path.exists():
        return {}
    entries: dict[Key, Entry] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = message.get("numerus") == "yes"
            if translation is None:
                forms, state = [""], "unfinished"
            else:
                state = translation.get("type", "")
                if numerus:
                    forms = [f.text or "" for f in translation.iter("numerusform")] or [""]
                else:
                    forms = [translation.text or ""]
            entry = Entry(
                name,
                message.findtext("source") or "",
                message.findtext("comment") or "",
                numerus,
                [
                    (loc.get("filename", ""), int(loc.get("line", "0")))
                    for loc in message.iter("location")
                ],
                forms,
                state,
            )
            entries[entry.key] = entry
    return entries


def _text(value: str) -> str:
    return escape(value, {'"': "&quot;", "'": "&apos;"})


def write_ts(path: Path, entries: dict[Key, Entry]) -> str:
    """Qt Linguist's layout, contexts by name and messages by where they first occur."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{LANGUAGE}" sourcelanguage="en">',
    ]
    by_context: dict[str, list[Entry]] = {}
    for entry in entries.values():
        by_context.setdefault(entry.context, []).append(entry)
    for context in sorted(by_context):
        lines += ["<context>", f"    <name>{_text(context)}</name>"]
        ordered = sorted(
            by_context[context],
            key=lambda e: (e.state == "vanished", e.locations[:1] or [("~", 0)], e.source),
        )
        for e in ordered:
            lines.append('    <message numerus="yes">' if e.numerus else "    <message>")
            for filename, line in e.locations:
                lines.append(f'        <location filename={quoteattr(filename)} line="{line}"/>')
            lines.append(f"        <source>{_text(e.source)}</source>")
            if e.comment:
                lines.append(f"        <comment>{_text(e.comment)}</comment>")
            kind = f' type="{e.state}"' if e.state else ""
            if e.numerus:
                lines.append(f"        <translation{kind}>")
                lines += [f"            <numerusform>{_text(f)}</numerusform>" for f in e.forms]
                lines.append("        </translation>")
            else:
                lines.append(f"        <translation{kind}>{_text(e.forms[0])}</translation>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    text = "\n".join(lines) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text


# ----- extraction and merging --------------------------------------------------------------
def lupdate_messages(files: list[Path]) -> list[Found]:
    """What pyside6-lupdate finds, minus its empty context (bare tr() it cannot place)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "lupdate.ts"
        subprocess.run(
            [tool("pyside6-lupdate"), "-silent", *map(str, files), "-ts", str(out)],
            check=True,
            cwd=ROOT,
        )
        found = read_ts(out)
    return [Found(e.context, e.source, e.comment, e.numerus) for e in found.values() if e.context]


def extract(use_lupdate: bool = True) -> tuple[dict[Key, Found], list[str]]:
    """Every translatable string of app/ and ui/, and the calls that could not be read."""
    result = scan(ROOT, PACKAGES)
    notes = list(result.problems)
    if use_lupdate:
        for found in lupdate_messages(list(python_files(ROOT, PACKAGES))):
            if found.key not in result.messages:
                notes.append(f"found only by lupdate: [{found.context}] {found.source!r}")
                result.messages[found.key] = found
    return result.messages, notes


def merge(found: dict[Key, Found], old: dict[Key, Entry], drop_vanished: bool) -> dict[Key, Entry]:
    """The new message list with every translation the old .ts had."""
    ts_dir = TS.parent
    by_source = {
        (e.source, e.numerus): e.forms for e in old.values() if e.finished or e.state == "vanished"
    }
    merged: dict[Key, Entry] = {}
    for key, f in sorted(found.items()):
        locations = [(_relative(ROOT / rel, ts_dir), line) for rel, line in f.locations]
        have = old.get(key)
        if have is not None:
            state = "unfinished" if have.state == "vanished" else have.state
            if have.state == "vanished" and have.forms[0]:
                state = ""  # the string came back: its translation is still right
            forms = have.forms
        else:
            suggestion = by_source.get((f.source, f.numerus))
            forms, state = (list(suggestion), "unfinished") if suggestion else ([""], "unfinished")
        merged[key] = Entry(f.context, f.source, f.comment, f.numerus, locations, forms, state)
    if not drop_vanished:
        for key, e in old.items():
            if key not in merged and e.forms[0]:
                merged[key] = Entry(
                    e.context, e.source, e.comment, e.numerus, [], e.forms, "vanished"
                )
    return merged


def _relative(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path, start)).as_posix()


def compile_qm(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, cwd=ROOT
    )


def report(entries: dict[Key, Entry], notes: list[str]) -> int:
    live = [e for e in entries.values() if e.state != "vanished"]
    todo = [e for e in live if not e.finished]
    vanished = len(entries) - len(live)
    print(f"{TS.relative_to(ROOT)}: {len(live)} strings, {len(live) - len(todo)} translated,")
    print(f"  {len(todo)} to translate, {vanished} vanished (kept for reference)")
    for e in todo:
        hint = f"  (suggested: {e.forms[0]!r})" if e.forms[0] else ""
        print(f"  TODO [{e.context}] {e.source!r}{hint}")
    for note in notes:
        print(f"  NOTE {note}")
    return len(todo)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail on gaps")
    parser.add_argument("--no-lupdate", action="store_true", help="use the AST scan only")
    parser.add_argument("--drop-vanished", action="store_true", help="forget removed strings")
    args = parser.parse_args(argv)

    found, notes = extract(use_lupdate=not args.no_lupdate)
    old = read_ts(TS)
    merged = merge(found, old, args.drop_vanished)
    if args.check:
        missing = [k for k in found if k not in old or old[k].state == "vanished"]
        for context, source, _ in missing:
            print(f"  MISSING [{context}] {source!r}")
        todo = report({k: old.get(k, merged[k]) for k in merged}, notes)
        return 1 if missing or todo else 0
    write_ts(TS, merged)
    compile_qm(TS, QM)
    report(merged, notes)
    print(f"compiled {QM.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
