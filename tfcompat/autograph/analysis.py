"""Static facts about a function's AST for AutoGraph: which names a block binds or reads, which jumps it
contains, and liveness (which names are read later), so that converted statements carry only their state."""
import ast

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef,
           ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_LOOPS = (ast.For, ast.While, ast.AsyncFor)


def walk_scope(nodes, skip=_SCOPES):
    """Every node under `nodes` (a node or a list) without entering nested scopes (or `skip` nodes)."""
    todo = list(nodes) if isinstance(nodes, list) else [nodes]
    while todo:
        node = todo.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, skip):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    yield child          # its name is bound here; its body is another scope
                    todo.extend(child.decorator_list)
                continue
            todo.append(child)


def _target_names(target):
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}


def stores(nodes):
    """Names bound in `nodes` (this scope only)."""
    out = set()
    for n in walk_scope(nodes):
        if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)):
            out.add(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(n.name)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).split(".")[0] for a in n.names)
        elif isinstance(n, ast.ExceptHandler) and n.name:
            out.add(n.name)
        elif isinstance(n, ast.NamedExpr):
            out.add(n.target.id)
    return out


def reads(nodes):
    """Names read anywhere in `nodes`, nested functions included (an upper bound)."""
    todo = list(nodes) if isinstance(nodes, list) else [nodes]
    out = set()
    for root in todo:
        for n in ast.walk(root):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
                out.add(n.id)
            elif isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name):
                out.add(n.target.id)
    return out


def declared(fn_node, kind):
    """Names a function declares `global` (kind=ast.Global) or `nonlocal`."""
    return {name for n in walk_scope(fn_node.body) if isinstance(n, kind) for name in n.names}


def contains(nodes, kinds, loops=True):
    """Whether `nodes` hold a statement of `kinds` in this scope (not inside nested loops unless `loops`)."""
    skip = _SCOPES if loops else _SCOPES + _LOOPS
    todo = list(nodes) if isinstance(nodes, list) else [nodes]
    for root in todo:
        if isinstance(root, kinds):
            return True
        if any(isinstance(n, kinds) for n in walk_scope(root, skip) if n is not root):
            return True
    return False


def always_returns(block):
    """Whether every path through `block` ends in a return."""
    for s in block:
        if isinstance(s, ast.Return):
            return True
        if isinstance(s, ast.If) and always_returns(s.body) and always_returns(s.orelse):
            return True
    return False


def definitely_bound(stmt):
    """Names `stmt` binds on every path through it."""
    if isinstance(stmt, ast.If):
        return _block_bound(stmt.body) & _block_bound(stmt.orelse)
    if isinstance(stmt, (ast.For, ast.While, ast.AsyncFor, ast.Try)):
        return set()
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        return stores([i.optional_vars for i in stmt.items if i.optional_vars]) | _block_bound(stmt.body)
    return stores(stmt)


def _block_bound(block):
    out = set()
    for s in block:
        out |= definitely_bound(s)
    return out


def live_in(block, live_out):
    """Names that may be read before being bound when `block` runs and `live_out` is read after it."""
    live = set(live_out)
    for s in reversed(block):
        live = stmt_live_in(s, live)
    return live


def loop_body_live_out(node, live_out):
    """The names live at the end of a loop body: after the loop, or in the test or the next iteration."""
    base = set(live_out) | _head_reads(node)
    current = set(base)
    for _ in range(8):
        entry = live_in(node.body, current)
        if isinstance(node, ast.For):
            entry -= _target_names(node.target)
        nxt = base | entry
        if nxt == current:
            break
        current = nxt
    return current


def _head_reads(loop):
    """Names a loop reads before each iteration: its test and the extra tests lowering added."""
    extra = reads(getattr(loop, "ag_extra_tests", []))
    return extra | reads(loop.test) if isinstance(loop, ast.While) else extra


def stmt_live_in(s, live_out):
    """Liveness across one statement."""
    if isinstance(s, ast.If):
        return reads(s.test) | live_in(s.body, live_out) | live_in(s.orelse, live_out)
    if isinstance(s, (ast.While, ast.For, ast.AsyncFor)):
        body_out = loop_body_live_out(s, live_out)
        entry = live_in(s.body, body_out)
        head = _head_reads(s) | (set() if isinstance(s, ast.While) else reads(s.iter))
        if not isinstance(s, ast.While):
            entry -= _target_names(s.target)
        return head | entry | live_in(s.orelse, live_out) | set(live_out)
    return (set(live_out) - definitely_bound(s)) | reads(s)
