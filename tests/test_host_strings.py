"""String tensors live on the numpy host: fills keep the bytes, and string ops work before any numeric tensor
has loaded the backend."""
import subprocess
import sys

import tfcompat as tf


def test_fill_with_a_string_keeps_its_bytes():
    assert tf.fill([2], "").numpy().tolist() == [b"", b""]
    assert tf.fill([2], tf.constant("ab")).numpy().tolist() == [b"ab", b"ab"]


def test_string_op_before_the_backend_is_loaded():
    code = "import tfcompat as tf; print(tf.broadcast_to(tf.constant('x'), [2]).numpy().tolist())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[b'x', b'x']"
