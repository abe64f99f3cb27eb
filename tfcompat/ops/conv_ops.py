"""Convolution and pooling ops (`tf.nn.conv*`, `tf.nn.*pool*`), with their gradients as kernels of their own."""
