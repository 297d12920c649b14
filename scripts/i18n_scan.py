"""Find every string OKR Planner passes to Qt's translator, with the context Qt looks it up in.

pyside6-lupdate only sees ``self.tr("…")`` and ``QCoreApplication.translate("Ctx", "…")`` with
literal arguments. Most of our strings go through small module wrappers (``_tr("…")`` defined as
``QCoreApplication.translate("KRPanel", text)``, ``ui.board.texts.tr`` with a plural count),
through module constants (``_tr(PLAN_FILTER)``, ``_tr(PARAM_LABELS.get(key, "Milestone"))``) or
are English templates kept in models/ (rule reasons), so this scanner reads the code's syntax
tree instead and resolves those cases. What it cannot resolve it reports, so a new dynamic
call is noticed rather than silently left in English.

Contexts follow what Qt does at run time, checked by experiment: ``self.tr`` in PySide6 looks up
the most-derived Python class of ``self``, so a ``self.tr`` string is listed under its class and
under every subclass of it found in the scanned code.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

TRANSLATE_OWNERS = {"QCoreApplication", "QApplication", "QGuiApplication"}

# English templates that live in models/ (no Qt there) and are translated by the UI under a
# fixed context: (file, constant-name pattern, context).
EXTRA_SOURCES: tuple[tuple[str, str, str], ...] = (("models/rules.py", r"^[TR]_[A-Z_]+$", "Rules"),)

# Calls whose text is a value only known at run time but covered by EXTRA_SOURCES.
KNOWN_DYNAMIC: tuple[tuple[str, str], ...] = (
    ("ui/rule_text.py", "firing.template"),
    ("ui/rule_text.py", "firing.response_template"),
)


@dataclass
class Found:
    """One translatable string: where Qt looks it up, and where the code uses it."""

    context: str
    source: str
    comment: str = ""
    numerus: bool = False
    locations: list[tuple[str, int]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


@dataclass
class ScanResult:
    messages: dict[tuple[str, str, str], Found] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # unresolved or wrong calls, file:line

    def add(self, found: Found) -> None:
        have = self.messages.get(found.key)
        if have is None:
            self.messages[found.key] = found
            return
        have.numerus = have.numerus or found.numerus
        for loc in found.locations:
            if loc not in have.locations:
                have.locations.append(loc)


@dataclass(frozen=True)
class Wrapper:
    """A module function that calls QCoreApplication.translate with a fixed context."""

    context: str
    numerus_index: int | None = None  # positional index of the count parameter
    numerus_name: str | None = None


@dataclass
class Module:
    name: str
    rel: str
    tree: ast.Module
    constants: dict[str, ast.expr] = field(default_factory=dict)
    wrappers: dict[str, Wrapper] = field(default_factory=dict)
    wrapper_calls: set[int] = field(default_factory=set)  # the translate() inside a wrapper
    imported: dict[str, tuple[str, str]] = field(default_factory=dict)  # local -> (module, name)
    module_alias: dict[str, str] = field(default_factory=dict)  # local -> module


def python_files(root: Path, packages: Iterable[str]) -> Iterator[Path]:
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            if "__pycache__" not in path.parts and "migrations" not in path.parts:
                yield path


def _module(root: Path, path: Path) -> Module:
    rel = path.relative_to(root).as_posix()
    name = rel[:-3].replace("/", ".").removesuffix(".__init__")
    mod = Module(name, rel, ast.parse(path.read_text(encoding="utf-8"), filename=rel))
    for node in mod.tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    mod.constants[target.id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            mod.constants[node.target.id] = node.value
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                local = alias.asname or alias.name
                mod.imported[local] = (node.module, alias.name)
                mod.module_alias[local] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                mod.module_alias[alias.asname or alias.name] = alias.name
    return mod


def _is_translate(func: ast.expr) -> bool:
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "translate"
        and isinstance(func.value, ast.Name)
        and func.value.id in TRANSLATE_OWNERS
    )


def _find_wrappers(mod: Module) -> None:
    for node in mod.tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.args.args:
            continue
        params = [a.arg for a in node.args.args]
        for ret in ast.walk(node):
            if not (isinstance(ret, ast.Return) and isinstance(ret.value, ast.Call)):
                continue
            call = ret.value
            if not _is_translate(call.func) or len(call.args) < 2:
                continue
            text = call.args[1]
            if not (isinstance(text, ast.Name) and text.id == params[0]):
                continue
            context = _constant_str(mod, call.args[0])
            if context is None:
                continue
            count = call.args[3] if len(call.args) > 3 else None
            index = name = None
            if isinstance(count, ast.Name) and count.id in params:
                index, name = params.index(count.id), count.id
            mod.wrappers[node.name] = Wrapper(context, index, name)
            mod.wrapper_calls.add(id(call))


def _constant_str(mod: Module, node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        value = mod.constants.get(node.id)
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
    return None


class _Scanner(ast.NodeVisitor):
    """Walks one module, keeping the class stack and the local aliases of translate."""

    def __init__(self, scan: Scanner, mod: Module) -> None:
        self.scan, self.mod = scan, mod
        self.classes: list[str] = []
        self.aliases: list[set[str]] = [set()]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.aliases.append(set())
        self.generic_visit(node)
        self.aliases.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Assign(self, node: ast.Assign) -> None:
        if _is_translate(node.value):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.aliases[-1].add(target.id)
        self.generic_visit(node)

    def _alias(self, name: str) -> bool:
        return any(name in scope for scope in self.aliases)

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        func = node.func
        args = node.args
        if id(node) in self.mod.wrapper_calls:
            return
        if _is_translate(func) or (isinstance(func, ast.Name) and self._alias(func.id)):
            context = _constant_str(self.mod, args[0]) if args else None
            if context is None:
                self.problem(node, "translate() with a context that is not a constant")
                return
            self.emit(node, [context], args[1:2], args[2:3], len(args) > 3 or _kw(node, "n"))
        elif isinstance(func, ast.Name) and func.id == "QT_TRANSLATE_NOOP" and len(args) >= 2:
            context = _constant_str(self.mod, args[0])
            if context is not None:
                self.emit(node, [context], args[1:2], [], False)
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "tr"
            and isinstance(func.value, ast.Name)
            and func.value.id == "self"
        ):
            if not self.classes:
                self.problem(node, "self.tr outside a class")
                return
            contexts = self.scan.with_subclasses(self.classes[-1])
            self.emit(node, contexts, args[:1], args[1:2], len(args) > 2 or _kw(node, "n"))
        else:
            wrapper = self.scan.wrapper_for(self.mod, func)
            if wrapper is not None:
                counted = _kw(node, wrapper.numerus_name or "") or (
                    wrapper.numerus_index is not None and len(args) > wrapper.numerus_index
                )
                self.emit(node, [wrapper.context], args[:1], [], counted)

    def emit(
        self,
        node: ast.Call,
        contexts: list[str],
        text: list[ast.expr],
        comment: list[ast.expr],
        numerus: bool,
    ) -> None:
        if not text:
            self.problem(node, "translation call without a text")
            return
        sources = self.scan.resolve(self.mod, text[0])
        if sources is None:
            expr = ast.unparse(text[0])
            if (self.mod.rel, expr) not in KNOWN_DYNAMIC:
                self.problem(node, f"cannot tell which text `{expr}` is")
            return
        disambiguation = _constant_str(self.mod, comment[0]) if comment else ""
        for context in contexts:
            for source in sources:
                self.scan.result.add(
                    Found(
                        context,
                        source,
                        disambiguation or "",
                        numerus,
                        [(self.mod.rel, node.lineno)],
                    )
                )

    def problem(self, node: ast.AST, what: str) -> None:
        line = getattr(node, "lineno", 0)
        self.scan.result.problems.append(f"{self.mod.rel}:{line}: {what}")


def _kw(node: ast.Call, name: str) -> bool:
    return bool(name) and any(k.arg == name for k in node.keywords)


class Scanner:
    """Scans a set of modules; wrappers and constants resolve across their imports."""

    def __init__(self, root: Path, files: Iterable[Path]) -> None:
        self.root = root
        self.modules = {m.name: m for m in (_module(root, p) for p in files)}
        for mod in self.modules.values():
            _find_wrappers(mod)
        self.subclasses: dict[str, set[str]] = {}
        for mod in self.modules.values():
            for node in ast.walk(mod.tree):
                if isinstance(node, ast.ClassDef):
                    for base in node.bases:
                        if isinstance(base, ast.Name):
                            self.subclasses.setdefault(base.id, set()).add(node.name)
        self.result = ScanResult()

    def with_subclasses(self, name: str) -> list[str]:
        seen, todo = [name], [name]
        while todo:
            for sub in sorted(self.subclasses.get(todo.pop(), ())):
                if sub not in seen:
                    seen.append(sub)
                    todo.append(sub)
        return seen

    def wrapper_for(self, mod: Module, func: ast.expr) -> Wrapper | None:
        if isinstance(func, ast.Name):
            if func.id in mod.wrappers:
                return mod.wrappers[func.id]
            origin = mod.imported.get(func.id)
            if origin and origin[0] in self.modules:
                return self.modules[origin[0]].wrappers.get(origin[1])
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            target = self.modules.get(mod.module_alias.get(func.value.id, ""))
            if target is not None:
                return target.wrappers.get(func.attr)
        return None

    def _constant(self, mod: Module, name: str) -> tuple[Module, ast.expr] | None:
        if name in mod.constants:
            return mod, mod.constants[name]
        origin = mod.imported.get(name)
        if origin and origin[0] in self.modules:
            return self._constant(self.modules[origin[0]], origin[1])
        return None

    def resolve(self, mod: Module, node: ast.expr, depth: int = 0) -> list[str] | None:
        """Every text an expression can be, or None when it is only known at run time."""
        if depth > 5:
            return None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.IfExp | ast.BoolOp):
            parts = [node.body, node.orelse] if isinstance(node, ast.IfExp) else node.values
            out: list[str] = []
            for part in parts:
                got = self.resolve(mod, part, depth + 1)
                if got is None:
                    return None
                out += got
            return out
        if isinstance(node, ast.Name):
            found = self._constant(mod, node.id)
            return None if found is None else self._strings(found[0], found[1], depth + 1)
        if isinstance(node, ast.Subscript):
            return self.resolve(mod, node.value, depth + 1)  # any value of the table
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
        ):
            # table.get(key, fallback): the table's texts, and the fallback when it is a text
            # (a fallback like the key itself is a last resort, not something to translate).
            table = self.resolve(mod, node.func.value, depth + 1)
            if table is None:
                return None
            for fallback in node.args[1:2]:
                table += self.resolve(mod, fallback, depth + 1) or []
            return table
        return None

    def _strings(self, mod: Module, node: ast.expr, depth: int) -> list[str] | None:
        """The texts in a constant: a string, or the strings inside a tuple, list or dict."""
        if isinstance(node, ast.Dict):
            node = ast.Tuple(elts=list(node.values))
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            out: list[str] = []
            for element in node.elts:
                got = self._strings(mod, element, depth)
                if got is None:
                    return None
                out += got
            return out
        return self.resolve(mod, node, depth)

    def run(self) -> ScanResult:
        for mod in self.modules.values():
            _Scanner(self, mod).visit(mod.tree)
        for rel, pattern, context in EXTRA_SOURCES:
            self._extra(rel, re.compile(pattern), context)
        return self.result

    def _extra(self, rel: str, pattern: re.Pattern[str], context: str) -> None:
        path = self.root / rel
        mod = _module(self.root, path)
        for node in mod.tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Name) and pattern.match(target.id):
                    text = _constant_str(mod, node.value)  # type: ignore[union-attr]
                    if text is not None:
                        self.result.add(Found(context, text, locations=[(rel, node.lineno)]))


def scan(root: Path, packages: Iterable[str] = ("app", "ui")) -> ScanResult:
    """Every translatable string of the given packages plus EXTRA_SOURCES."""
    return Scanner(root, python_files(root, packages)).run()
