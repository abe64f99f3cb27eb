"""Linear algebra (`tf.linalg`, `tf.tensordot`, `tf.einsum`), with gradients."""
