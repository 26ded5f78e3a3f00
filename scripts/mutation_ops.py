"""The mutants of one module: small edits of its source that a good test suite has to notice.

Every mutant is a splice of the original source text, so the report quotes the real line. Each
splice is checked to parse to exactly the intended AST change (the original tree with one node
swapped); an edit that cannot be written that way is counted as skipped, never run half-right.
Decorated functions, class bodies and module-level code are walked like any other code; type
annotations, docstrings and f-string parts are not mutated. A line ending in
`# pragma: no mutate` is left alone.
"""

from __future__ import annotations

import ast
import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass

from mutation_regex import pattern_edits

PRAGMA = "# pragma: no mutate"
SKIP_FIELDS = {"annotation", "returns", "type_comment"}
KEEP_STATEMENTS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Pass,
                   ast.Global, ast.Nonlocal)
"""Statements never deleted: definitions and imports (their removal only breaks every import)."""
RE_FUNCS = {"compile", "match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer"}
GAINED_STRINGS = ("script", "onerror", "mutant")
"""What a string allowlist gains: the first of these it lacks."""

OP_TEXT: dict[type[ast.cmpop], str] = {
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
    ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not",
}
OP_SWAPS: dict[type[ast.cmpop], list[tuple[str, type[ast.cmpop]]]] = {
    ast.Eq: [("compare", ast.NotEq)], ast.NotEq: [("compare", ast.Eq)],
    ast.Lt: [("compare", ast.GtE), ("boundary", ast.LtE)], ast.LtE: [("compare", ast.Gt), ("boundary", ast.Lt)],
    ast.Gt: [("compare", ast.LtE), ("boundary", ast.GtE)], ast.GtE: [("compare", ast.Lt), ("boundary", ast.Gt)],
    ast.In: [("compare", ast.NotIn)], ast.NotIn: [("compare", ast.In)],
    ast.Is: [("compare", ast.IsNot)], ast.IsNot: [("compare", ast.Is)],
}
OP_TOKEN = re.compile(r"not\s+in\b|is\s+not\b|==|!=|<=|>=|<|>|\bin\b|\bis\b")


@dataclass(frozen=True)
class Mutant:
    module: str
    line: int
    operator: str
    start: int
    end: int
    replacement: str
    change: str
    """`before → after`, the changed line(s) on one line: what the report and the equivalent list quote."""

    def apply(self, source: bytes) -> bytes:
        return source[: self.start] + self.replacement.encode("utf-8") + source[self.end:]


@dataclass(frozen=True)
class Site:
    """A node and where it hangs in the tree, so the intended mutation can be swapped in."""

    node: ast.AST
    parent: ast.AST
    field: str
    index: int | None


@dataclass(frozen=True)
class Edit:
    operator: str
    new: ast.AST
    start: int
    end: int
    text: str


class Source:
    """A module's bytes with AST positions turned into byte offsets."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.starts = [0]
        for line in data.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))

    def start(self, node: ast.AST) -> int:
        return self.starts[node.lineno - 1] + node.col_offset  # type: ignore[attr-defined,no-any-return]

    def end(self, node: ast.AST) -> int:
        return self.starts[node.end_lineno - 1] + node.end_col_offset  # type: ignore[attr-defined,no-any-return]

    def text(self, start: int, end: int) -> str:
        return self.data[start:end].decode("utf-8")

    def line_of(self, offset: int) -> int:
        return next(i for i, s in enumerate(self.starts) if s > offset)


def _is_str(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _sites(node: ast.AST, src: Source) -> Iterator[Site]:
    for field, value in ast.iter_fields(node):
        if field in SKIP_FIELDS:
            continue
        children = value if isinstance(value, list) else [value]
        for index, child in enumerate(children):
            if not isinstance(child, ast.AST) or isinstance(child, ast.JoinedStr):
                continue
            if isinstance(child, ast.Expr) and _is_str(child.value):
                continue  # a docstring
            if isinstance(child, ast.If) and isinstance(child.test, ast.Name) and child.test.id == "TYPE_CHECKING":
                continue
            line = getattr(child, "lineno", None)
            if line is not None and src.text(src.starts[line - 1], src.starts[line]).rstrip().endswith(PRAGMA):
                continue
            yield Site(child, node, field, index if isinstance(value, list) else None)
            yield from _sites(child, src)


def _regex_constants(tree: ast.AST) -> set[int]:
    """ids of the string constants used as patterns: `re.X("...")` or a name later passed to re."""
    from_re = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module == "re"
               for a in n.names if a.name in RE_FUNCS}
    found: set[int] = set()
    names: set[str] = set()
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        f = call.func
        is_re = (isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "re"
                 and f.attr in RE_FUNCS) or (isinstance(f, ast.Name) and f.id in from_re)
        args = call.args[:1] + [k.value for k in call.keywords if k.arg == "pattern"]
        for arg in args if is_re else []:
            if _is_str(arg):
                found.add(id(arg))
            elif isinstance(arg, ast.Name):
                names.add(arg.id)
    for assign in ast.walk(tree):
        if (isinstance(assign, ast.Assign) and _is_str(assign.value)
                and any(isinstance(t, ast.Name) and t.id in names for t in assign.targets)):
            found.add(id(assign.value))
    return found


def _literal(value: object, like: str) -> str:
    """`value` written in the quote style of the original literal `like`."""
    if not isinstance(value, str):
        return repr(value)
    quote = next((c for c in like if c in "\"'"), '"')
    raw = like[:1] in "rR"
    if raw and quote not in value and "\n" not in value and not value.endswith("\\"):
        return f"r{quote}{value}{quote}"
    text = repr(value)
    if quote == '"' and text.startswith("'") and '"' not in value:
        text = '"' + text[1:-1].replace("\\'", "'") + '"'
    return text


def _copy(node: ast.AST, **fields: object) -> ast.AST:
    new = copy.copy(node)
    for name, value in fields.items():
        setattr(new, name, value)
    return new


def _compare_edits(node: ast.Compare, src: Source) -> Iterator[Edit]:
    operands = [node.left, *node.comparators]
    for i, op in enumerate(node.ops):
        start, end = src.end(operands[i]), src.start(operands[i + 1])
        gap = src.text(start, end)
        token = OP_TOKEN.search(gap)
        if token is None:
            continue
        for label, swap in OP_SWAPS[type(op)]:
            ops = list(node.ops)
            ops[i] = swap()
            text = gap[:token.start()] + OP_TEXT[swap] + gap[token.end():]
            yield Edit(label, _copy(node, ops=ops), start, end, text)


def _boolop_edit(node: ast.BoolOp, src: Source) -> Iterator[Edit]:
    start, end = src.start(node), src.end(node)
    old, new = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
    text = src.text(start, end)
    pieces, cursor = [], start
    for left, right in zip(node.values, node.values[1:], strict=False):
        gap_start, gap_end = src.end(left), src.start(right)
        pieces += [src.text(cursor, gap_start), re.sub(rf"\b{old}\b", new, src.text(gap_start, gap_end), count=1)]
        cursor = gap_end
    text = "".join(pieces) + src.text(cursor, end)
    op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    yield Edit("and-or", _copy(node, op=op), start, end, text)


def _constant_edits(node: ast.Constant, src: Source, regexes: set[int]) -> Iterator[Edit]:
    start, end = src.start(node), src.end(node)
    like = src.text(start, end)
    value = node.value
    if isinstance(value, bool):
        yield Edit("constant", ast.Constant(not value), start, end, str(not value))
    elif isinstance(value, int | float):
        for new in (value + 1, value - 1):
            node_new: ast.AST = ast.Constant(new) if new >= 0 else ast.UnaryOp(ast.USub(), ast.Constant(-new))
            yield Edit("constant", node_new, start, end, repr(new))
    elif isinstance(value, str):
        if id(node) in regexes:
            for edit in pattern_edits(value):
                yield Edit(edit.label, ast.Constant(edit.pattern), start, end, _literal(edit.pattern, like))
        new_str = "" if value else "mutant"
        yield Edit("string", ast.Constant(new_str), start, end, _literal(new_str, like.lstrip("rRbBuU")))


def _elements(node: ast.AST) -> tuple[str, list[ast.expr]] | None:
    if isinstance(node, ast.Set | ast.List | ast.Tuple):
        return "elts", list(node.elts)
    if isinstance(node, ast.Dict) and all(k is not None for k in node.keys):
        return "keys", [k for k in node.keys if k is not None]
    return None


def _allowlist_edits(node: ast.AST, src: Source) -> Iterator[Edit]:
    """An element (or dict entry) removed, and one gained."""
    found = _elements(node)
    if found is None or not found[1]:
        return
    field, keys = found
    is_dict = isinstance(node, ast.Dict)
    values = node.values if isinstance(node, ast.Dict) else keys
    for i, key in enumerate(keys):
        if len(keys) == 1:
            empty = {"Set": "set()", "List": "[]", "Tuple": "()", "Dict": "{}"}[type(node).__name__]
            start, end, text = src.start(node), src.end(node), empty
        elif i + 1 < len(keys):
            start, end, text = src.start(key), src.start(keys[i + 1]), ""
        else:
            start, end, text = src.end(values[i - 1]), src.end(values[i]), ""
        fields: dict[str, object] = {field: keys[:i] + keys[i + 1:]}
        if isinstance(node, ast.Dict):
            fields["values"] = node.values[:i] + node.values[i + 1:]
        smaller = ast.parse(text, mode="eval").body if text else _copy(node, **fields)
        yield Edit("allowlist-remove", smaller, start, end, text)
    first = keys[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        present = {k.value for k in keys if isinstance(k, ast.Constant)}
        gained: object = next(s for s in GAINED_STRINGS if s not in present)
    elif isinstance(first, ast.Constant) and type(first.value) is int:
        gained = max(k.value for k in keys if isinstance(k, ast.Constant) and type(k.value) is int) + 1
    else:
        return
    literal = _literal(gained, src.text(src.start(first), src.end(first)))
    where = src.start(first)
    new_key = ast.Constant(gained)
    if is_dict:
        assert isinstance(node, ast.Dict)
        first_value = src.text(src.start(node.values[0]), src.end(node.values[0]))
        larger = _copy(node, keys=[new_key, *keys], values=[node.values[0], *node.values])
        yield Edit("allowlist-gain", larger, where, where, f"{literal}: {first_value}, ")
    else:
        yield Edit("allowlist-gain", _copy(node, **{field: [new_key, *keys]}), where, where, f"{literal}, ")


def _is_allowlist(site: Site) -> bool:
    """Sets and dicts anywhere; a list or tuple only after `in` or inside set()/frozenset()."""
    node, parent = site.node, site.parent
    if isinstance(node, ast.Set | ast.Dict):
        return True
    if not isinstance(node, ast.List | ast.Tuple):
        return False
    if isinstance(parent, ast.Compare) and site.field == "comparators":
        return isinstance(parent.ops[site.index or 0], ast.In | ast.NotIn)
    return (isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name)
            and parent.func.id in ("set", "frozenset") and site.field == "args")


def edits_at(site: Site, src: Source, regexes: set[int]) -> Iterator[Edit]:
    node = site.node
    if isinstance(node, ast.Compare):
        yield from _compare_edits(node, src)
    elif isinstance(node, ast.BoolOp):
        yield from _boolop_edit(node, src)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield Edit("not", node.operand, src.start(node), src.start(node.operand), "")
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("all", "any"):
        other = "any" if node.func.id == "all" else "all"
        func = ast.Name(other, ast.Load())
        yield Edit("all-any", _copy(node, func=func), src.start(node.func), src.end(node.func), other)
    elif isinstance(node, ast.Constant):
        yield from _constant_edits(node, src, regexes)
    if _is_allowlist(site):
        yield from _allowlist_edits(node, src)
    if isinstance(node, ast.Return) and node.value is not None and not (
            isinstance(node.value, ast.Constant) and node.value.value is None):
        yield Edit("return-none", ast.Return(ast.Constant(None)), src.start(node.value), src.end(node.value), "None")
    elif (isinstance(node, ast.stmt) and site.index is not None and not isinstance(node, KEEP_STATEMENTS)
          and not (isinstance(node, ast.AnnAssign) and node.value is None)
          and not src.text(src.start(node), src.end(node)).startswith("elif")):  # its body's lines are deleted
        yield Edit("delete", ast.Pass(), src.start(node), src.end(node), "pass")


def _swap(site: Site, new: ast.AST) -> None:
    if site.index is None:
        setattr(site.parent, site.field, new)
    else:
        getattr(site.parent, site.field)[site.index] = new


def _one_line(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _change(src: Source, edit: Edit) -> str:
    first, last = src.line_of(edit.start), src.line_of(max(edit.start, edit.end - 1))
    before = src.text(src.starts[first - 1], src.starts[last])
    after = before[: edit.start - src.starts[first - 1]] + edit.text + before[edit.end - src.starts[first - 1]:]
    return f"{_one_line(before) or '(blank)'} → {_one_line(after) or '(deleted)'}"


def mutants(module: str, data: bytes) -> tuple[list[Mutant], int]:
    """The module's mutants in source order, and how many edits could not be written as source."""
    src = Source(data)
    tree = ast.parse(data)
    regexes = _regex_constants(tree)
    found: list[Mutant] = []
    skipped = 0
    for site in list(_sites(tree, src)):
        for edit in edits_at(site, src, regexes):
            _swap(site, edit.new)
            expected = ast.dump(tree)
            _swap(site, site.node)
            mutated = data[: edit.start] + edit.text.encode("utf-8") + data[edit.end:]
            try:
                ok = ast.dump(ast.parse(mutated)) == expected
            except SyntaxError:
                ok = False
            if not ok:
                skipped += 1
                continue
            found.append(Mutant(module, src.line_of(edit.start), edit.operator, edit.start, edit.end, edit.text,
                                _change(src, edit)))
    found.sort(key=lambda m: (m.start, m.end))
    return found, skipped
