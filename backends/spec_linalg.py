"""The contract of the linalg kernels: name -> one-line semantics (merged into `base.KERNELS`).

Matrices are the two innermost axes of arrays of shape [..., M, N]; every kernel is batched over
the leading axes. Half-precision inputs may be computed in float32 and rounded back.
"""

KERNELS = {
    "einsum": "Einsum of `xs` by an explicit equation (letters only, '->' present, no ellipsis; "
              "every label has one size in all operands).",
    "matrix_inverse": "Inverse of each square matrix; raises ValueError when one has a zero or NaN LU pivot.",
    "matrix_determinant": "Determinant of each square matrix.",
    "slogdet": "(sign, log|det|) of each square matrix, both of the input dtype; singular: (0, -inf).",
    "cholesky": "Lower Cholesky factor of each matrix from its lower triangle; a matrix that is not "
                "positive definite gives NaN in its whole lower triangle (zeros above).",
    "qr": "(q, r) Householder QR of each matrix: reduced (min(M, N) columns of q) or full_matrices.",
    "svd": "(s, u, v): descending singular values (real dtype) and left/right singular vectors "
           "(v, not v^H), reduced or full_matrices; compute_uv False: s alone.",
    "eigh": "(e, v): ascending eigenvalues (real dtype) and eigenvectors (columns) of each Hermitian "
            "matrix read from its lower triangle; compute_v False: e alone.",
    "matrix_solve": "x with a @ x = b (adjoint: a^H @ x = b), a [..., n, n], b [..., n, k] of the same "
                    "batch shape; raises ValueError when a matrix is singular.",
    "triangular_solve": "x with t @ x = b (adjoint: t^H @ x = b) where t is the lower (lower=True) or "
                        "upper triangle of a; batch axes broadcast; a zero pivot gives inf/nan.",
    "matrix_diag_part": "The k-th diagonal of each matrix: [..., M, N] -> [..., L].",
    "matrix_diag": "Matrices [..., num_rows, num_cols] filled with `padding`, with x's last axis on "
                   "their k-th diagonal (which it exactly fills).",
    "matrix_set_diag": "x with the k-th diagonal of each matrix replaced by `diag` ([..., L]).",
    "band_part": "x with the entries outside the band zeroed: kept where (lower < 0 or i - j <= lower) "
                 "and (upper < 0 or j - i <= upper).",
    "cross": "Cross product of 3-vectors along the last axis of two same-shaped arrays.",
}
