"""The AutoGraph source transformation of one function's AST: calls, conditional expressions and boolean
operators become `ag__` operator calls, and if/while/for become `ag__.if_stmt/while_stmt/for_stmt` over
nested functions that share their state through `nonlocal` (TF's functional form of control flow)."""
import ast

from . import analysis, lowering

_STATE_SKIP = {"ag__"}


def _ag(attr):
    return ast.Attribute(value=ast.Name(id="ag__", ctx=ast.Load()), attr=attr, ctx=ast.Load())


def _call(attr, *args):
    return ast.Call(func=_ag(attr), args=list(args), keywords=[])


def _thunk(expr):
    return ast.Lambda(args=ast.arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[],
                                         kwarg=None, defaults=[]), body=expr)


def _is_ag(func):
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "ag__"


def _is_loop_options(stmt):
    return (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
            and (getattr(stmt.value.func, "attr", None) or getattr(stmt.value.func, "id", None))
            == "set_loop_options")


class Expressions(ast.NodeTransformer):
    """Calls -> converted_call, `a if c else b` -> if_exp, and/or/not -> and_/or_/not_, loads of names
    that may be undefined -> ld."""

    def __init__(self, maybe_undefined, first_arg):
        self.maybe_undefined, self.first_arg = maybe_undefined, first_arg

    def visit_FunctionDef(self, node):
        return node

    visit_AsyncFunctionDef = visit_ClassDef = visit_FunctionDef

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load) and node.id in self.maybe_undefined:
            return ast.copy_location(_call("ld", node), node)
        return node

    def visit_IfExp(self, node):
        src = ast.unparse(node.test)
        self.generic_visit(node)
        return ast.copy_location(_call("if_exp", node.test, _thunk(node.body), _thunk(node.orelse),
                                       ast.Constant(value=src)), node)

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        op = "and_" if isinstance(node.op, ast.And) else "or_"
        result = node.values[-1]
        for value in reversed(node.values[:-1]):
            result = _call(op, _thunk(value), _thunk(result))
        return ast.copy_location(result, node)

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Not):
            return ast.copy_location(_call("not_", node.operand), node)
        return node

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Name) and func.id == "super":
            if not node.args and self.first_arg:   # zero-argument super() needs the class cell spelled out
                node.args = [ast.Name(id="__class__", ctx=ast.Load()), ast.Name(id=self.first_arg, ctx=ast.Load())]
            return node
        self.generic_visit(node)
        if _is_ag(func) or getattr(func, "attr", getattr(func, "id", None)) == "set_loop_options":
            return node
        args = ast.Tuple(elts=node.args, ctx=ast.Load())
        if node.keywords:
            kwargs = ast.Dict(keys=[ast.Constant(value=k.arg) if k.arg else None for k in node.keywords],
                              values=[k.value for k in node.keywords])
        else:
            kwargs = ast.Constant(value=None)
        return ast.copy_location(_call("converted_call", func, args, kwargs), node)


class ControlFlow:
    """Converts the if/while/for statements of one function body, innermost state first."""

    def __init__(self, global_names):
        self.global_names = global_names
        self.counts = {}

    def _name(self, base):
        n = self.counts.get(base, 0)
        self.counts[base] = n + 1
        return base if n == 0 else f"{base}_{n}"

    def block(self, stmts, live_out):
        out = []
        for i, s in enumerate(stmts):
            after = analysis.live_in(stmts[i + 1:], live_out)
            if isinstance(s, ast.If):
                out += self._if(s, after)
            elif isinstance(s, ast.While):
                out += self._while(s, after)
            elif isinstance(s, ast.For):
                out += self._for(s, after)
            else:
                for field in ("body", "orelse", "finalbody"):
                    if isinstance(getattr(s, field, None), list) and not isinstance(
                            s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                        setattr(s, field, self.block(getattr(s, field), after))
                for h in getattr(s, "handlers", ()):
                    h.body = self.block(h.body, after)
                out.append(s)
        return out

    # -- generated helpers --------------------------------------------------------------------------------------

    def _state_fns(self, names):
        get, set_ = self._name("get_state"), self._name("set_state")
        tup = "(" + "".join(n + ", " for n in names) + ")"
        decl = f"nonlocal {', '.join(names)}\n    " if names else ""
        src = (f"def {get}():\n    return {tup}\n"
               f"def {set_}(vars_):\n    {decl}{tup if names else '_'} = vars_\n")
        return ast.parse(src).body, get, set_

    def _fn(self, base, args, nonlocals, body):
        fn_name = self._name(base)
        globs = sorted(analysis.stores(body) & self.global_names)
        head = (f"nonlocal {', '.join(nonlocals)}\n    " if nonlocals else "") + \
               (f"global {', '.join(globs)}\n    " if globs else "")
        node = ast.parse(f"def {fn_name}({', '.join(args)}):\n    {head}pass\n").body[0]
        node.body = node.body[:-1] + (body or [ast.Pass()])
        return node, fn_name

    @staticmethod
    def _undefined_inits(names):
        return ast.parse("".join(f"{n} = ag__.ldu(lambda: {n}, {n!r})\n" for n in names)).body

    def _modified(self, nodes):
        return analysis.stores(nodes) - self.global_names - _STATE_SKIP

    # -- statements -----------------------------------------------------------------------------------------------

    def _if(self, node, live_out):
        modified = self._modified(node.body + node.orelse)
        outs = sorted(modified & live_out)
        names = outs + sorted(modified - live_out)
        body = self.block(node.body, live_out)
        orelse = self.block(node.orelse, live_out)
        state, get, set_ = self._state_fns(names)
        body_fn, body_name = self._fn("if_body", [], names, body)
        else_fn, else_name = self._fn("else_body", [], names, orelse)
        call = ast.parse(f"ag__.if_stmt(_, {body_name}, {else_name}, {get}, {set_}, {tuple(names)!r}, "
                         f"{len(outs)})").body[0]
        call.value.args[0] = node.test
        return state + [body_fn, else_fn] + self._undefined_inits(names) + [ast.copy_location(call, node)]

    def _loop_parts(self, node, live_out):
        opts = ast.Dict(keys=[], values=[])
        if node.body and _is_loop_options(node.body[0]):
            opts = ast.Dict(keys=[ast.Constant(value=k.arg) for k in node.body[0].value.keywords],
                            values=[k.value for k in node.body[0].value.keywords])
            node.body = node.body[1:]
        body_out = analysis.loop_body_live_out(node, live_out)
        modified = self._modified(node.body)
        loop_vars = sorted(modified & body_out)
        return self.block(node.body, body_out), loop_vars, opts

    def _extra_test(self, node):
        tests = getattr(node, "ag_extra_tests", [])
        if not tests:
            return None
        result = _call("not_", tests[-1].operand)
        for t in reversed(tests[:-1]):
            result = _call("and_", _thunk(_call("not_", t.operand)), _thunk(result))
        return result

    def _while(self, node, live_out):
        body, loop_vars, opts = self._loop_parts(node, live_out)
        state, get, set_ = self._state_fns(loop_vars)
        body_fn, body_name = self._fn("loop_body", [], loop_vars, body)
        test = node.test
        extra = self._extra_test(node)
        if extra is not None:
            test = _call("and_", _thunk(extra), _thunk(test))
        test_fn, test_name = self._fn("loop_test", [], [], [ast.Return(value=test)])
        call = ast.parse(f"ag__.while_stmt({test_name}, {body_name}, {get}, {set_}, {tuple(loop_vars)!r}, _)"
                         ).body[0]
        call.value.args[5] = opts
        return (state + [body_fn, test_fn] + self._undefined_inits(loop_vars) + [ast.copy_location(call, node)]
                + self.block(node.orelse, live_out))

    def _for(self, node, live_out):
        targets = analysis.stores(node.target)
        body, loop_vars, opts = self._loop_parts(node, live_out)
        loop_vars = sorted((set(loop_vars) - targets) | (targets & live_out))
        state, get, set_ = self._state_fns(loop_vars)
        bind = ast.Assign(targets=[node.target], value=ast.Name(id="itr", ctx=ast.Load()), lineno=0)
        body_fn, body_name = self._fn("loop_body", ["itr"], loop_vars, [bind] + body)
        out = state + [body_fn]
        extra_name = "None"
        extra = self._extra_test(node)
        if extra is not None:
            extra_fn, extra_name = self._fn("extra_test", [], [], [ast.Return(value=extra)])
            out.append(extra_fn)
        call = ast.parse(f"ag__.for_stmt(_, {extra_name}, {body_name}, {get}, {set_}, {tuple(loop_vars)!r}, _)"
                         ).body[0]
        call.value.args[0], call.value.args[6] = node.iter, opts
        return (out + self._undefined_inits(loop_vars) + [ast.copy_location(call, node)]
                + self.block(node.orelse, live_out))


def convert_function(node):
    """Converts a FunctionDef in place (nested functions first); returns it."""
    for child in list(analysis.walk_scope(node.body)):
        if isinstance(child, ast.FunctionDef):
            convert_function(child)
    global_names = analysis.declared(node, ast.Global)
    body = node.body
    if lowering.needs_return_lowering(body):
        body = ([lowering.assign(lowering.DO_RETURN, ast.Constant(value=False)),
                 lowering.assign(lowering.RETVAL, _call("UndefinedReturnValue"))]
                + lowering.lower_returns(body)
                + [ast.Return(value=_call("ret", lowering.name(lowering.RETVAL), lowering.name(lowering.DO_RETURN)))])
    module = ast.Module(body=body, type_ignores=[])
    module = lowering.JumpLowering().visit(module)
    maybe_undefined = _maybe_undefined(module.body) - global_names
    first_arg = node.args.posonlyargs[0].arg if node.args.posonlyargs else \
        (node.args.args[0].arg if node.args.args else None)
    module = Expressions(maybe_undefined, first_arg).visit(module)
    node.body = ControlFlow(global_names).block(module.body, set())
    return node


def convert_lambda(node):
    """Converts the expressions of a Lambda (it has no statements)."""
    node.body = Expressions(set(), None).visit(node.body)
    return node


def _maybe_undefined(body):
    """Names bound inside if/while/for blocks: the ones a converted statement may leave undefined."""
    names = set()
    for n in analysis.walk_scope(body):
        if isinstance(n, (ast.If, ast.While, ast.For)):
            names |= analysis.stores(n.body + n.orelse)
            if isinstance(n, ast.For):
                names |= analysis.stores(n.target)
    return names - {lowering.RETVAL, lowering.DO_RETURN}
