"""The functional API: a Model whose `call` replays the layer calls recorded between `inputs` and `outputs`."""
from ..layers.base import Layer, _flat, _map, set_keras_mask
from ..layers.input_layer import InputLayer, is_keras_tensor
from .model import Model


class Graph:
    """The nodes between a model's inputs and outputs, in an order that runs each after its parents."""

    def __init__(self, inputs, outputs):
        self.inputs, self.outputs = inputs, outputs
        self.flat_inputs, self.flat_outputs = _flat(inputs), _flat(outputs)
        for t in self.flat_inputs + self.flat_outputs:
            if not is_keras_tensor(t):
                raise ValueError(f"All `inputs` values must be KerasTensors. Received: inputs={inputs} including "
                                 f"invalid value {t} of type {type(t)}") if t in self.flat_inputs else \
                    ValueError(f"All `outputs` values must be KerasTensors. Received: outputs={outputs} including "
                               f"invalid value {t} of type {type(t)}")
        input_ids = {id(t) for t in self.flat_inputs}
        self.nodes, seen = [], set()

        def visit(tensor):
            if id(tensor) in input_ids:
                return
            if tensor._keras_history is None and hasattr(tensor, "_keras_mask_of"):
                return visit(tensor._keras_mask_of)
            node = tensor._keras_history[0] if tensor._keras_history else None
            if node is None or isinstance(node.layer, InputLayer):
                raise ValueError(f"Graph disconnected: cannot find parent for tensor {tensor}. The following "
                                 "previous operations were accessed without issue: "
                                 f"{[n.layer.name for n in self.nodes]}")
            if id(node) in seen:
                return
            seen.add(id(node))
            for parent in _flat(node.input_tensors):
                visit(parent)
            self.nodes.append(node)
        for t in self.flat_outputs:
            visit(t)
        layers, ids = [], set()
        for t in self.flat_inputs:
            layer = t._keras_history[0].layer
            if id(layer) not in ids:
                ids.add(id(layer))
                layers.append(layer)
        for node in self.nodes:
            if id(node.layer) not in ids:
                ids.add(id(node.layer))
                layers.append(node.layer)
        self.layers = layers


def init_graph(model, inputs=None, outputs=None, name=None, trainable=True, **kwargs):
    """Model.__init__ for `Model(inputs, outputs)`."""
    if isinstance(inputs, dict) is False and isinstance(inputs, (list, tuple)) and len(inputs) == 1 and \
            is_keras_tensor(inputs[0]):
        inputs = list(inputs)
    graph = Graph(inputs, outputs)
    Layer.__init__(model, name=name, trainable=trainable, **{k: v for k, v in kwargs.items() if k == "dtype"})
    model.__dict__["_graph"] = graph
    model.__dict__["_call_has_mask"] = True  # run_graph takes `mask`, as Keras 3's Functional.call
    for layer in graph.layers:
        model._track(layer)
    model.built = True


def run_graph(model, inputs, training=None, mask=None):
    """Runs the recorded layer calls on real tensors."""
    graph = model._graph
    values = {}
    if isinstance(graph.inputs, dict) and isinstance(inputs, dict):
        for k, t in graph.inputs.items():
            values[id(t)] = inputs[k]
    elif isinstance(inputs, dict):
        for t in graph.flat_inputs:
            values[id(t)] = inputs[t._keras_history[0].layer.name]
    else:
        flat = _flat(inputs)
        if len(flat) != len(graph.flat_inputs):
            raise ValueError(f'Layer "{model.name}" expects {len(graph.flat_inputs)} input(s), but it received '
                             f"{len(flat)} input tensors. Inputs received: {flat}")
        for t, x in zip(graph.flat_inputs, flat):
            values[id(t)] = x
    for t in graph.flat_inputs:
        values[id(t)] = _conform(t, values[id(t)])
    if mask is not None:  # Keras 3 attaches the masks given to the model to its inputs
        for t, m in zip(graph.flat_inputs, _flat(mask)):
            if m is not None:
                set_keras_mask(values[id(t)], m)

    def fetch(x):
        if not is_keras_tensor(x):
            return x
        if id(x) not in values and hasattr(x, "_keras_mask_of"):  # a mask computed at build time
            return getattr(values[id(x._keras_mask_of)], "_keras_mask", None)
        return values[id(x)]
    for node in graph.nodes:
        args, kwargs = node.arguments
        kwargs = _map(fetch, kwargs)
        if training is not None and node.layer._call_has_training and kwargs.get("training") is None:
            kwargs["training"] = training
        outs = node.layer(*_map(fetch, args), **kwargs)
        for t, v in zip(_flat(node.outputs), _flat(outs)):
            values[id(t)] = v
    return _map(fetch, graph.outputs)


def _conform(tensor, x):
    """Casts an input to its Input's dtype when both are floats, as Keras 3's functional call does."""
    from ...framework.convert import convert_to_tensor
    from ...ops.array_ops import cast
    if not hasattr(x, "dtype"):
        x = convert_to_tensor(x)
    if x.dtype.is_floating and x.dtype.name != tensor.dtype and tensor.dtype.startswith("float"):
        mask = getattr(x, "_keras_mask", None)
        x = cast(x, tensor.dtype)
        if mask is not None:
            set_keras_mask(x, mask)
    return x


class Functional(Model):
    """What `keras.Model(inputs, outputs)` returns (named 'functional' by default, as Keras 3)."""


def graph_config(model):
    """Keras 3's functional config: layers with their inbound nodes, input and output layers."""
    graph = model._graph
    layers = []
    for layer in graph.layers:
        nodes = []
        for node in layer._inbound_nodes:
            if node in graph.nodes:
                args, kwargs = node.arguments
                nodes.append({"args": _map(_tensor_ref, list(args)), "kwargs": _map(_tensor_ref, kwargs)})
        layers.append({"module": _module_of(layer), "class_name": type(layer).__name__,
                       "config": layer.get_config(), "registered_name": None,
                       **_build_entry(layer), "name": layer.name, "inbound_nodes": nodes})

    def ref(t):
        node, index, tensor_index = t._keras_history
        return [node.layer.name, _node_index(node), tensor_index]
    return {"name": model.name, "trainable": model.trainable, "layers": layers,
            "input_layers": _map(ref, graph.inputs if isinstance(graph.inputs, (list, dict)) else graph.inputs),
            "output_layers": _map(ref, graph.outputs)}


def _build_entry(layer):
    build = layer.get_build_config()
    return {} if build is None else {"build_config": build}


def _node_index(node):
    return next(i for i, n in enumerate(node.layer._inbound_nodes) if n is node)


def _tensor_ref(x):
    if is_keras_tensor(x):
        node, _, tensor_index = x._keras_history
        return {"class_name": "__keras_tensor__",
                "config": {"shape": x.shape, "dtype": x.dtype,
                           "keras_history": [node.layer.name, _node_index(node), tensor_index]}}
    return x


def _module_of(layer):
    module = type(layer).__module__
    return "keras.layers" if module.startswith("tfcompat.keras.layers") else module


def functional_from_config(cls, config, custom_objects=None):
    """Rebuilds a functional model from `graph_config` output by replaying the recorded calls."""
    from ..layers import deserialize
    created, outputs_of = {}, {}
    pending = list(config["layers"])
    for spec in pending:
        layer = deserialize(spec, custom_objects=custom_objects)
        created[spec["name"]] = layer
        if isinstance(layer, InputLayer):
            outputs_of[(spec["name"], 0)] = layer.output
    progress = True
    while progress:
        progress = False
        for spec in pending:
            layer = created[spec["name"]]
            for i, node in enumerate(spec["inbound_nodes"]):
                if (spec["name"], i) in outputs_of:
                    continue

                def resolve(x):
                    if isinstance(x, dict) and x.get("class_name") == "__keras_tensor__":
                        name, index, t_index = x["config"]["keras_history"]
                        out = outputs_of.get((name, index))
                        if out is None:
                            raise LookupError
                        return _flat(out)[t_index]
                    if isinstance(x, dict):
                        return {k: resolve(v) for k, v in x.items()}
                    if isinstance(x, (list, tuple)):
                        return type(x)(resolve(v) for v in x)
                    return x
                try:
                    args, kwargs = resolve(node["args"]), resolve(node["kwargs"])
                except LookupError:
                    continue
                outputs_of[(spec["name"], i)] = layer(*args, **kwargs)
                progress = True

    def lookup(ref):
        name, index, t_index = ref
        return _flat(outputs_of[(name, index)])[t_index]
    ins = config["input_layers"]
    outs = config["output_layers"]
    inputs = [lookup(r) for r in ins] if ins and isinstance(ins[0], list) else lookup(ins)
    outputs = [lookup(r) for r in outs] if outs and isinstance(outs[0], list) else lookup(outs)
    target = Functional if cls is Model else cls
    return target(inputs, outputs, name=config.get("name"))
