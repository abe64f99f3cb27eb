"""Model training (compile, fit, evaluate, predict and the *_on_batch calls): the Trainer mixin of keras.Model,
with Keras 3's TF-backend semantics (a tf.function step unless run_eagerly, History, the progress bar)."""
import warnings

import numpy as np

import tfcompat as tf

from . import data_adapter as da
from .callbacks import Callback, CallbackList, pythonify_logs
from .compile_utils import CompileLoss, CompileMetrics, call_accepts, total_loss

_BATCH_HOOKS = ("on_batch_begin", "on_batch_end", "on_train_batch_begin", "on_train_batch_end",
                "on_test_batch_begin", "on_test_batch_end", "on_predict_batch_begin", "on_predict_batch_end")


class Trainer:
    """compile/fit/evaluate/predict for keras.Model; `train_step`/`test_step`/`predict_step` may be overridden."""

    def __init__(self):
        d = self.__dict__
        d.update(compiled=False, _compile_loss=None, _compile_metrics=None, _loss_tracker=None,
                 _run_eagerly=False, _jit_compile=None, steps_per_execution=1, stop_training=False,
                 train_function=None, test_function=None, predict_function=None, _eval_iterator=None)

    # ---- compile ----
    def compile(self, optimizer="rmsprop", loss=None, loss_weights=None, metrics=None, weighted_metrics=None,
                run_eagerly=False, steps_per_execution=1, jit_compile="auto", auto_scale_loss=True):
        """Configures training: strings or objects for the optimizer, the loss(es) and the metrics."""
        from . import metrics as metrics_module
        from . import optimizers
        d = self.__dict__
        d["optimizer"] = optimizers.get(optimizer)
        names = self._output_names()
        if loss is not None:
            d["_compile_loss"] = CompileLoss(loss, loss_weights, output_names=names)
            d["loss"] = loss
        if metrics is not None or weighted_metrics is not None:
            d["_compile_metrics"] = CompileMetrics(metrics, weighted_metrics, output_names=names)
        if jit_compile == "auto":
            jit_compile = False
        if jit_compile and run_eagerly:
            jit_compile = False
            warnings.warn("If `run_eagerly` is True, then `jit_compile` cannot also be True. Disabling "
                          "`jit_compile`.", stacklevel=2)
        d.update(_run_eagerly=run_eagerly, _jit_compile=jit_compile, steps_per_execution=steps_per_execution,
                 _loss_tracker=metrics_module.Mean(name="loss"), compiled=True,
                 train_function=None, test_function=None, predict_function=None,
                 _compile_config=dict(optimizer=d["optimizer"], loss=loss, loss_weights=loss_weights,
                                      metrics=metrics, weighted_metrics=weighted_metrics, run_eagerly=run_eagerly,
                                      steps_per_execution=steps_per_execution, jit_compile=jit_compile))

    def _output_names(self):
        graph = self.__dict__.get("_graph")
        if graph is None:
            return None
        return [t._keras_history[0].layer.name for t in graph.flat_outputs]

    @property
    def run_eagerly(self):
        return self.__dict__.get("_run_eagerly", False)

    @run_eagerly.setter
    def run_eagerly(self, value):
        self.__dict__.update(_run_eagerly=bool(value), train_function=None, test_function=None,
                             predict_function=None)

    @property
    def jit_compile(self):
        return bool(self.__dict__.get("_jit_compile"))

    @jit_compile.setter
    def jit_compile(self, value):
        self.__dict__["_jit_compile"] = value

    def get_compile_config(self):
        if self.compiled and "_compile_config" in self.__dict__:
            from .saving.serialization import serialize_keras_object
            return {k: serialize_keras_object(v) for k, v in self._compile_config.items()}
        return {}

    def compile_from_config(self, config):
        if type(self).compile is not Trainer.compile:
            warnings.warn("`compile()` was not called as part of model loading because the model's `compile()` "
                          "method is custom. All subclassed Models that have `compile()` overridden should also "
                          "override `get_compile_config()` and `compile_from_config(config)`. Alternatively, you "
                          "can call `compile()` manually after loading.", stacklevel=2)
            return
        from .saving.serialization import deserialize_compile_config
        self.compile(**deserialize_compile_config(config))
        if self.built:
            self.optimizer.build(self.trainable_variables)

    # ---- metrics ----
    @property
    def metrics(self):
        out = []
        if self.compiled:
            out.append(self._loss_tracker)
            if self._compile_metrics is not None:
                out.append(self._compile_metrics)
            if self._compile_loss is not None:
                out.extend(self._compile_loss.metrics)
        from .metrics import Metric
        internal = {id(m) for m in out}
        out.extend(v for v in self.__dict__.values() if isinstance(v, Metric) and id(v) not in internal)
        return out

    @property
    def metrics_names(self):
        return [m.name for m in self.metrics]

    @property
    def metrics_variables(self):
        return [v for m in self.metrics for v in m.variables]

    def reset_metrics(self):
        for m in self.metrics:
            m.reset_state()

    def get_metrics_result(self):
        out = {}
        for m in self.metrics:
            result = m.result()
            if isinstance(result, dict):
                out.update(result)
            else:
                out[m.name] = result
        return out

    @property
    def compiled_metrics(self):
        """Keras 2's `self.compiled_metrics.update_state(y, y_pred)` (deprecated in Keras 3, still accepted)."""
        model = self

        class DeprecatedCompiledMetric:
            def update_state(self, y, y_pred, sample_weight=None):
                warnings.warn("`model.compiled_metrics()` is deprecated. Instead, use e.g.:\n```\nfor metric in "
                              "self.metrics:\n    metric.update_state(y, y_pred)\n```\n", stacklevel=2)
                from .metrics import Mean
                for m in model.metrics:
                    if isinstance(m, Mean) and not hasattr(m, "_fn"):
                        m.update_state(y_pred, sample_weight=sample_weight)
                    else:
                        m.update_state(y, y_pred, sample_weight=sample_weight)
        return DeprecatedCompiledMetric()

    def compiled_loss(self, y, y_pred, sample_weight=None, regularization_losses=None):
        """Keras 2's `self.compiled_loss(y, y_pred)` (deprecated in Keras 3, still accepted)."""
        warnings.warn("`model.compiled_loss()` is deprecated. Instead, use `model.compute_loss(x, y, y_pred, "
                      "sample_weight, training)`.")
        return self.compute_loss(x=None, y=y, y_pred=y_pred, sample_weight=sample_weight)

    # ---- steps ----
    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """The compiled loss plus the model's own losses (regularizers, add_loss)."""
        losses = []
        if self._compile_loss is not None:
            loss = self._compile_loss(y, y_pred, sample_weight)
            if loss is not None:
                losses.append(loss)
        extra = self.losses
        if extra:
            losses.append(total_loss(extra))
        if not losses:
            raise ValueError("No loss to compute. Provide a `loss` argument in `compile()`.")
        return losses[0] if len(losses) == 1 else tf.add_n(losses)

    def _compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        if call_accepts(self.compute_loss, "training"):
            return self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=training)
        return self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)

    def compute_metrics(self, x, y, y_pred, sample_weight=None):
        if self._compile_metrics is not None:
            self._compile_metrics.update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    def _track_loss(self, loss, x):
        first = next(leaf for leaf in da._flat(x) if leaf is not None)
        self._loss_tracker.update_state(loss, sample_weight=tf.shape(first)[0])

    def train_step(self, data):
        x, y, sample_weight = da.unpack_x_y_sample_weight(data)
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self._compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=True)
            self._track_loss(loss, x)
            if self.optimizer is not None:
                loss = self.optimizer.scale_loss(loss)
        weights = self.trainable_weights
        if weights:
            self.optimizer.apply(tape.gradient(loss, weights), weights)
        else:
            warnings.warn("The model does not have any trainable weights.")
        return self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)

    def test_step(self, data):
        x, y, sample_weight = da.unpack_x_y_sample_weight(data)
        y_pred = self(x, training=False)
        loss = self._compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=False)
        self._track_loss(loss, x)
        return self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)

    def predict_step(self, data):
        x, _, _ = da.unpack_x_y_sample_weight(data)
        return self(x, training=False)

    def _step_function(self, name):
        step = getattr(self, name)
        if self.run_eagerly:
            return step
        return tf.function(step, reduce_retracing=True, autograph=False)

    def make_train_function(self, force=False):
        if self.train_function is None or force:
            self.__dict__["train_function"] = self._step_function("train_step")
        return self.train_function

    def make_test_function(self, force=False):
        if self.test_function is None or force:
            self.__dict__["test_function"] = self._step_function("test_step")
        return self.test_function

    def make_predict_function(self, force=False):
        if self.predict_function is None or force:
            self.__dict__["predict_function"] = self._step_function("predict_step")
        return self.predict_function

    def _assert_compile_called(self, method_name=None):
        if not self.compiled:
            raise ValueError("You must call `compile()` before using the model.")

    def _symbolic_build(self, data_batch):
        """Builds what the first step needs before it is traced: the model (on the batch), the compiled loss
        and metrics (from y and y_pred), and the optimizer."""
        cl, cm = self._compile_loss, self._compile_metrics
        model_unbuilt = not all(layer.built for layer in self._flatten_layers())
        if model_unbuilt or (cm is not None and not cm.built) or (cl is not None and not cl.built):
            x, y, _ = da.unpack_x_y_sample_weight(data_batch)
            y_pred = self(x, training=False)
            if y is not None:
                if cm is not None and not cm.built:
                    cm.build(y, y_pred)
                if cl is not None and not cl.built:
                    cl.build(y, y_pred)
        optimizer = self.__dict__.get("optimizer")
        if optimizer is not None and not optimizer.built:
            optimizer.build(self.trainable_variables)

    # ---- loops ----
    def _callbacks(self, callbacks, add_history, verbose, epochs, steps):
        if isinstance(callbacks, CallbackList):
            return callbacks
        return CallbackList(callbacks, add_history=add_history, add_progbar=verbose != 0, verbose=verbose,
                            epochs=epochs, steps=steps, model=self)

    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None, validation_split=0.0,
            validation_data=None, shuffle=True, class_weight=None, sample_weight=None, initial_epoch=0,
            steps_per_epoch=None, validation_steps=None, validation_batch_size=None, validation_freq=1):
        """Trains for `epochs` epochs; returns the History callback."""
        self._assert_compile_called("fit")
        self.__dict__["_eval_iterator"] = None
        if validation_split and validation_data is None:
            (x, y, sample_weight), validation_data = da.train_validation_split((x, y, sample_weight),
                                                                                validation_split)
        if validation_data is not None:
            val_x, val_y, val_sw = da.unpack_x_y_sample_weight(validation_data)
        iterator = da.EpochIterator(x, y, sample_weight, batch_size, steps_per_epoch, shuffle, class_weight)
        callbacks = self._callbacks(callbacks, True, verbose, epochs, iterator.num_batches)
        batch_hooks = _has_batch_hooks(callbacks)
        self.stop_training = False
        train = None
        callbacks.on_train_begin()
        logs, training_logs = {}, None
        for epoch in range(initial_epoch, epochs):
            self.reset_metrics()
            callbacks.on_epoch_begin(epoch)
            for step, batch in iterator:
                if train is None:
                    self._symbolic_build(batch)
                    train = self.make_train_function()
                if batch_hooks:
                    callbacks.on_train_batch_begin(step)
                logs = train(batch)
                if batch_hooks:
                    callbacks.on_train_batch_end(step, logs)
                if self.stop_training:
                    break
            epoch_logs = dict(self._get_metrics_result_or_logs(logs))
            if validation_data is not None and _should_eval(epoch, validation_freq):
                if self._eval_iterator is None:
                    self.__dict__["_eval_iterator"] = da.EpochIterator(
                        val_x, val_y, val_sw, validation_batch_size or batch_size, validation_steps, False)
                val_logs = self.evaluate(callbacks=callbacks, return_dict=True, _use_cached_eval_dataset=True)
                epoch_logs.update({f"val_{k}": v for k, v in val_logs.items()})
            callbacks.on_epoch_end(epoch, epoch_logs)
            training_logs = epoch_logs
            if self.stop_training:
                break
        self.__dict__["_eval_iterator"] = None
        callbacks.on_train_end(training_logs)
        return self.history

    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None, steps=None,
                 callbacks=None, return_dict=False, **kwargs):
        """The loss and metrics on the data: a float, a list in compile order, or a dict (`return_dict`)."""
        self._assert_compile_called("evaluate")
        cached = kwargs.pop("_use_cached_eval_dataset", False)
        if kwargs:
            raise ValueError(f"Arguments not recognized: {kwargs}")
        iterator = self._eval_iterator if cached else \
            da.EpochIterator(x, y, sample_weight, batch_size, steps, shuffle=False)
        callbacks = self._callbacks(callbacks, False, verbose, 1, iterator.num_batches)
        batch_hooks = _has_batch_hooks(callbacks)
        self.stop_evaluating = False
        callbacks.on_test_begin()
        self.reset_metrics()
        logs, test = {}, None
        for step, batch in iterator:
            if test is None:
                self._symbolic_build(batch)
                test = self.make_test_function()
            if batch_hooks:
                callbacks.on_test_batch_begin(step)
            logs = test(batch)
            if batch_hooks:
                callbacks.on_test_batch_end(step, logs)
            if self.stop_evaluating:
                break
        logs = pythonify_logs(self._get_metrics_result_or_logs(logs))
        callbacks.on_test_end(logs)
        return logs if return_dict else self._flatten_metrics_in_order(logs)

    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
        """The model's outputs on `x`, batched, as NumPy arrays (the output structure kept)."""
        iterator = da.EpochIterator(x, None, None, batch_size, steps, shuffle=False)
        callbacks = self._callbacks(callbacks, False, verbose, 1, iterator.num_batches)
        batch_hooks = _has_batch_hooks(callbacks)
        self.stop_predicting = False
        callbacks.on_predict_begin()
        outputs, predict = None, None
        for step, batch in iterator:
            if predict is None:
                predict = self.make_predict_function()
            if batch_hooks:
                callbacks.on_predict_batch_begin(step)
            out = predict(batch)
            outputs = da._map(lambda t: [t], out) if outputs is None else _append(outputs, out)
            if batch_hooks:
                callbacks.on_predict_batch_end(step, {"outputs": out})
            if self.stop_predicting:
                break
        callbacks.on_predict_end()
        if outputs is None:
            raise ValueError("Unexpected result of `predict_function` (Empty batch_outputs). Please use "
                             "`Model.compile(..., run_eagerly=True)`, or `tf.config.run_functions_eagerly(True)` "
                             "for more information of where went wrong, or file a issue/bug to `keras`.")
        return _concat(outputs)

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None, return_dict=False):
        """One training step on one batch; the values are those computed before the update."""
        self._assert_compile_called("train_on_batch")
        if class_weight is not None:
            if sample_weight is not None:
                raise ValueError("Arguments `sample_weight` and `class_weight` cannot be specified at the same "
                                 f"time. Received: sample_weight={sample_weight}, class_weight={class_weight}")
            sample_weight = da.class_weight_to_sample_weights(y, class_weight)
        data = _batch(x, y, sample_weight)
        self._symbolic_build(data)
        self.reset_metrics()
        logs = pythonify_logs(self.make_train_function()(data))
        return logs if return_dict else self._flatten_metrics_in_order(logs)

    def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
        self._assert_compile_called("test_on_batch")
        data = _batch(x, y, sample_weight)
        self._symbolic_build(data)
        self.reset_metrics()
        logs = pythonify_logs(self.make_test_function()(data))
        return logs if return_dict else self._flatten_metrics_in_order(logs)

    def predict_on_batch(self, x):
        out = self.make_predict_function()(_batch(x, None, None))
        return da._map(lambda t: np.asarray(t.numpy() if hasattr(t, "numpy") else t), out)

    def _get_metrics_result_or_logs(self, logs):
        metric_logs = self.get_metrics_result()
        if isinstance(logs, dict) and set(logs) == set(metric_logs):
            return metric_logs
        return logs

    def _flatten_metrics_in_order(self, logs):
        names = []
        for m in self.metrics:
            names += [s.name for s in m.metrics] if isinstance(m, CompileMetrics) else [m.name]
        results = [logs[n] for n in names if n in logs]
        results += [logs[k] for k in sorted(logs) if k not in names]
        return results[0] if len(results) == 1 else results

    # ---- saving (keras.saving) ----
    def save(self, filepath, overwrite=True, zipped=None, **kwargs):
        from .saving import save_model
        return save_model(self, filepath, overwrite=overwrite, zipped=zipped, **kwargs)

    def save_weights(self, filepath, overwrite=True, max_shard_size=None):
        from .saving import save_weights
        return save_weights(self, filepath, overwrite=overwrite)

    def load_weights(self, filepath, skip_mismatch=False, **kwargs):
        from .saving import load_weights
        return load_weights(self, filepath, skip_mismatch=skip_mismatch, **kwargs)


def _has_batch_hooks(callbacks):
    """Whether any callback does something per batch (else the loop skips the per-batch calls)."""
    return any(getattr(type(c), h) is not getattr(Callback, h) for c in callbacks.callbacks for h in _BATCH_HOOKS
               if not (type(c).__name__ == "ProgbarLogger" and c.verbose != 1 and c.target is not None))


def _should_eval(epoch, validation_freq):
    epoch += 1
    if isinstance(validation_freq, int):
        return epoch % validation_freq == 0
    if isinstance(validation_freq, list):
        return epoch in validation_freq
    raise ValueError("Expected `validation_freq` to be a list or int. Received: "
                     f"validation_freq={validation_freq} of the type {type(validation_freq)}.")


def _batch(x, y, sample_weight):
    convert = da._batch_leaf
    return da.pack_x_y_sample_weight(da._map(convert, x), da._map(convert, y), da._map(convert, sample_weight))


def _append(outputs, out):
    if isinstance(outputs, list) and not isinstance(out, (list, tuple)):
        outputs.append(out)
        return outputs
    if isinstance(outputs, dict):
        for k in outputs:
            _append(outputs[k], out[k])
        return outputs
    for acc, o in zip(outputs, out):
        _append(acc, o)
    return outputs


def _concat(outputs):
    if isinstance(outputs, dict):
        return {k: _concat(v) for k, v in outputs.items()}
    if isinstance(outputs, tuple):
        return tuple(_concat(v) for v in outputs)
    if outputs and isinstance(outputs[0], list):
        return [_concat(v) for v in outputs]
    return np.concatenate([np.asarray(t.numpy()) for t in outputs], axis=0)
