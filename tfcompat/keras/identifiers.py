"""`get`/`serialize`/`deserialize` for a family of configurable Keras objects (initializers, regularizers,
constraints), written once."""


def family(kind, module, classes, base=None):
    """The three functions for objects of `classes` ({name: class}); `base` instances' classes are accepted
    by `get` too (initializers)."""
    def deserialize(config, custom_objects=None):
        cls = (custom_objects or {}).get(config["class_name"]) or classes.get(config["class_name"])
        if cls is None:
            raise ValueError(f"Could not interpret {kind} identifier: {config}")
        return cls.from_config(config.get("config", {}))

    def serialize(obj):
        if obj is None:
            return None
        return {"module": module, "class_name": type(obj).__name__, "config": obj.get_config(),
                "registered_name": None}

    def get(identifier):
        if identifier is None:
            return None
        if isinstance(identifier, dict):
            return deserialize(identifier)
        if isinstance(identifier, str):
            cls = classes.get(identifier)
            if cls is None:
                raise ValueError(f"Could not interpret {kind} identifier: {identifier}")
            return cls()
        if base is not None and isinstance(identifier, type) and issubclass(identifier, base):
            return identifier()
        if callable(identifier):
            return identifier
        raise ValueError(f"Could not interpret {kind} identifier: {identifier}")

    get.__doc__ = f"A {kind} from None, a name, a config dict, an instance or a callable."
    return get, serialize, deserialize


def lookup(kind, identifier, table, deserialize):
    """A loss or metric from a name in `table`, a config dict, a class or a callable (classes instantiated)."""
    import inspect
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = table.get(identifier)
    else:
        obj = identifier
    if callable(obj):
        return obj() if inspect.isclass(obj) else obj
    raise ValueError(f"Could not interpret {kind} identifier: {identifier}")
