"""Flush-to-zero while graphs run: TF's kernels treat float denormals as zero (x86 MXCSR FTZ and DAZ).

Besides TF's values this keeps training fast: Adam's moments of dead units decay into denormals, and
arithmetic on denormals is up to 100x slower on x86. Graph functions (tf.function, Keras's train step)
switch the mode on for the call and restore the caller's after, as TF's executor does; eager ops do not
(two libm calls would double an eager op's cost). Linux x86-64 only; elsewhere a no-op.
"""
import ctypes
import ctypes.util
import platform
import sys
import threading

_FTZ_DAZ = 0x8040  # MXCSR bits: flush-to-zero (15), denormals-are-zero (6)
_MXCSR = 28  # offset of __mxcsr in glibc's x86-64 fenv_t (32 bytes)
_local = threading.local()


def _libm():
    if not (sys.platform.startswith("linux") and platform.machine() in ("x86_64", "AMD64")):
        return None
    try:
        libm = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
        return libm if hasattr(libm, "fegetenv") and hasattr(libm, "fesetenv") else None
    except OSError:
        return None


_LIBM = _libm()


def _buffers():
    """This thread's saved-environment buffer and its cache of flushed environments (by saved bytes)."""
    try:
        return _local.saved, _local.flushed
    except AttributeError:
        _local.saved, _local.flushed = (ctypes.c_char * 32)(), {}
        return _local.saved, _local.flushed


class flush_denormals:
    """Context manager: FTZ and DAZ on in this thread for its body (nested uses cost nothing)."""

    __slots__ = ("_on",)

    def __enter__(self):
        self._on = False
        if _LIBM is None or getattr(_local, "on", False):
            return self
        saved, cache = _buffers()
        if _LIBM.fegetenv(saved) != 0:
            return self
        key = saved.raw
        flushed = cache.get(key)
        if flushed is None:
            mxcsr = int.from_bytes(key[_MXCSR:_MXCSR + 4], "little") | _FTZ_DAZ
            flushed = cache[key] = (ctypes.c_char * 32).from_buffer_copy(key[:_MXCSR] + mxcsr.to_bytes(4, "little"))
        if _LIBM.fesetenv(flushed) == 0:
            self._on = _local.on = True
        return self

    def __exit__(self, *exc):
        if self._on:
            _LIBM.fesetenv(_local.saved)
            _local.on = False
        return False
