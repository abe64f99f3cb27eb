"""Rewrites `return`, `break` and `continue` into assignments of flag variables, guarding the statements
that follow them, so that the control-flow conversion only ever sees structured if/while/for blocks."""
import ast

from .analysis import always_returns, contains, walk_scope

RETVAL, DO_RETURN = "retval_", "do_return"
_LOOPS = (ast.For, ast.While)


def name(id_, store=False):
    return ast.Name(id=id_, ctx=ast.Store() if store else ast.Load())


def assign(target, value):
    return ast.Assign(targets=[name(target, store=True)], value=value, lineno=0)


def not_(flag):
    return ast.UnaryOp(op=ast.Not(), operand=name(flag))


def _guard(flag, rest):
    return [ast.If(test=not_(flag), body=rest, orelse=[])] if rest else []


def add_extra_test(loop, test):
    """Records an additional loop condition (a `not flag` expression), checked before each iteration."""
    loop.ag_extra_tests = getattr(loop, "ag_extra_tests", []) + [test]


def needs_return_lowering(fn_body):
    """False when the only return is the last top-level statement (nothing to rewrite)."""
    returns = [n for s in fn_body for n in _returns_in(s)]
    return bool(returns) and not (len(returns) == 1 and returns[0] is fn_body[-1])


def _returns_in(stmt):
    return [n for n in walk_scope(stmt) if isinstance(n, ast.Return)]


def lower_returns(block):
    """`return x` becomes `do_return = True; retval_ = x`, and whatever could follow it is guarded."""
    out = []
    for i, s in enumerate(block):
        rest = block[i + 1:]
        if isinstance(s, ast.Return):
            value = s.value if s.value is not None else ast.Constant(value=None)
            out += [assign(DO_RETURN, ast.Constant(value=True)), assign(RETVAL, value)]
            return out
        if not contains(s, ast.Return):
            out.append(s)
            continue
        if isinstance(s, ast.If):
            body_returns, else_returns = always_returns(s.body), always_returns(s.orelse)
            if body_returns and else_returns:
                rest = []
            elif body_returns:
                s.orelse, rest = s.orelse + rest, []
            elif else_returns:
                s.body, rest = s.body + rest, []
            s.body, s.orelse = lower_returns(s.body), lower_returns(s.orelse)
        elif isinstance(s, _LOOPS):
            s.body, s.orelse = lower_returns(s.body), lower_returns(s.orelse)
            add_extra_test(s, not_(DO_RETURN))
        else:
            for field in ("body", "orelse", "finalbody"):
                if getattr(s, field, None):
                    setattr(s, field, lower_returns(getattr(s, field)))
            for h in getattr(s, "handlers", ()):
                h.body = lower_returns(h.body)
        out.append(s)
        out += _guard(DO_RETURN, lower_returns(rest))
        return out
    return out


def _lower_jumps(block, kind, flag):
    """Replaces `kind` (Break or Continue) of the current loop by `flag = True` and guards what follows."""
    out = []
    for i, s in enumerate(block):
        if isinstance(s, kind):
            out.append(assign(flag, ast.Constant(value=True)))
            return out
        if not contains(s, kind, loops=False) or isinstance(s, _LOOPS):
            out.append(s)
            continue
        for field in ("body", "orelse", "finalbody"):
            if getattr(s, field, None):
                setattr(s, field, _lower_jumps(getattr(s, field), kind, flag))
        for h in getattr(s, "handlers", ()):
            h.body = _lower_jumps(h.body, kind, flag)
        out.append(s)
        out += _guard(flag, _lower_jumps(block[i + 1:], kind, flag))
        return out
    return out


class JumpLowering(ast.NodeTransformer):
    """Lowers break/continue in every loop of one function (inner loops first); flags get unique names."""

    def __init__(self):
        self.counts = {}

    def _flag(self, base):
        n = self.counts[base] = self.counts.get(base, 0) + 1
        return base if n == 1 else f"{base}{n - 1}"

    def visit_FunctionDef(self, node):
        return node            # nested functions are converted on their own

    visit_AsyncFunctionDef = visit_Lambda = visit_ClassDef = visit_FunctionDef

    def _loop(self, node):
        self.generic_visit(node)
        before, after = [], node.orelse
        if contains(node.body, ast.Continue, loops=False):
            flag = self._flag("continue_")
            node.body = [assign(flag, ast.Constant(value=False))] + _lower_jumps(node.body, ast.Continue, flag)
        if contains(node.body, ast.Break, loops=False):
            flag = self._flag("break_")
            node.body = _lower_jumps(node.body, ast.Break, flag)
            before = [assign(flag, ast.Constant(value=False))]
            add_extra_test(node, not_(flag))
            after = _guard(flag, node.orelse)
        node.orelse = []
        return before + [node] + after

    visit_For = visit_While = _loop
