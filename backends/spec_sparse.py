"""The contract of the sparse kernels: name -> one-line semantics (merged into `base.KERNELS`)."""

KERNELS = {
    "sparse_dense_matmul": "a @ b for the [n, k] matrix a holding `values` ([nnz]) at (`rows`, `cols`) (int64 "
                           "[nnz], in range, any order, duplicates add) and the dense b [k, m]: an [n, m] array "
                           "computed without densifying a.",
}
