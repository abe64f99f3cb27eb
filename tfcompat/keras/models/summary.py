"""`model.summary()`: Keras 3's table, drawn as the `rich` table Keras 3 prints (same widths, wrapping, boxes)."""
import shutil

import numpy as np

from ..layers.base import _flat


def _shape_text(shape):
    return "(" + ", ".join(str(d) for d in shape) + ")"


def _layer_shape(layer):
    """The 'Output Shape' cell: from the layer's last functional call, else from its build shape."""
    if layer._inbound_nodes:
        outputs = layer._inbound_nodes[-1].output_tensors
        flat = _flat(outputs)
        if len(flat) == 1:
            return _shape_text(flat[0].shape)
        return str(_structure_text(outputs)).replace("'", "")
    shapes = layer.__dict__.get("_build_input_shape")
    if shapes is None:
        return "?"
    try:
        out = layer.compute_output_shape(shapes)
    except NotImplementedError:
        return "?"
    if isinstance(out, tuple) and all(d is None or isinstance(d, (int, np.integer)) for d in out):
        return _shape_text(out)
    return str(_structure_text(out)).replace("'", "")


def _structure_text(x):
    if isinstance(x, dict):
        return {k: _structure_text(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)) and x and not all(d is None or isinstance(d, int) for d in x):
        return [_structure_text(v) for v in x]
    return _shape_text(x.shape if hasattr(x, "shape") else x)


def _graph_layout(model):
    """(layers, sequential_like, relevant node ids) as Keras 3 decides them."""
    graph = model.__dict__.get("_graph")
    if graph is None:
        return model.layers, True, set()
    nodes = [t._keras_history[0] for t in graph.flat_inputs] + graph.nodes
    depth = {}
    for node in reversed(nodes):  # longest distance from an output, as Keras 3's nodes_by_depth
        d = depth.get(id(node), 0)
        depth[id(node)] = d
        for parent in node.parent_nodes:
            depth[id(parent)] = max(depth.get(id(parent), 0), d + 1)
    counts = {}
    for node in nodes:
        counts[depth[id(node)]] = counts.get(depth[id(node)], 0) + 1
    seq = all(c <= 1 for c in counts.values()) and all(len(_flat(n.input_tensors)) <= 1 for n in nodes)
    if seq:
        used = set()
        for node in nodes:
            if id(node.layer) in used:
                seq = False
            used.add(id(node.layer))
    return graph.layers, seq, {id(n) for n in nodes}


def _connections(layer, relevant):
    parts = []
    for node in layer._inbound_nodes:
        if relevant and id(node) not in relevant:
            continue
        for t in _flat(node.input_tensors):
            origin, node_index, tensor_index = t._keras_history
            parts.append(f"{origin.layer.name}[{node_index}][{tensor_index}]")
    return ", ".join(parts) or "-"


def _memory(weights):
    size = float(sum(int(np.prod(v.shape.as_list(), dtype=np.int64)) * v.dtype.size
                     for v in {id(w): w for w in weights}.values()))
    for unit in ("B", "KB", "MB", "GB", "TB", "PB"):
        if size / 1024 < 1:
            return f"{size:.2f} {unit}"
        size /= 1024
    return f"{size:.2f} PB"


def _count(weights):
    return int(sum(int(np.prod(v.shape.as_list(), dtype=np.int64)) for v in weights))


def _ratio_reduce(total, maximums, values):
    """rich's ratio_reduce with equal ratios: takes `total` off the column widths as evenly as it rounds."""
    ratio_left, out = len(values), []
    for maximum, value in zip(maximums, values):
        taken = min(maximum, round(total / ratio_left))
        out.append(value - taken)
        total -= taken
        ratio_left -= 1
    return out


def _wrap(text, width):
    """rich's word wrap of a cell (overflow 'ellipsis': a word longer than the cell is cut with '…')."""
    lines = []
    for raw in text.split("\n"):
        words, line = raw.split(" "), ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if line and len(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return [ln if len(ln) <= width else ln[:width - 1] + "…" for ln in lines]


def _render(header, rows, widths, alignment):
    def cells(values, vertical):
        wrapped = [_wrap(v, w - 2) for v, w in zip(values, widths)]
        height = max(len(c) for c in wrapped)
        out = []
        for i in range(height):
            parts = []
            for c, w, align in zip(wrapped, widths, alignment):
                text = c[i] if i < len(c) else ""
                parts.append(" " + (text.rjust(w - 2) if align == "right" else
                                    text.center(w - 2) if align == "center" else text.ljust(w - 2)) + " ")
            out.append(vertical + vertical.join(parts) + vertical)
        return out

    def rule(left, fill, mid, right):
        return left + mid.join(fill * w for w in widths) + right
    lines = [rule("┏", "━", "┳", "┓")] + cells(header, "┃") + [rule("┡", "━", "╇", "┩")]
    for i, row in enumerate(rows):
        if i:
            lines.append(rule("├", "─", "┼", "┤"))
        lines += cells(row, "│")
    lines.append(rule("└", "─", "┴", "┘"))
    return lines


def print_summary(model, line_length=None, positions=None, print_fn=None, expand_nested=False,
                  show_trainable=False, layer_range=None):
    layers, sequential_like, relevant = _graph_layout(model)
    if sequential_like:
        default_length, positions = 88, positions or [0.45, 0.80, 1.0]
        header, alignment = ["Layer (type)", "Output Shape", "Param #"], ["left", "left", "right"]
    else:
        default_length, positions = 108, positions or [0.3, 0.56, 0.74, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
        alignment = ["left", "left", "right", "left"]
    if show_trainable:
        default_length += 12
        positions = [p * 0.90 for p in positions] + [1.0]
        header.append("Trainable")
        alignment.append("center")
    line_length = line_length or min(default_length, shutil.get_terminal_size().columns - 4)
    widths, current = [], 0
    for pos in positions:
        width = int(pos * line_length) - current
        if width < 4:
            raise ValueError("Insufficient console width to print summary.")
        widths.append(width)
        current += width
    widths = [w + 2 for w in widths]  # cell padding
    available = line_length - (len(widths) + 1)
    if sum(widths) > available:
        widths = _ratio_reduce(sum(widths) - available, widths, widths)

    def fields(layer, prefix=""):
        params = "0" if not hasattr(layer, "built") else (
            "0 (unbuilt)" if not layer.built else f"{layer.count_params():,}")
        row = [f"{prefix}{layer.name} ({type(layer).__name__})", _layer_shape(layer), params]
        if not sequential_like:
            row.append(_connections(layer, relevant))
        if show_trainable:
            row.append(("Y" if layer.trainable else "N") if layer.weights else "-")
        return row

    def rows_of(layer, level=0):
        rows = [fields(layer, "   " * level + "└ " if level else "")]
        if expand_nested and getattr(layer, "layers", None):
            for sub in layer.layers:
                rows += rows_of(sub, level + 1)
        return rows
    start, stop = _layer_bounds(layers, layer_range)
    rows = [row for layer in layers[start:stop] for row in rows_of(layer)]
    trainable, non_trainable = model.trainable_weights, model.non_trainable_weights
    lines = [f'Model: "{model.name}"'] + _render(header, rows, widths, alignment)
    optimizer = getattr(model, "optimizer", None) if getattr(model, "compiled", False) else None
    opt_vars = list(optimizer.variables) if optimizer is not None and getattr(optimizer, "built", False) else None
    total = trainable + non_trainable + (opt_vars or [])
    total_count = _count(trainable) + _count(non_trainable) + _count(opt_vars or [])
    lines.append(f" Total params: {total_count:,} ({_memory(total)})")
    lines.append(f" Trainable params: {_count(trainable):,} ({_memory(trainable)})")
    lines.append(f" Non-trainable params: {_count(non_trainable):,} ({_memory(non_trainable)})")
    if opt_vars is not None:
        lines.append(f" Optimizer params: {_count(opt_vars):,} ({_memory(opt_vars)})")
    console_width = shutil.get_terminal_size().columns  # rich crops what does not fit the console
    text = "\n".join(line[:console_width] for line in lines) + "\n"
    if print_fn is None:
        print(text, end="")
    else:
        print_fn(text)


def _layer_bounds(layers, layer_range):
    import re
    if layer_range is None:
        return 0, len(layers)
    if len(layer_range) != 2:
        raise ValueError(f"layer_range must be a list or tuple of length 2. Received: layer_range = {layer_range} "
                         f"of length {len(layer_range)}")
    if not isinstance(layer_range[0], str) or not isinstance(layer_range[1], str):
        raise ValueError(f"layer_range should contain string type only. Received: {layer_range}")
    names = [layer.name for layer in layers]
    first = [i for i, n in enumerate(names) if re.match(layer_range[0], n)]
    last = [i for i, n in enumerate(names) if re.match(layer_range[1], n)]
    if not first or not last:
        raise ValueError(f"Passed layer_names do not match the layer names in the model. Received: {layer_range}")
    return first[0], last[-1] + 1
