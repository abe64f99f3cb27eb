"""`tf.nest`: flatten and rebuild nested structures of lists, tuples, dicts and namedtuples."""
import collections.abc

__all__ = ["flatten", "pack_sequence_as", "map_structure", "is_nested", "assert_same_structure"]


def is_nested(x):
    t = type(x)
    if t is list or t is tuple or t is dict:
        return True
    return isinstance(x, (list, tuple, dict)) or isinstance(x, collections.abc.Mapping)


def _children(x):
    if isinstance(x, collections.abc.Mapping):
        return [x[k] for k in sorted(x, key=_sort_key)]
    return list(x)


def _sort_key(k):
    return (str(type(k)), k) if not isinstance(k, str) else ("", k)


def flatten(structure, expand_composites=False):
    """Leaves of `structure` in TF's order (dicts by sorted key); None is a leaf."""
    if not is_nested(structure):
        return [structure]
    t = type(structure)
    if (t is list or t is tuple) and not any(is_nested(c) for c in structure):
        return list(structure)       # the common case: a flat list of tensors or variables
    out = []
    for c in _children(structure):
        out.extend(flatten(c))
    return out


def _pack(structure, flat, i):
    if not is_nested(structure):
        return flat[i], i + 1
    items = []
    for c in _children(structure):
        v, i = _pack(c, flat, i)
        items.append(v)
    if isinstance(structure, collections.abc.Mapping):
        keys = sorted(structure, key=_sort_key)
        d = dict(zip(keys, items))
        return type(structure)((k, d[k]) for k in structure) if not isinstance(structure, dict) \
            else {k: d[k] for k in structure}, i
    if isinstance(structure, tuple) and hasattr(structure, "_fields"):
        return type(structure)(*items), i
    return type(structure)(items), i


def pack_sequence_as(structure, flat_sequence, expand_composites=False):
    flat = list(flat_sequence)
    if type(structure) is list and len(structure) == len(flat) and not any(is_nested(c) for c in structure):
        return flat
    n = len(flatten(structure))
    if n != len(flat):
        if not is_nested(structure):
            raise ValueError(f"The target structure is of type `{type(structure)}`\n  {structure}\nHowever the input "
                             f"is a sequence ({type(flat_sequence)}) of length {len(flat)}.\n  {flat_sequence}\nnest "
                             "cannot guarantee that it is safe to map one to the other.")
        raise ValueError(f"Could not pack sequence. Structure had {n} atoms, but flat_sequence had {len(flat)} items.  "
                         f"Structure: {structure}, flat_sequence: {flat_sequence}.")
    return _pack(structure, flat, 0)[0]


def map_structure(func, *structures, **kwargs):
    if not structures:
        raise ValueError("Must provide at least one structure")
    for s in structures[1:]:
        assert_same_structure(structures[0], s)
    flats = [flatten(s) for s in structures]
    return pack_sequence_as(structures[0], [func(*args) for args in zip(*flats)])


def assert_same_structure(nest1, nest2, check_types=True, expand_composites=False):
    if is_nested(nest1) != is_nested(nest2):
        raise ValueError(f"The two structures don't have the same nested structure.\n\nFirst structure: "
                         f"{nest1!r}\n\nSecond structure: {nest2!r}")
    if is_nested(nest1):
        a, b = _children(nest1), _children(nest2)
        if len(a) != len(b):
            raise ValueError(f"The two structures don't have the same sequence length. Input structure "
                             f"has length {len(a)}, while shallow structure has length {len(b)}.")
        for x, y in zip(a, b):
            assert_same_structure(x, y, check_types)
