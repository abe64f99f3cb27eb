"""`tf.train.Checkpoint` and `CheckpointManager` for tf.Module / Keras objects and Variables, in tfcompat's own
format (TF's file names: `<prefix>.index` holds a JSON index, `<prefix>.data-00000-of-00001` an npz of values;
nothing is unpickled). Values are keyed by TF's object paths ('model/v/.ATTRIBUTES/VARIABLE_VALUE')."""
import json
import os

import numpy as np

from ..framework.variables import Variable
from ..util.export import tf_export

_SUFFIX = "/.ATTRIBUTES/VARIABLE_VALUE"
_DATA = ".data-00000-of-00001"
_INDEX = ".index"


def _trackable_children(obj):
    """(name, child) pairs of a trackable: public attributes, list items by index, dict items by key."""
    if isinstance(obj, (list, tuple)):
        return [(str(i), v) for i, v in enumerate(obj)]
    if isinstance(obj, dict):
        return [(str(k), v) for k, v in obj.items()]
    if isinstance(obj, Checkpoint):
        return list(obj._children.items()) + [("save_counter", obj.save_counter)]
    out = []
    for name, value in sorted(vars(obj).items()):
        if not name.startswith("_"):
            out.append((name, value))
    opt_vars = getattr(obj, "_variables", None)  # optimizer slots and iterations
    if type(obj).__name__ != "Module" and isinstance(opt_vars, list) and hasattr(obj, "apply_gradients"):
        out.extend((f"optimizer_variable_{i}", v) for i, v in enumerate(opt_vars))
    return out


def _is_trackable(obj):
    from ..module import Module
    if isinstance(obj, (Variable, Module, Checkpoint, list, tuple, dict)):
        return True
    return type(obj).__module__.startswith("tfcompat.keras") or hasattr(obj, "_trainable_variables")


def object_variables(root):
    """{path: Variable} for every Variable reachable from `root` (first path wins)."""
    found, seen = {}, set()

    def walk(obj, path):
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if isinstance(obj, Variable):
            found[path + _SUFFIX] = obj
            return
        for name, child in _trackable_children(obj):
            if _is_trackable(child) and not isinstance(child, (str, bytes)):
                walk(child, f"{path}/{name}" if path else name)
    walk(root, "")
    return found


class CheckpointLoadStatus:
    """What `restore` matched: assert_consumed / assert_existing_objects_matched / expect_partial."""

    def __init__(self, unmatched_objects, unused_values):
        self._unmatched, self._unused = unmatched_objects, unused_values

    def assert_consumed(self):
        self.assert_existing_objects_matched()
        if self._unused:
            raise AssertionError(f"Unresolved object in checkpoint: {sorted(self._unused)[0]}")
        return self

    def assert_existing_objects_matched(self):
        if self._unmatched:
            shown = self._unmatched[:10]
            raise AssertionError(f"Found {len(self._unmatched)} Python objects that were not bound to checkpointed "
                                 "values, likely due to changes in the Python program. Showing "
                                 f"{len(shown)} of {len(self._unmatched)} unmatched objects: {shown}")
        return self

    def assert_nontrivial_match(self):
        return self

    def expect_partial(self):
        return self

    def run_restore_ops(self, session=None):
        pass

    def initialize_or_restore(self, session=None):
        pass


@tf_export("train.Checkpoint")
class Checkpoint:
    """Groups trackable objects (`Checkpoint(model=m, optimizer=opt)`) to save and restore their variables."""

    def __init__(self, root=None, **kwargs):
        for name, value in kwargs.items():
            if not _is_trackable(value):
                raise ValueError(f"`Checkpoint` was expecting a trackable object (an object derived from "
                                 f"`Trackable`), got {value}. If you believe this object should be trackable (i.e. "
                                 "it is part of the TensorFlow Python API and manages state), please open an issue.")
        self._children = dict(kwargs)
        if root is not None:
            self._children.update(_trackable_children(root))
        self._save_counter = None

    def __getattr__(self, name):
        children = self.__dict__.get("_children", {})
        if name in children:
            return children[name]
        raise AttributeError(f"'Checkpoint' object has no attribute '{name}'")

    @property
    def save_counter(self):
        """An int64 Variable counting `save()` calls (restored with the checkpoint)."""
        if self._save_counter is None:
            self._save_counter = Variable(0, dtype="int64", trainable=False, name="save_counter")
        return self._save_counter

    def write(self, file_prefix, options=None):
        """Writes `<file_prefix>.index` and `<file_prefix>.data-00000-of-00001`; returns the prefix."""
        file_prefix = os.fspath(file_prefix)
        variables = object_variables(self)
        directory = os.path.dirname(file_prefix)
        if directory:
            os.makedirs(directory, exist_ok=True)
        values = {f"v{i}": np.asarray(v.numpy()) for i, v in enumerate(variables.values())}
        index = {path: {"key": f"v{i}", "dtype": v.dtype.name, "shape": list(v.shape.as_list())}
                 for i, (path, v) in enumerate(variables.items())}
        _write_atomic(file_prefix + _DATA, lambda f: np.savez(f, **values))
        _write_atomic(file_prefix + _INDEX, lambda f: f.write(json.dumps({"format": "tfcompat-checkpoint-1",
                                                                          "variables": index}).encode()))
        return file_prefix

    def save(self, file_prefix, options=None):
        """Increments save_counter and writes `<file_prefix>-<n>`; returns that path and records it in the
        directory's `checkpoint` file."""
        counter = self.save_counter
        counter.assign_add(1)
        path = self.write(f"{os.fspath(file_prefix)}-{int(counter.numpy())}")
        directory = os.path.dirname(path)
        previous = _read_state(directory)
        paths = [p for p in previous if p != path] + [path]
        _write_state(directory, path, paths)
        return path

    def read(self, save_path, options=None):
        return self.restore(save_path, options)

    def restore(self, save_path, options=None):
        """Assigns the saved values to the matching variables; returns a CheckpointLoadStatus."""
        if save_path is None:
            return CheckpointLoadStatus([], set())
        save_path = os.fspath(save_path)
        index = _read_index(save_path)
        with np.load(save_path + _DATA, allow_pickle=False) as data:
            variables = object_variables(self)
            unused = set(index)
            for path, v in variables.items():
                entry = index.get(path)
                if entry is not None:
                    v.assign(data[entry["key"]])
                    unused.discard(path)
        unmatched = [v for p, v in variables.items() if p not in index and not p.startswith("save_counter")]
        return CheckpointLoadStatus(unmatched, unused)


def _read_index(prefix):
    try:
        with open(prefix + _INDEX, "rb") as f:
            return json.loads(f.read())["variables"]
    except FileNotFoundError:
        from ..framework.errors import NotFoundError
        raise NotFoundError(None, None, f"Failed to find any matching files for {prefix}") from None


def _write_atomic(path, write):
    tmp = path + ".tmp"
    try:
        with open(tmp, "wb") as f:
            write(f)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _state_file(directory):
    return os.path.join(directory, "checkpoint")


def _read_state(directory):
    """The `all_model_checkpoint_paths` of a directory's `checkpoint` file, as full paths."""
    try:
        with open(_state_file(directory)) as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        return []
    out = []
    for line in lines:
        if line.startswith("all_model_checkpoint_paths:"):
            name = line.split(":", 1)[1].strip().strip('"')
            out.append(name if os.path.isabs(name) else os.path.join(directory, name))
    return out


def _write_state(directory, latest, paths):
    def rel(p):
        return os.path.relpath(p, directory) if directory else p
    text = f'model_checkpoint_path: "{rel(latest)}"\n'
    text += "".join(f'all_model_checkpoint_paths: "{rel(p)}"\n' for p in paths)
    _write_atomic(_state_file(directory or "."), lambda f: f.write(text.encode()))


@tf_export("train.latest_checkpoint")
def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """The newest prefix named by `checkpoint_dir/checkpoint`, or None."""
    try:
        with open(os.path.join(checkpoint_dir, latest_filename or "checkpoint")) as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        return None
    for line in lines:
        if line.startswith("model_checkpoint_path:"):
            name = line.split(":", 1)[1].strip().strip('"')
            path = name if os.path.isabs(name) else os.path.join(checkpoint_dir, name)
            return path if os.path.exists(path + _INDEX) else None
    return None


@tf_export("train.list_variables")
def list_variables(ckpt_dir_or_file):
    """(path, shape) pairs of a checkpoint, sorted by path; TF's object-graph entry comes first, as in TF."""
    prefix = latest_checkpoint(ckpt_dir_or_file) if os.path.isdir(ckpt_dir_or_file) else ckpt_dir_or_file
    return sorted([("_CHECKPOINTABLE_OBJECT_GRAPH", [])] + [(p, e["shape"]) for p, e in _read_index(prefix).items()])


@tf_export("train.load_variable")
def load_variable(ckpt_dir_or_file, name):
    prefix = latest_checkpoint(ckpt_dir_or_file) if os.path.isdir(ckpt_dir_or_file) else ckpt_dir_or_file
    index = _read_index(prefix)
    key = name if name in index else name + _SUFFIX
    with np.load(prefix + _DATA, allow_pickle=False) as data:
        return data[index[key]["key"]]


@tf_export("train.CheckpointManager")
class CheckpointManager:
    """Numbered saves of a Checkpoint in `directory`, keeping the newest `max_to_keep`."""

    def __init__(self, checkpoint, directory, max_to_keep, keep_checkpoint_every_n_hours=None,
                 checkpoint_name="ckpt", step_counter=None, checkpoint_interval=None, init_fn=None):
        self._checkpoint = checkpoint
        self._directory = os.fspath(directory)
        self._max_to_keep = max_to_keep
        self._prefix = os.path.join(self._directory, checkpoint_name)
        self._init_fn = init_fn
        self._checkpoints = [p for p in _read_state(self._directory) if os.path.exists(p + _INDEX)]

    @property
    def directory(self):
        return self._directory

    @property
    def checkpoints(self):
        return list(self._checkpoints)

    @property
    def latest_checkpoint(self):
        return self._checkpoints[-1] if self._checkpoints else None

    def restore_or_initialize(self):
        if self.latest_checkpoint is not None:
            self._checkpoint.restore(self.latest_checkpoint)
            return self.latest_checkpoint
        if self._init_fn is not None:
            self._init_fn()
        return None

    def save(self, checkpoint_number=None, check_interval=True, options=None):
        """Writes `<directory>/<name>-<n>` (n from save_counter unless given) and prunes old checkpoints."""
        os.makedirs(self._directory, exist_ok=True)
        counter = self._checkpoint.save_counter
        counter.assign_add(1)
        number = int(counter.numpy()) if checkpoint_number is None else int(checkpoint_number)
        path = self._checkpoint.write(f"{self._prefix}-{number}")
        self._checkpoints = [p for p in self._checkpoints if p != path] + [path]
        if self._max_to_keep is not None:
            while len(self._checkpoints) > self._max_to_keep:
                old = self._checkpoints.pop(0)
                for suffix in (_INDEX, _DATA):
                    if os.path.exists(old + suffix):
                        os.remove(old + suffix)
        _write_state(self._directory, path, self._checkpoints)
        return path
