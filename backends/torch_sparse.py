"""PyTorch backend: sparse kernels (a COO matrix times a dense one: torch.sparse.mm for floats)."""
import torch

_SPARSE_MM = (torch.float32, torch.float64, torch.complex64, torch.complex128)


class SparseKernels:
    def sparse_dense_matmul(self, rows, cols, values, b, n):
        if values.dtype in _SPARSE_MM and b.dtype == values.dtype and rows.numel():
            a = torch.sparse_coo_tensor(torch.stack([rows, cols]), values, (n, b.shape[0]),
                                        check_invariants=False)
            return torch.sparse.mm(a, b)
        out = torch.zeros((n, b.shape[1]), dtype=b.dtype, device=b.device)
        return out.index_add_(0, rows, b[cols] * values[:, None])
