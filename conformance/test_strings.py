"""Conformance: tf.strings on dense and ragged string tensors (TF 2.21's results and errors)."""
import numpy as np
import pytest

from .helpers import assert_value, raises


def _t(tf):
    return tf.constant(["hello world", " Ab c ", "h\u00e9llo"])


def test_substr_units(tf):
    assert np.asarray(tf.strings.substr(_t(tf), 1, 3).numpy()).tolist() == [b"ell", b"Ab ", b"\xc3\xa9l"]
    out = tf.strings.substr(_t(tf), 1, 3, unit="UTF8_CHAR")
    assert np.asarray(out.numpy()).tolist() == [b"ell", b"Ab ", b"\xc3\xa9ll"]
    assert tf.strings.substr("abc", -2, 5).numpy() == b"bc"
    with raises(tf.errors.InvalidArgumentError, "pos 5 out of range for string b'abc' at index 0"):
        tf.strings.substr("abc", 5, 1)
    with raises(tf.errors.InvalidArgumentError, "Value for attr 'unit' of \"X\" is not in the list"):
        tf.strings.substr("abc", 1, 1, unit="X")


def test_length(tf):
    assert_value(tf.strings.length(_t(tf)), [11, 6, 6], tf.int32)
    assert_value(tf.strings.length(_t(tf), unit="UTF8_CHAR"), [11, 6, 5], tf.int32)
    with pytest.raises(TypeError):
        tf.strings.length(3)


def test_split(tf):
    s = tf.strings.split(_t(tf))
    assert type(s).__name__ == "RaggedTensor"
    assert s.to_list() == [[b"hello", b"world"], [b"Ab", b"c"], [b"h\xc3\xa9llo"]]
    d = tf.strings.split("a,b,,c", ",")
    assert isinstance(d, tf.Tensor) and np.asarray(d.numpy()).tolist() == [b"a", b"b", b"", b"c"]


def test_join_and_reduce_join(tf):
    assert tf.strings.join(["a", "b"], separator="-").numpy() == b"a-b"
    assert np.asarray(tf.strings.join([_t(tf), "!"]).numpy()).tolist()[0] == b"hello world!"
    r = tf.strings.reduce_join([["a", "b"], ["c", "d"]], axis=1, separator=",")
    assert np.asarray(r.numpy()).tolist() == [b"a,b", b"c,d"]
    assert tf.strings.reduce_join([["a", "b"], ["c", "d"]]).numpy() == b"abcd"


def test_case_and_strip(tf):
    assert np.asarray(tf.strings.upper(_t(tf)).numpy()).tolist() == [b"HELLO WORLD", b" AB C ", b"H\xc3\xa9LLO"]
    assert np.asarray(tf.strings.lower(_t(tf)).numpy()).tolist()[1] == b" ab c "
    assert np.asarray(tf.strings.strip(_t(tf)).numpy()).tolist()[1] == b"Ab c"


def test_regex(tf):
    assert_value(tf.strings.regex_full_match(_t(tf), "h.*"), [True, False, True], tf.bool)
    assert np.asarray(tf.strings.regex_replace(_t(tf), "l+", "L").numpy()).tolist()[0] == b"heLo worLd"
    one = tf.strings.regex_replace(_t(tf), "(l)", r"<\1>", replace_global=False)
    assert np.asarray(one.numpy()).tolist()[0] == b"he<l>lo world"


def test_to_number(tf):
    assert_value(tf.strings.to_number(["1.5", "-2"]), [1.5, -2.0], tf.float32)
    assert_value(tf.strings.to_number(["7", "-2"], tf.int64), [7, -2], tf.int64)
    with raises(tf.errors.InvalidArgumentError, "StringToNumberOp could not correctly convert string: abc"):
        tf.strings.to_number("abc")
    with raises(tf.errors.InvalidArgumentError, "could not correctly convert string: 1.5"):
        tf.strings.to_number(["1.5"], tf.int32)


def test_as_string(tf):
    text = lambda t: np.asarray(t.numpy()).tolist()  # noqa: E731
    assert text(tf.strings.as_string([1.5, 2.0])) == [b"1.500000", b"2.000000"]
    assert text(tf.strings.as_string([1, 22], width=4)) == [b"   1", b"  22"]
    assert text(tf.strings.as_string([3.14159], precision=2)) == [b"3.14"]
    assert text(tf.strings.as_string([True, False])) == [b"true", b"false"]
    assert text(tf.strings.as_string([1e10], scientific=True)) == [b"1.000000e+10"]
    assert text(tf.strings.as_string([1.5], shortest=True)) == [b"1.5"]


def test_format(tf):
    out = tf.strings.format("x={} y={}", (tf.constant([1, 2]), tf.constant(2.5)))
    assert out.numpy() == b"x=[1 2] y=2.5"
    assert tf.strings.format("{}", tf.constant([[1.5, 2.0]])).numpy() == b"[[1.5 2]]"


def test_unicode_and_bytes(tf):
    assert tf.strings.unicode_decode(["h\u00e9llo", "ab"], "UTF-8").to_list() == [[104, 233, 108, 108, 111], [97, 98]]
    assert_value(tf.strings.unicode_decode("h\u00e9", "UTF-8"), [104, 233], tf.int32)
    assert tf.strings.unicode_split(["h\u00e9", "ab"], "UTF-8").to_list() == [[b"h", b"\xc3\xa9"], [b"a", b"b"]]
    assert tf.strings.bytes_split(["h\u00e9", "ab"]).to_list() == [[b"h", b"\xc3", b"\xa9"], [b"a", b"b"]]
    assert np.asarray(tf.strings.bytes_split("ab").numpy()).tolist() == [b"a", b"b"]


def test_ragged_strings(tf):
    w = tf.ragged.constant([["So", "long"], ["thanks", "for", "all", "the", "fish"]])
    assert tf.strings.length(w).to_list() == [[2, 4], [6, 3, 3, 3, 4]]
    assert tf.strings.upper(w).to_list()[0] == [b"SO", b"LONG"]
    assert tf.strings.split(w).shape.as_list() == [2, None, None]
    joined = tf.strings.reduce_join(w, axis=1, separator=" ")
    assert np.asarray(joined.numpy()).tolist() == [b"So long", b"thanks for all the fish"]
