"""PyTorch backend: array kernels beyond the core: slicing, gather_nd/scatter_nd, padding, tiling, one_hot, searchsorted."""
import torch

_REDUCE = {"max": "amax", "min": "amin"}
_WIDE = {torch.uint16: torch.int32, torch.uint32: torch.int64, torch.uint64: torch.int64}


def _flat_index(shape, indices):
    """Row-major positions (int64) of the coordinates in the last axis of `indices` into the leading dims `shape`."""
    idx = indices.to(torch.int64)
    strides = [1] * len(shape)
    for i in range(len(shape) - 2, -1, -1):
        strides[i] = strides[i + 1] * shape[i + 1]
    return (idx * torch.tensor(strides, dtype=torch.int64, device=idx.device)).sum(-1)


class ArrayKernels:
    """Mixin of `TorchBackend` with the array kernels."""

    def gather_nd(self, x, indices):
        return x[tuple(indices.to(torch.int64).movedim(-1, 0))]

    def tensor_scatter(self, x, indices, updates, mode):
        d = indices.shape[-1]
        lead, rest = tuple(x.shape[:d]), tuple(x.shape[d:])
        n = 1
        for s in lead:
            n *= s
        dt = x.dtype
        wide = _WIDE.get(dt, dt)
        out = x.to(wide).reshape((n,) + rest).clone()
        pos = _flat_index(lead, indices).reshape(-1)
        upd = updates.to(wide).reshape((pos.shape[0],) + rest)
        if mode == "update":
            out[pos] = upd
            return out.reshape(x.shape).to(dt)
        index = pos.reshape((-1,) + (1,) * len(rest)).expand_as(upd)
        if mode == "add":
            return out.scatter_reduce_(0, index, upd, "sum", include_self=True).reshape(x.shape).to(dt)
        # TF keeps the old value unless an update is strictly greater (smaller): NaN updates are ignored
        info = torch.finfo(wide) if wide.is_floating_point else torch.iinfo(wide)
        start = info.min if mode == "max" else info.max
        if wide.is_floating_point:
            start = float("-inf") if mode == "max" else float("inf")
            upd = torch.where(torch.isnan(upd), torch.full_like(upd, start), upd)
        best = torch.full_like(out, start).scatter_reduce_(0, index, upd, _REDUCE[mode], include_self=True)
        out = torch.where(best > out if mode == "max" else best < out, best, out)
        return out.reshape(x.shape).to(dt)

    def pad(self, x, paddings, mode, value=0):
        if mode == "constant":
            shape = tuple(a + n + b for n, (a, b) in zip(x.shape, paddings))
            out = torch.full(shape, value, dtype=x.dtype, device=x.device)
            out[tuple(slice(a, a + n) for n, (a, _) in zip(x.shape, paddings))] = x
            return out
        # mirror padding as one gather per padded axis (torch's own reflect pad is limited to 3 axes)
        for axis, (a, b) in enumerate(paddings):
            if a or b:
                n = x.shape[axis]
                i = torch.arange(-a, n + b, device=x.device)
                if mode == "reflect":
                    period = 2 * n - 2
                    i = torch.remainder(i, period) if period else torch.zeros_like(i)
                    i = torch.where(i >= n, period - i, i)
                else:
                    i = torch.remainder(i, 2 * n)
                    i = torch.where(i >= n, 2 * n - 1 - i, i)
                x = torch.index_select(x, axis, i)
        return x

    def tile(self, x, multiples):
        return x.repeat(tuple(multiples)) if multiples else x.clone()

    def roll(self, x, shifts, axes):
        return torch.roll(x, tuple(shifts), tuple(axes))

    def one_hot(self, indices, on, off, depth, axis):
        hit = indices.to(torch.int64).unsqueeze(-1) == torch.arange(depth, device=indices.device)
        return torch.where(hit, on, off).movedim(-1, axis)

    def searchsorted(self, sorted_, values, right, out_type):
        s, v = sorted_, values
        if s.dtype in _WIDE:
            s, v = s.to(_WIDE[s.dtype]), v.to(_WIDE[s.dtype])
        if s.dtype == torch.bool:
            s, v = s.to(torch.uint8), v.to(torch.uint8)
        out = torch.searchsorted(s.contiguous(), v.contiguous(), right=right)
        if v.is_floating_point() and not right:  # torch puts NaN last; TF's lower bound puts it first
            out = torch.where(torch.isnan(v), torch.zeros_like(out), out)
        return out.to(self.native_dtype(out_type))

    def bitcast(self, x, dtype):
        d = self.native_dtype(dtype)
        src, dst = x.element_size(), torch.empty((), dtype=d).element_size()
        shape = tuple(x.shape[:-1]) if dst > src else tuple(x.shape) + ((src // dst,) if dst < src else ())
        if x.numel() == 0:
            return torch.empty(shape, dtype=d, device=x.device)
        return x.contiguous().reshape(-1).view(d).reshape(shape)
