"""Converting a Python function: read its source, transform the AST, and compile it back into a function with
the original globals, closure cells and defaults (cached per code object). Unreadable source: the function
runs as-is and TF's warning is logged."""
import ast
import inspect
import logging
import re
import textwrap
import types
import weakref

from . import operators, transform

_log = logging.getLogger("tensorflow")
_codes = {}                                   # original code object -> converted code object, or the failure
_functions = weakref.WeakKeyDictionary()      # original function -> converted function
_NO_CONVERT = "__ag_do_not_convert__"


class ConversionError(Exception):
    """The source of a function could not be read or parsed (it then runs unconverted)."""


def do_not_convert(func=None):
    """`tf.autograph.experimental.do_not_convert`: marks a function that AutoGraph leaves as it is."""
    if func is None:
        return do_not_convert
    try:
        setattr(func, _NO_CONVERT, True)
    except AttributeError:
        pass
    return func


def convert(fn):
    """The AutoGraph-converted version of `fn` (a function, lambda or method); `fn` itself where it cannot be
    converted (no readable source, a generator, marked do_not_convert)."""
    if isinstance(fn, types.MethodType):
        converted = convert(fn.__func__)
        return fn if converted is fn.__func__ else types.MethodType(converted, fn.__self__)
    if not isinstance(fn, types.FunctionType) or getattr(fn, _NO_CONVERT, False):
        return fn
    done = _functions.get(fn)
    if done is not None:
        return done
    code = _codes.get(fn.__code__)
    if code is None:
        try:
            code = _compile(fn, _converted_tree(fn))
        except ConversionError as e:
            code = e
        _codes[fn.__code__] = code
    if isinstance(code, ConversionError):
        _log.warning("AutoGraph could not transform %s and will run it as-is.\nCause: %s\nTo silence this warning, "
                     "decorate the function with @tf.autograph.experimental.do_not_convert", fn, code)
        converted = fn
    elif code is False:
        converted = fn
    else:
        converted = _function(fn, code)
    _functions[fn] = converted
    return converted


def to_code(entity, recursive=True, experimental_optional_features=None):
    """`tf.autograph.to_code`: the source of the converted function."""
    fn = entity.__func__ if isinstance(entity, types.MethodType) else getattr(entity, "python_function", entity)
    node = _converted_tree(fn)
    if node is None:
        raise ConversionError(f"{fn} cannot be converted (a generator or coroutine)")
    if isinstance(node, ast.Lambda):
        return f"tf__lam = {ast.unparse(node)}\n"
    node.name = "tf__" + node.name
    return ast.unparse(node) + "\n"


def to_graph(entity, recursive=True, experimental_optional_features=None):
    """`tf.autograph.to_graph`: the converted function (its control flow stages graphs when traced)."""
    return convert(entity)


# -- source and AST ----------------------------------------------------------------------------------------------

def _source(fn):
    try:
        return textwrap.dedent(inspect.getsource(fn))
    except (OSError, TypeError) as e:
        raise ConversionError(f"could not get source code of {fn}: {e}") from None


def _converted_tree(fn):
    """The converted FunctionDef or Lambda node of `fn`; None for generators and coroutines."""
    if fn.__code__.co_flags & (inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR):
        return None
    if fn.__name__ == "<lambda>":
        return transform.convert_lambda(_lambda_node(fn, _source(fn)))
    try:
        tree = ast.parse(_source(fn))
    except SyntaxError as e:
        raise ConversionError(f"could not parse the source code of {fn}: {e}") from None
    node = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == fn.__name__), None)
    if node is None:
        raise ConversionError(f"could not parse the source code of {fn}: no definition of {fn.__name__} found")
    node.decorator_list = []
    return transform.convert_function(node)


def _arg_names(args):
    return ([a.arg for a in args.posonlyargs + args.args], args.vararg and args.vararg.arg,
            [a.arg for a in args.kwonlyargs], args.kwarg and args.kwarg.arg)


def _lambda_node(fn, src):
    """The lambda of `fn` in its source lines, matched by argument names (TF's rule for ambiguity)."""
    found = []
    for m in re.finditer(r"\blambda\b", src):
        for end in range(len(src), m.start(), -1):
            try:
                expr = ast.parse(src[m.start():end].strip(), mode="eval").body
            except SyntaxError:
                continue
            if isinstance(expr, ast.Lambda):
                found.append(expr)
                break
    code = fn.__code__
    want = code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]
    matches = []
    for node in found:
        pos, var, kw, kwarg = _arg_names(node.args)
        if tuple(pos + kw) == want and bool(var) == bool(code.co_flags & inspect.CO_VARARGS):
            matches.append(node)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ConversionError(f"could not parse the source code of {fn}: no matching lambda found")
    listing = "\n".join(f"Match {i}:\n{ast.unparse(n)}\n" for i, n in enumerate(matches))
    raise ConversionError(f"could not parse the source code of {fn}: found multiple definitions with identical "
                          f"signatures at the location. This error may be avoided by defining each lambda on a "
                          f"single line and with unique argument names. The matching definitions were:\n{listing}")


# -- compiling ---------------------------------------------------------------------------------------------------

def _compile(fn, node):
    """The code object of the converted `node`, compiled inside a factory whose locals stand for the closure."""
    if node is None:
        return False
    node.args.defaults, node.args.kw_defaults = [], [None] * len(node.args.kwonlyargs)
    for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs:
        a.annotation = None
    if isinstance(node, ast.FunctionDef):
        node.returns = None
        inner = node
    else:
        inner = ast.Return(value=node)
    free = ["ag__"] + [n for n in fn.__code__.co_freevars if n != "ag__"]
    factory = ast.parse(f"def __ag_factory({', '.join(free)}):\n    pass").body[0]
    factory.body = [inner]
    module = ast.Module(body=[factory], type_ignores=[])
    ast.fix_missing_locations(module)
    ast.increment_lineno(module, fn.__code__.co_firstlineno - 1)
    try:
        module_code = compile(module, fn.__code__.co_filename, "exec")
    except SyntaxError as e:
        raise ConversionError(f"could not compile the converted code of {fn}: {e}") from None
    factory_code = next(c for c in module_code.co_consts if isinstance(c, types.CodeType))
    return next(c for c in factory_code.co_consts if isinstance(c, types.CodeType))


def _function(fn, code):
    """A function running `code` with `fn`'s globals, defaults and closure cells (ag__ in a cell of its own)."""
    cells = dict(zip(fn.__code__.co_freevars, fn.__closure__ or ()))
    cells["ag__"] = types.CellType(operators)
    closure = tuple(cells[name] for name in code.co_freevars)
    new = types.FunctionType(code, fn.__globals__, fn.__name__, fn.__defaults__, closure)
    new.__kwdefaults__ = fn.__kwdefaults__
    new.__qualname__, new.__module__, new.__doc__ = fn.__qualname__, fn.__module__, fn.__doc__
    new.__dict__.update(fn.__dict__)
    new.__wrapped__ = fn
    return new
