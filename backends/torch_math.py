"""PyTorch backend: math kernels beyond the core: sorting, top_k, unique, bincount, segment reductions,
polygamma and integer matmul (torch has no integer matmul kernel on CUDA)."""
import torch

_UNSIGNED_WIDE = {torch.uint16: torch.int32, torch.uint32: torch.int64}
_REDUCE = {"sum": "sum", "prod": "prod", "max": "amax", "min": "amin"}
# elements of the (m, k, n) broadcast product materialised at once by the CUDA integer matmul
_INT_MATMUL_CHUNK = 1 << 24


def _orderable(x):
    """x in a dtype torch sorts and compares, with the same order: uint16/32 widened, uint64 mapped to int64
    by flipping the sign bit (order preserving); other dtypes as they are."""
    if x.dtype in _UNSIGNED_WIDE:
        return x.to(_UNSIGNED_WIDE[x.dtype])
    if x.dtype == torch.uint64:
        return x.view(torch.int64) ^ torch.iinfo(torch.int64).min
    return x


def _argsort(x, descending):
    return torch.sort(_orderable(x), dim=-1, descending=descending, stable=True).indices


_SAME_WIDTH = {torch.uint16: torch.int16, torch.uint32: torch.int32, torch.uint64: torch.int64}


def _take_last(x, idx):
    """torch.gather along the last axis, through a same-width signed view for uint16/32/64 (no kernel)."""
    signed = _SAME_WIDTH.get(x.dtype)
    if signed is None:
        return torch.gather(x, -1, idx)
    return torch.gather(x.view(signed), -1, idx).view(x.dtype)


def _extreme(dtype, lowest):
    info = torch.finfo(dtype) if dtype.is_floating_point else torch.iinfo(dtype)
    return info.min if lowest else info.max


_UINTS = frozenset({torch.uint16, torch.uint32, torch.uint64})


class MathKernels:
    """Mixin of `TorchBackend` with the math kernels."""

    def sort(self, x, descending):
        if x.dtype in _SAME_WIDTH:
            return _take_last(x, _argsort(x, descending))
        return torch.sort(x, dim=-1, descending=descending, stable=True).values

    def argsort(self, x, descending):
        return _argsort(x, descending)

    def top_k(self, x, k):
        idx = _argsort(x, True)[..., :k]
        return _take_last(x, idx), idx

    def unique(self, x):
        n = x.shape[0]
        order = torch.sort(_orderable(x), stable=True).indices
        s = x[order]
        start = torch.ones(n, dtype=torch.bool, device=x.device)
        if n:
            start[1:] = s[1:] != s[:-1]          # NaN != NaN: every NaN starts a group of its own
        group = torch.cumsum(start.to(torch.int64), 0) - 1
        first = order[start]
        by_first = torch.sort(first, stable=True).indices
        rank = torch.empty_like(by_first)
        rank[by_first] = torch.arange(first.shape[0], device=x.device)
        idx = torch.empty(n, dtype=torch.int64, device=x.device)
        idx[order] = rank[group]
        counts = torch.bincount(idx, minlength=first.shape[0]).to(torch.int64)
        return x[first[by_first]], idx, counts

    def bincount(self, x, weights, length, dtype):
        keep = (x >= 0) & (x < length)
        d = self.native_dtype(dtype)
        work = torch.int64 if d in (torch.uint16, torch.uint32, torch.uint64) else d
        out = torch.zeros(length, dtype=work, device=x.device)
        src = torch.ones(int(keep.sum()), dtype=work, device=x.device) if weights is None else weights[keep].to(work)
        return out.index_add_(0, x[keep], src).to(d)

    def segment_reduce(self, x, ids, num, kind):
        keep = ids >= 0
        ids, src = ids[keep], x[keep]
        dt = x.dtype
        wide = dt in (torch.uint16, torch.uint32, torch.uint64)
        if wide:
            src = _orderable(src) if kind in ("max", "min") else src.to(torch.int64)
        if kind in ("sum", "prod"):
            init = 0 if kind == "sum" else 1
        else:
            init = _extreme(dt, kind == "max")
            if dt == torch.uint64:   # in the sign-flipped int64 order
                init = _extreme(torch.int64, kind == "max")
            elif dt in _UNSIGNED_WIDE:
                init = _extreme(dt, kind == "max")
        out = torch.full((num,) + tuple(x.shape[1:]), init, dtype=src.dtype, device=x.device)
        if kind == "sum":  # index_add_ is about 10x faster than scatter_reduce's sum on the CPU
            out.index_add_(0, ids, src)
        else:
            index = ids.reshape((-1,) + (1,) * (x.dim() - 1)).expand(src.shape)
            out = out.scatter_reduce(0, index, src, _REDUCE[kind], include_self=True)
        if dt == torch.uint64 and kind in ("max", "min"):
            return (out ^ torch.iinfo(torch.int64).min).view(torch.uint64)
        return out.to(dt) if wide else out

    def polygamma(self, n, x):
        n, x = torch.broadcast_tensors(n, x)
        whole = (n == torch.floor(n)) & (n >= 0)
        order = torch.where(whole, n, torch.ones_like(n))
        sign = torch.where(torch.remainder(order, 2) == 1, 1.0, -1.0).to(x.dtype)
        higher = sign * torch.exp(torch.lgamma(order + 1)) * torch.special.zeta(order + 1, x)
        out = torch.where(order == 0, torch.digamma(x), higher)
        return torch.where(whole, out, torch.full_like(out, float("nan")))

    def complex(self, x, y):
        return torch.complex(*torch.broadcast_tensors(x, y))

    def matmul_int(self, a, b):
        if not a.is_cuda:  # (is_cuda: `device.type` costs microseconds per call)
            if a.dtype in _UINTS:  # no CPU kernel: wrap through int64
                return torch.matmul(a.to(torch.int64), b.to(torch.int64)).to(a.dtype)
            return torch.matmul(a, b)
        # CUDA has no integer matmul: exact broadcast products summed over k in chunks (wrapping as TF does)
        k = a.shape[-1]
        step = max(1, _INT_MATMUL_CHUNK // max(1, a.shape[-2] * b.shape[-1]))
        out = None
        for lo in range(0, k, step):
            part = (a[..., :, lo:lo + step, None] * b[..., None, lo:lo + step, :]).sum(-2, dtype=a.dtype)
            out = part if out is None else out + part
        if out is None:
            shape = torch.broadcast_shapes(a.shape[:-2], b.shape[:-2]) + (a.shape[-2], b.shape[-1])
            out = torch.zeros(shape, dtype=a.dtype, device=a.device)
        return out
