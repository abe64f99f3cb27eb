"""`keras.utils.Progbar`: Keras 3's progress bar, byte for byte (ANSI bold counter, green/white bar, ETA while
running, elapsed time and time per step at the end; verbose=2 prints one line when finished)."""
import math
import os
import sys
import time


def _print(message):
    sys.stdout.write(message)
    sys.stdout.flush()


def _format_value(value, signed=True):
    """'%.4f' above 1e-3 (in magnitude when `signed`, as verbose=1 does), else '%.4e'."""
    big = abs(value) > 1e-3 if signed else value > 1e-3
    return f" {value:.4f}" if big else f" {value:.4e}"


def _format_time(seconds, unit_name):
    if seconds >= 1 or seconds == 0:
        return f" {seconds:.0f}s/{unit_name}"
    if seconds >= 1e-3:
        return f" {seconds * 1e3:.0f}ms/{unit_name}"
    return f" {seconds * 1e6:.0f}us/{unit_name}"


def _format_eta(eta):
    if eta > 3600:
        return "%d:%02d:%02d" % (eta // 3600, (eta % 3600) // 60, eta % 60)
    if eta > 60:
        return "%d:%02d" % (eta // 60, eta % 60)
    return "%ds" % eta


class Progbar:
    """Displays progress towards `target` steps; values of `stateful_metrics` are shown as given, the others
    averaged over the steps seen."""

    def __init__(self, target, width=20, verbose=1, interval=0.05, stateful_metrics=None, stateless_metrics=None,
                 unit_name="step"):
        if stateful_metrics is not None and stateless_metrics is not None:
            raise ValueError("Only one of `stateful_metrics` or `stateless_metrics` can be provided. "
                             "`stateful_metrics` is used to make metrics stateless by default (with an exclusion "
                             "list), while `stateless_metrics` is used to make metrics stateful by default (with "
                             "an exclusion list).")
        self.target, self.width, self.verbose = target, width, verbose
        self.interval, self.unit_name = interval, unit_name
        self._stateful = set(stateful_metrics) if stateful_metrics is not None else None
        self._stateless = set(stateless_metrics) if stateless_metrics is not None else None
        if self._stateful is None and self._stateless is None:
            self._stateful = set()
        self._dynamic_display = ((hasattr(sys.stdout, "isatty") and sys.stdout.isatty())
                                 or "ipykernel" in sys.modules or "posix" in sys.modules
                                 or "PYCHARM_HOSTED" in os.environ)
        self._seen_so_far = 0
        self._values = {}
        self._start = time.time()
        self._last_update = 0
        self._time_after_first_step = None
        self._prev_total_width = 0

    def _averaged(self, name):
        return name not in self._stateful if self._stateful is not None else name in self._stateless

    def update(self, current, values=None, finalize=None):
        """Records the step reached and the latest values, and redraws (at most once per `interval`)."""
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        for name, value in values or ():
            value = float(value) if not isinstance(value, str) else value
            if self._averaged(name) and not finalize:
                weight = max(current - self._seen_so_far, 1)
                total, count = self._values.get(name, (0.0, 0))
                self._values[name] = (total + value * weight, count + weight)
            else:
                self._values[name] = (value, 1)
        self._seen_so_far = current
        now = time.time()
        per_step = self._step_duration(current, now)
        if self.verbose == 1:
            if now - self._last_update < self.interval and not finalize:
                return
            self._draw(current, now, per_step, finalize)
        elif self.verbose == 2 and finalize and self.target:
            digits = int(math.log10(self.target)) + 1
            line = f"%{digits}d/%d - {now - self._start:.0f}s -" % (current, self.target)
            line += _format_time(per_step, self.unit_name)
            line += "".join(f" - {k}:{self._shown(k, signed=False)}" for k in self._values)
            _print(line + "\n")
        self._last_update = now

    def _shown(self, name, signed=True):
        total, count = self._values[name]
        if isinstance(total, str):
            return f" {total}"
        return _format_value(total / max(1, count), signed)

    def _draw(self, current, now, per_step, finalize):
        message = ("\b" * self._prev_total_width + "\r") if self._dynamic_display else "\n"
        hidden = 0  # characters of ANSI codes, not counted in the width
        if self.target:
            digits = int(math.log10(self.target)) + 1
            bar = f"\x1b[1m{f'%{digits}d/%d' % (current, self.target)}\x1b[0m "
            done = int(self.width * current / self.target)
            hidden += 8
            if done > 0:
                bar += f"\x1b[32m{'━' * done}\x1b[0m"
                hidden += 9
            bar += f"\x1b[37m{'━' * (self.width - done)}\x1b[0m"
            hidden += 9
        else:
            bar = "%7d/Unknown" % current
        if self.target and not finalize:
            info = f" \x1b[1m{_format_eta(per_step * (self.target - current))}\x1b[0m"
        else:
            info = f" \x1b[1m{now - self._start:.0f}s\x1b[0m"
        hidden += 8
        info += _format_time(per_step, self.unit_name)
        info += "".join(f" - {k}:{self._shown(k)}" for k in self._values)
        width = len(bar) + len(info) - hidden
        message += bar + info
        if self._prev_total_width > width:
            message += " " * (self._prev_total_width - width)
        if finalize:
            message += "\n"
        _print(message)
        self._prev_total_width = width

    def add(self, n, values=None):
        self.update(self._seen_so_far + n, values)

    def _step_duration(self, current, now):
        """Seconds per step, leaving out the first (tracing) step once more than one step is done."""
        if not current:
            return 0
        if self._time_after_first_step is not None and current > 1:
            per_step = (now - self._time_after_first_step) / (current - 1)
        else:
            per_step = (now - self._start) / current
        if current == 1:
            self._time_after_first_step = now
        return per_step
