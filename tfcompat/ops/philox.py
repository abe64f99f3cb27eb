"""TF's Philox4x32-10 generator and its CPU sample distributions, vectorised in NumPy on the host.

A stream is a 64-bit key and a 128-bit counter (Python ints); block i of a stream is the four
uint32 words philox(counter + i, key). The distributions turn blocks into TF's exact CPU values
(tensorflow/core/lib/random: Uint32ToFloat, Box-Muller, the truncated normal's rejection loop).
Every backend receives these host arrays, so all backends give TF's numbers.
"""
import numpy as np

from ..framework import dtypes as _dt

_U32 = np.uint64(0xFFFFFFFF)
_SH32 = np.uint64(32)
_M0, _M1 = np.uint64(0xD2511F53), np.uint64(0xCD9E8D57)
_W0, _W1 = 0x9E3779B9, 0xBB67AE85
_MIX_KEY = 0x02461E29 << 32 | 0x3EC8F720   # the key TF scrambles seeds with
RESERVED = 256        # blocks a stateful kernel reserves per output element
TRUNC_SKIP = 256      # blocks between the streams of two truncated-normal output groups (per 4 outputs)


def _rounds(c0, c1, c2, c3, key):
    k0, k1 = key & 0xFFFFFFFF, key >> 32 & 0xFFFFFFFF
    for _ in range(10):
        p0, p1 = c0 * _M0, c2 * _M1
        c0, c1, c2, c3 = (p1 >> _SH32) ^ c1 ^ np.uint64(k0), p1 & _U32, (p0 >> _SH32) ^ c3 ^ np.uint64(k1), p0 & _U32
        k0, k1 = (k0 + _W0) & 0xFFFFFFFF, (k1 + _W1) & 0xFFFFFFFF
    return c0, c1, c2, c3


def _at(key, counter, offsets):
    """(*offsets.shape, 4) uint32: the blocks at counter + offsets (uint64 offsets, 128-bit carry)."""
    base = np.uint64(counter & 0xFFFFFFFFFFFFFFFF)
    lo = base + offsets
    hi = np.uint64(counter >> 64 & 0xFFFFFFFFFFFFFFFF) + (lo < base).astype(np.uint64)
    return np.stack(_rounds(lo & _U32, lo >> _SH32, hi & _U32, hi >> _SH32, key), axis=-1).astype(np.uint32)


def blocks(key, counter, n):
    """(n, 4) uint32: the blocks counter, counter+1, ... of the stream."""
    return _at(key, counter, np.arange(n, dtype=np.uint64))


def words(key, counter, n):
    """The first n uint32 words of the stream."""
    return blocks(key, counter, -(-n // 4)).reshape(-1)[:n]


def scramble(seed0, seed1):
    """(key, counter) of a stateless op's seed pair: TF mixes the seeds through one Philox call."""
    s0, s1 = seed0 & 0xFFFFFFFFFFFFFFFF, seed1 & 0xFFFFFFFFFFFFFFFF
    mix = [int(w) for w in blocks(_MIX_KEY, s1 << 64 | s0, 1)[0]]
    return mix[1] << 32 | mix[0], (mix[3] << 32 | mix[2]) << 64


def stateful_stream(seed, seed2):
    """(key, counter) of a stateful kernel with attributes seed/seed2 (PhiloxRandom(seed, seed2))."""
    return seed & 0xFFFFFFFFFFFFFFFF, (seed2 & 0xFFFFFFFFFFFFFFFF) << 64


# uint32 -> [0, 1) conversions: random mantissa bits under exponent 0, minus one
def _unit_float32(x):
    return (x & np.uint32(0x7FFFFF) | np.uint32(0x3F800000)).view(np.float32) - np.float32(1)


def _unit_float64(x0, x1):
    bits = (x0 & np.uint32(0xFFFFF)).astype(np.uint64) << _SH32 | x1.astype(np.uint64)
    return (bits | np.uint64(1023 << 52)).view(np.float64) - 1.0


def _unit_float16(x):
    return ((x & np.uint32(0x3FF)) | np.uint32(15 << 10)).astype(np.uint16).view(np.float16) - np.float16(1)


def _unit_bfloat16(x):
    bf = _dt.bfloat16.as_numpy_dtype
    return (((x & np.uint32(0x7F)) | np.uint32(127 << 7)).astype(np.uint16).view(bf) - bf(1)).astype(bf)


def unit_doubles(w):
    """Doubles in [0, 1) from consecutive word pairs (SimplePhilox::RandDouble)."""
    return _unit_float64(w[0::2], w[1::2])


def _box_muller_float(x0, x1):
    u1 = np.maximum(_unit_float32(x0), np.float32(1e-7))
    v1 = (2 * np.pi * _unit_float32(x1).astype(np.float64)).astype(np.float32)
    u2 = np.sqrt(np.float32(-2) * np.log(u1.astype(np.float64)).astype(np.float32))
    v = v1.astype(np.float64)
    return np.sin(v).astype(np.float32) * u2, np.cos(v).astype(np.float32) * u2


def _box_muller_double(x0, x1, x2, x3):
    u1 = np.maximum(_unit_float64(x0, x1), 1e-7)
    v1 = 2 * np.pi * _unit_float64(x2, x3)
    u2 = np.sqrt(-2.0 * np.log(u1))
    return np.sin(v1) * u2, np.cos(v1) * u2


def _interleave(a, b):
    return np.stack([a, b], axis=-1).reshape(-1)


def uniform(key, counter, n, dtype):
    """n floats in [0, 1) of `dtype` (a TF dtype name): 4 per block, 2 per block for float64."""
    if dtype == "float64":
        w = words(key, counter, 2 * n)
        return _unit_float64(w[0::2], w[1::2])
    w = words(key, counter, n)
    return {"float32": _unit_float32, "float16": _unit_float16, "bfloat16": _unit_bfloat16}[dtype](w)


def uniform_int(key, counter, n, lo, hi, dtype):
    """n ints lo + bits % (hi - lo): 32-bit words for int32, two words per value for int64."""
    span = (hi - lo) & 0xFFFFFFFFFFFFFFFF
    if dtype == "int32":
        r = words(key, counter, n) % np.uint32(span)
        return (np.int64(lo) + r.astype(np.int64)).astype(np.int32)
    r = full_int(key, counter, n, "uint64") % np.uint64(span)
    return (r + np.uint64(lo & 0xFFFFFFFFFFFFFFFF)).view(np.int64)


def full_int(key, counter, n, dtype):
    """n integers covering the whole range of `dtype` (raw words, or word pairs for 64 bits)."""
    if dtype in ("int32", "uint32"):
        return words(key, counter, n).view(dtype)
    w = words(key, counter, 2 * n).astype(np.uint64)
    return (w[0::2] | w[1::2] << _SH32).view(dtype)


def normal(key, counter, n, dtype):
    """n standard normals (Box-Muller): floats from word pairs, doubles from word quads."""
    if dtype == "float64":
        w = blocks(key, counter, -(-n // 2))
        return _interleave(*_box_muller_double(*w.T))[:n]
    w = words(key, counter, n + n % 2).reshape(-1, 2)
    return _cast_float(_interleave(*_box_muller_float(w[:, 0], w[:, 1]))[:n], dtype)


def _cast_float(f32, dtype):
    return f32 if dtype == "float32" else f32.astype(_dt.as_dtype(dtype).as_numpy_dtype)


def truncated_normal(key, counter, n, dtype):
    """n standard normals within (-2, 2), TF's rejection loop: output group g (4 values, 2 for
    float64) takes the first accepted candidates of its own stream at counter + g * skip."""
    group = 2 if dtype == "float64" else 4
    groups = -(-n // group)
    skip = TRUNC_SKIP * group // 4
    take = 4
    while True:
        offsets = np.arange(groups, dtype=np.uint64)[:, None] * np.uint64(skip) + np.arange(take, dtype=np.uint64)
        cand = _candidates(_at(key, counter, offsets).reshape(groups, -1), dtype)   # in draw order
        ok = np.abs(cand) < 2
        if ok.sum(axis=1).min(initial=group) >= group:
            break
        take *= 2
    keep = ok & (np.cumsum(ok, axis=1) <= group)
    out = cand[keep][:n]
    return out if dtype == "float64" else _cast_float(out, dtype)


def _candidates(w, dtype):
    """Box-Muller candidates, in draw order, of each row of words."""
    if dtype == "float64":
        q = w.reshape(len(w), -1, 4)
        a, b = _box_muller_double(q[..., 0], q[..., 1], q[..., 2], q[..., 3])
    else:
        p = w.reshape(len(w), -1, 2)
        a, b = _box_muller_float(p[..., 0], p[..., 1])
    return np.stack([a, b], axis=-1).reshape(len(w), -1)
