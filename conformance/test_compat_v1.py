"""Conformance: tf.compat.v1 graph mode (catalogue area J). Graph mode is process-wide and cannot be left
(V1-01), so each test runs its program in a fresh Python process on the target and checks what it prints."""
import os
import subprocess
import sys
import textwrap

import pytest

behaviour = pytest.mark.behaviour

_PRELUDE = """
v1 = tf.compat.v1

def err(fn):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__ + ': ' + str(e).replace('\\n', ' '))
    else:
        print('no error')
"""


def run_v1(target, *bodies):
    """Runs `bodies` (with `tf`, `v1`, `np` and `err(fn)` defined) in a fresh process; its output lines."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    if target == "tensorflow":
        head = "import tensorflow as tf\n"
    else:
        head = "import tfcompat as tf\n"
        env["TFCOMPAT_BACKEND"] = target
    code = head + _PRELUDE + "".join(textwrap.dedent(b) for b in bodies)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.splitlines()


@behaviour("V1-01")
def test_V1_01_disable_eager_execution(target):
    out = run_v1(target, """
        print(tf.executing_eagerly(), v1.executing_eagerly_outside_functions())
        v1.disable_eager_execution()
        print(tf.executing_eagerly(), v1.executing_eagerly_outside_functions())
        err(lambda: v1.enable_eager_execution())
    """)
    assert out == ["True True", "False False",
                   "ValueError: tf.enable_eager_execution must be called at program startup."]


@behaviour("V1-02")
def test_V1_02_graph_tensors(target):
    out = run_v1(target, """
        v1.disable_eager_execution()
        t = tf.constant(1.0)
        print(type(t).__name__)
        print(repr(t))
        print(str(t))
        print(t.name, t.op.name, t.graph is v1.get_default_graph())
        err(lambda: t.numpy())
    """)
    assert out == ["SymbolicTensor", "<tf.Tensor 'Const:0' shape=() dtype=float32>",
                   'Tensor("Const:0", shape=(), dtype=float32)', "Const:0 Const True",
                   "AttributeError: 'SymbolicTensor' object has no attribute 'numpy'"]


@behaviour("V1-03")
def test_V1_03_node_names(target):
    out = run_v1(target, """
        v1.disable_eager_execution()
        a = tf.constant(1.0)
        b = tf.constant(2.0)
        print(b.name)
        print(tf.add(a, b).name, (a + b).name, tf.add(a, b, name='mysum').name)
        print(tf.constant(1, name='c').name, tf.constant(2, name='c').name)
        x = v1.placeholder(tf.float32, [None, 3])
        print(x[0].name, x[1].name, tf.zeros([2]).name, tf.reduce_sum(x).name, x.name)
        print((x * 2.0).name, tf.multiply(x, 2.0).name, (x - 1.0).name, tf.matmul(x, tf.ones([3, 1])).name)
    """)
    assert out == ["Const_1:0", "Add:0 add_1:0 mysum:0", "c:0 c_1:0",
                   "strided_slice:0 strided_slice_1:0 zeros:0 Sum:0 Placeholder:0", "mul:0 Mul_1:0 sub:0 MatMul:0"]


@behaviour("V1-04")
def test_V1_04_placeholder_of_unknown_shape(target):
    out = run_v1(target, """
        v1.disable_eager_execution()
        x = v1.placeholder(tf.float32, shape=None, name='x')
        print(repr(x))
        y = x * 2
        with v1.Session() as sess:
            print(sess.run(y, {x: [1, 2, 3]}).tolist(), sess.run(y, {x: [[1.]]}).tolist(), repr(sess.run(y, {x: 5})))
            err(lambda: sess.run(y))
    """)
    assert out[:2] == ["<tf.Tensor 'x:0' shape=<unknown> dtype=float32>",
                       "[2.0, 4.0, 6.0] [[2.0]] np.float32(10.0)"]
    assert out[2].startswith("InvalidArgumentError: ")
    assert "You must feed a value for placeholder tensor 'x' with dtype float" in out[2]


@behaviour("V1-05")
def test_V1_05_feeding(target):
    out = run_v1(target, """
        err(lambda: v1.placeholder(tf.float32))
        v1.disable_eager_execution()
        x = v1.placeholder(tf.float32, [None, 2])
        print(x.shape)
        sess = v1.Session()
        err(lambda: sess.run(x * 1.0, {x: [1., 2., 3.]}))
        i = v1.placeholder(tf.int32, name='i')
        print(sess.run(i + 1, {i: [1.7, 2.2]}).tolist(), sess.run(i + 1, {'i:0': [5]}).tolist())
        a = tf.constant(1.0)
        print(sess.run(a * 3, {a: 10}))
    """)
    assert out == ["RuntimeError: tf.placeholder() is not compatible with eager execution.", "(None, 2)",
                   "ValueError: Cannot feed value of shape (3,) for Tensor Placeholder:0, which has shape (None, 2)",
                   "[2, 3] [6]", "30.0"]


@behaviour("V1-06")
def test_V1_06_fetch_structures(target):
    out = run_v1(target, """
        v1.disable_eager_execution()
        a = tf.constant(1.0)
        b = tf.constant(2.0)
        s = tf.constant('hi')
        sess = v1.Session()
        print(repr(sess.run(a)), repr(sess.run(s)), type(sess.run(tf.constant([1, 2]))).__name__)
        print(sess.run({'a': a, 'b': [b, (a,)]}))
        print(sess.run([a, (b,)]), sess.run([]), sess.run({}))
        print(sess.run(a.op), repr(sess.run('Const:0')))
        err(lambda: sess.run(None))
    """)
    assert out == ["np.float32(1.0) b'hi' ndarray",
                   "{'a': np.float32(1.0), 'b': [np.float32(2.0), (np.float32(1.0),)]}",
                   "[np.float32(1.0), (np.float32(2.0),)] [] {}",
                   "None np.float32(1.0)",
                   'TypeError: Argument `fetch` = None has invalid type "NoneType". Cannot be None']


@behaviour("V1-07")
def test_V1_07_uninitialized_variables(target):
    out = run_v1(target, """
        v1.disable_eager_execution()
        w = v1.Variable(3.0, name='w')
        u = tf.Variable(1.0, name='u')
        r = v1.Variable(1.0, use_resource=False, name='ref')
        sess = v1.Session()
        err(lambda: sess.run(w))
        err(lambda: sess.run(u))
        err(lambda: sess.run(r))
    """)
    assert out[0].startswith("FailedPreconditionError: ")
    assert ("Could not find variable w. This could mean that the variable has been deleted. In TF1, it can also mean "
            "the variable is uninitialized. Debug info: container=localhost, status error message=Container "
            "localhost does not exist. (Could not find resource: localhost/w)") in out[0]
    assert out[1].startswith("FailedPreconditionError: ") and "Could not find variable u." in out[1]
    assert out[2].startswith("FailedPreconditionError: ") and "Attempting to use uninitialized value ref" in out[2]


@behaviour("V1-08")
def test_V1_08_graph_variables(target):
    out = run_v1(target, """
        v1.disable_eager_execution()
        w = v1.Variable(3.0, name='w')
        print(type(w).__name__, repr(w))
        print(v1.Variable(1.0, name='w').name, tf.Variable(1.0).name, tf.Variable(2.0).name)
        r = v1.Variable(1.0, use_resource=False, name='r')
        print(type(r).__name__, repr(r))
    """)
    assert out == ["ResourceVariable <tf.Variable 'w:0' shape=() dtype=float32>", "w_1:0 Variable:0 Variable_1:0",
                   "RefVariable <tf.Variable 'r:0' shape=() dtype=float32_ref>"]


@behaviour("V1-09")
def test_V1_09_initialisation(target):
    out = run_v1(target, """
        v1.disable_eager_execution()
        w = v1.Variable(3.0, name='w')
        u = tf.Variable([1, 2], name='u')
        init = v1.global_variables_initializer()
        print(repr(init), init.name)
        sess = v1.Session()
        print(sess.run(v1.report_uninitialized_variables()).tolist())
        print(sess.run(init), repr(sess.run(w)), sess.run(u).tolist())
        a = w.assign(10.)
        print(type(a).__name__, repr(a))
        print(repr(sess.run(a)), repr(sess.run(w)))
        print([v.name for v in v1.global_variables()], [v.name for v in v1.trainable_variables()])
        print(sess.run(v1.report_uninitialized_variables()).tolist())
        step = v1.train.get_or_create_global_step()
        print(step.name, step.dtype.name, v1.train.get_or_create_global_step() is step)
    """)
    assert out == ["<tf.Operation 'init' type=NoOp> init", "[b'w', b'u']", "None np.float32(3.0) [1, 2]",
                   "_UnreadVariable <tf.Variable 'AssignVariableOp' shape=() dtype=float32>",
                   "np.float32(10.0) np.float32(10.0)", "['w:0', 'u:0'] ['w:0', 'u:0']", "[]",
                   "global_step:0 int64 True"]


_REGRESSION = """
    v1.disable_eager_execution()
    w = v1.Variable(2.0, name='w')
    other = v1.Variable(1.0, name='other')
    x = tf.constant([1., 2.])
    loss = tf.reduce_mean((w * x - 6.) ** 2)
"""


@behaviour("V1-10")
def test_V1_10_gradient_descent_in_a_graph(target):
    out = run_v1(target, _REGRESSION, """
        opt = v1.train.GradientDescentOptimizer(0.1)
        pairs = opt.compute_gradients(loss)
        print([(g is None, v.name) for g, v in pairs])
        train = opt.minimize(loss)
        print(repr(train), train.name)
        sess = v1.Session()
        sess.run(v1.global_variables_initializer())
        print(sess.run(loss), sess.run(pairs[0][0]), sess.run(train), sess.run(w))
        r = sess.run([train, loss])
        print(r[0], round(float(r[1]), 4), round(float(sess.run(w)), 4))
    """)
    assert out[:2] == ["[(False, 'w:0'), (True, 'other:0')]", "<tf.Operation 'GradientDescent' type=NoOp> GradientDescent"]
    assert out[2:] == ["10.0 -8.0 None 2.8", "None 5.2 3.2"]


@behaviour("V1-10")
def test_V1_10_momentum_and_adam(target):
    out = run_v1(target, _REGRESSION, """
        step = v1.train.get_or_create_global_step()
        adam = v1.train.AdamOptimizer(0.1).minimize(loss, global_step=step)
        mom = v1.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
        print(adam.name, mom.name)
        sess = v1.Session()
        sess.run(v1.global_variables_initializer())
        sess.run(adam)
        print(round(float(sess.run(w)), 4), sess.run(step))
        sess.run(mom)
        sess.run(mom)
        print(round(float(sess.run(w)), 4))
        print([v.name for v in v1.global_variables()])
    """)
    assert out == ["Adam Momentum", "2.1 1", "3.9",
                   "['w:0', 'other:0', 'global_step:0', 'beta1_power:0', 'beta2_power:0', 'w/Adam:0', "
                   "'w/Adam_1:0', 'w/Momentum:0']"]


@behaviour("V1-11")
def test_V1_11_optimizer_in_eager_mode(target):
    out = run_v1(target, """
        v = tf.Variable(2.0)
        opt = v1.train.GradientDescentOptimizer(0.1)
        err(lambda: opt.minimize(v * v))
        print(opt.minimize(lambda: v * v), round(float(v.numpy()), 5))
    """)
    assert out == ["RuntimeError: `loss` passed to Optimizer.compute_gradients should be a function when eager "
                   "execution is enabled.", "None 1.6"]


@behaviour("V1-12")
def test_V1_12_gradients(target):
    out = run_v1(target, """
        err(lambda: v1.gradients(tf.constant(1.0), tf.constant(1.0)))
        v1.disable_eager_execution()
        w = v1.Variable(3.2, name='w')
        other = v1.Variable(1.0, name='other')
        g = v1.gradients(w * w, [w, other])
        print(type(g).__name__, g[0].name.startswith('gradients/'), g[1])
        g2 = v1.gradients(w * w, w)
        print(type(g2).__name__, g2[0].name.split('/')[0])
        sess = v1.Session()
        sess.run(v1.global_variables_initializer())
        r = lambda t: [round(float(x), 4) for x in sess.run(t)]
        print(r(g[:1]), r(v1.gradients(w * w, w, grad_ys=3.)), r(v1.gradients([w * w, 3 * w], w)))
        a = tf.constant(2.0)
        b = a * w
        c = b * w
        print(r(v1.gradients(c, [w], stop_gradients=[b])), r(v1.gradients(b, [a, w], stop_gradients=[a])))
        print(r(v1.gradients(b, other, unconnected_gradients='zero')))
    """)
    assert out == ["RuntimeError: tf.gradients is not supported when eager execution is enabled. Use "
                   "tf.GradientTape instead.", "list True None", "list gradients_1",
                   "[6.4] [19.2] [9.4]", "[6.4] [3.2, 2.0]", "[0.0]"]


@behaviour("V1-13")
def test_V1_13_graphs_do_not_mix(target):
    out = run_v1(target, """
        g1 = tf.Graph()
        with g1.as_default():
            a = tf.constant(1, name='a')
            print(repr(a), tf.executing_eagerly())
        g2 = tf.Graph()
        with g2.as_default():
            b = tf.constant(2, name='b')
            err(lambda: a + b)
            with v1.Session() as sess:
                err(lambda: sess.run(a))
                print(sess.run(b))
        with v1.Session(graph=g1) as sess:
            print(sess.run(a), a.eval())
    """)
    assert out[0] == "<tf.Tensor 'a:0' shape=() dtype=int32> False"
    assert out[1].startswith('ValueError: Tensor("b:0", shape=(), dtype=int32) must be from the same graph as '
                             'Tensor("a:0", shape=(), dtype=int32) (graphs are <tensorflow.python.framework.ops.Graph '
                             'object at 0x')
    assert out[2] == ('ValueError: Argument `fetch` = Tensor("a:0", shape=(), dtype=int32) cannot be interpreted as a '
                      'Tensor. (Tensor Tensor("a:0", shape=(), dtype=int32) is not an element of this graph.)')
    assert out[3:] == ["2", "1 1"]


@behaviour("V1-14")
def test_V1_14_session_lifecycle(target):
    out = run_v1(target, """
        err(lambda: v1.Session().run(tf.constant(1.0)))
        v1.disable_eager_execution()
        c = tf.constant(3)
        sess = v1.Session()
        sess.close()
        err(lambda: sess.run(c))
        err(lambda: c.eval())
        print(v1.get_default_session())
        isess = v1.InteractiveSession()
        print(repr(c.eval()), v1.get_default_session() is isess)
        isess.close()
        print(v1.get_default_session())
        with v1.Session() as s:
            print(v1.get_default_session() is s, c.eval())
        v1.reset_default_graph()
        print(tf.constant(1).name)
    """)
    assert out == ["RuntimeError: The Session graph is empty. Add operations to the graph before calling run().",
                   "RuntimeError: Attempted to use a closed Session.",
                   "ValueError: Cannot evaluate tensor using `eval()`: No default session is registered. Use `with "
                   "sess.as_default()` or pass an explicit session to `eval(session=sess)`",
                   "None", "np.int32(3) True", "None", "True 3", "Const:0"]


@behaviour("V1-15")
def test_V1_15_python_protocol(target):
    out = run_v1(target, """
        v1.disable_eager_execution()
        d = tf.constant(1.0)
        print(d == d, d == tf.constant(1.0), d != d, type(d == d).__name__)
        print(len({d: 1, tf.constant(2.0): 2}))
        err(lambda: bool(d))
        err(lambda: len(v1.placeholder(tf.float32, [2])))
    """)
    assert out[:2] == ["True False False bool", "2"]
    assert out[2].startswith("OperatorNotAllowedInGraphError: Using a symbolic `tf.Tensor` as a Python `bool` is "
                             "not allowed")
    assert out[3] == ("TypeError: len is not well defined for a symbolic Tensor (Placeholder:0). Please call "
                      "`x.shape` rather than `len(x)` for shape information.")


@behaviour("V1-16")
def test_V1_16_functions_and_print_in_graph_mode(target):
    out = run_v1(target, """
        v1.disable_eager_execution()
        f = tf.function(lambda x: x * 2.0)
        y = f(tf.constant(3.0))
        print(repr(y.shape), y.dtype.name)
        c = tf.cond(tf.constant(True), lambda: tf.constant(1.0), lambda: tf.constant(2.0))
        with v1.Session() as sess:
            print(sess.run(y), sess.run(c))
    """)
    assert out == ["TensorShape([]) float32", "6.0 1.0"]


@behaviour("V1-16")
def test_V1_16_call_and_print_nodes(target):
    out = run_v1(target, """
        v1.disable_eager_execution()
        print(repr(tf.function(lambda x: x * 2.0)(tf.constant(3.0))))
        print(repr(tf.print('hi')))
    """)
    assert out == ["<tf.Tensor 'PartitionedCall:0' shape=() dtype=float32>", "<tf.Operation 'PrintV2' type=PrintV2>"]


@behaviour("V1-17")
def test_V1_17_disable_v2_behavior(target):
    out = run_v1(target, """
        v1.disable_v2_behavior()
        print(tf.executing_eagerly(), type(tf.Variable(1.0)).__name__)
    """)
    assert out == ["False ResourceVariable"]


def test_v1_namespace_shares_tf2_objects(target):
    out = run_v1(target, """
        print(v1.float32 is tf.float32, v1.Session is v1.Session, hasattr(v1, 'placeholder'))
        print(v1.train.GradientDescentOptimizer.__name__, v1.Variable(1.0).numpy())
    """)
    assert out == ["True True True", "GradientDescentOptimizer 1.0"]


def test_eval_feeds_and_variables(target):
    out = run_v1(target, """
        v1.disable_eager_execution()
        x = v1.placeholder(tf.float32, [2])
        w = v1.Variable([1., 2.], name='w')
        y = x * w
        with v1.Session() as sess:
            sess.run(w.initializer)
            print(y.eval({x: [3., 4.]}).tolist(), w.eval().tolist())
            print(sess.run(w.assign_add([1., 1.])).tolist(), sess.run(w).tolist())
    """)
    assert out == ["[3.0, 8.0] [1.0, 2.0]", "[2.0, 3.0] [2.0, 3.0]"]


def test_sessions_hold_their_own_variable_values(target):
    out = run_v1(target, """
        v1.disable_eager_execution()
        w = v1.Variable(1.0)
        inc = w.assign_add(1.0)
        s1, s2 = v1.Session(), v1.Session()
        s1.run(w.initializer)
        s2.run(w.initializer)
        s1.run(inc)
        s1.run(inc)
        print(s1.run(w), s2.run(w))
    """)
    assert out == ["3.0 1.0"]


def test_graph_random_ops_draw_at_every_run(target):
    out = run_v1(target, """
        v1.disable_eager_execution()
        r = v1.random_normal([3])
        w = v1.Variable(v1.random_uniform([2]))
        with v1.Session() as sess:
            a, b = sess.run(r), sess.run(r)
            print(a.shape, a.dtype, bool((a != b).any()))
            sess.run(v1.global_variables_initializer())
            v = sess.run(w)
            print(v.shape, bool(((v >= 0) & (v < 1)).all()))
    """)
    assert out == ["(3,) float32 True", "(2,) True"]
