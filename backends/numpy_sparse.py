"""NumPy backend: sparse kernels (a COO matrix times a dense one, by gather and row reduction)."""
import numpy as np


class SparseKernels:
    def sparse_dense_matmul(self, rows, cols, values, b, n):
        out = np.zeros((n, b.shape[1]), np.result_type(values, b))
        if rows.size == 0:
            return out
        if rows.size > 1 and (rows[1:] < rows[:-1]).any():
            order = np.argsort(rows, kind="stable")
            rows, cols, values = rows[order], cols[order], values[order]
        products = b[cols] * values[:, None]
        starts = np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1])))
        out[rows[starts]] = np.add.reduceat(products, starts, axis=0)
        return out
