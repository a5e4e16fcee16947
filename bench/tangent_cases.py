"""A catalogue restating every function of Google Tangent's ``tests/functions.py`` (issue 13).

Tangent's file is the list of Python constructs its source-to-source differentiator handled
(or was meant to): arithmetic, reassignment, if/elif, for over range, while, calls of module
functions, a nested def, subscripts, tuples and dicts as arguments, numpy and TensorFlow
eager calls.  Each case here is this project's own restatement of one function of that file,
the same arithmetic and control flow written in our words, with ``ref`` naming it
(``"functions.py::iterpower"``), the domain of each argument and the parameters differentiated.
Nothing is Tangent's code.  Where Tangent's function used TensorFlow (``tf.reduce_sum``,
``tf.nn.conv2d``) the case computes the same thing with numpy (a convolution or a pooling
written as loops over the output); where it used Tangent's own machinery (``tangent.Stack``,
``tangent.push``/``pop``, ``insert_grad_of``, ``@tangent.trace``) the case keeps what the
primal computes (a stack is a list with ``append``/``pop``; ``insert_grad_of`` only edits
Tangent's gradient, so its block has no primal counterpart; ``trace`` changes nothing in the
primal).  Tangent's ``cart2polar`` calls ``np.arctan(b, a)`` (its comment says "should really
be arctan2"; numpy reads the ``a`` as an output array and fails): the case uses ``np.arctan2``.

``TANGENT_NAMES`` lists every function name defined in Tangent's file, in its order (read from
google/tangent, tests/functions.py, with the search tool); ``CASES`` holds one case or more per
name (the two definitions of ``tfe_squeeze_before`` are two variants).
"""
import zlib

import numpy as np

# Every ``def`` of google/tangent tests/functions.py, in the file's order (one entry per
# name: tfe_squeeze_before is defined twice there).
TANGENT_NAMES = (
    "id_", "unary_sub", "sum_", "cast_sum_", "overwrite_call", "tanh", "I_assign", "increment",
    "saxpy", "mul", "add", "saxpy_call", "saxpy_anf", "saxpy_overwrite", "gradname_aliasing",
    "overwrite_if", "test_binop_mul1", "test_binop_mul2", "test_binop_mul3", "test_binop_div1",
    "test_binop_div2", "test_binop_div3", "test_binop_sub1", "test_binop_sub2",
    "test_binop_sub3", "test_binop_add1", "test_binop_add2", "test_binop_add3", "nested_if",
    "multiarg_if", "fn_multiply", "fn_multiple_return", "test_anf_list", "test_deep_anf_list",
    "test_subscript1", "test_subscript2", "test_subscript3", "test_list_and_subscript",
    "serial_if", "multivar_if", "serial_for", "serial_ifthenfor", "serial_forthenif",
    "devilish_nested_if", "overwrite_ifelse", "overwrite_arg", "overwrite_non_arg",
    "third_pow", "direct_third_pow", "iter_third_pow1", "iter_third_pow2", "iterpower_static",
    "iterpower", "cond_iterpower1", "cond_iterpower2", "superfor_iterpower", "super_iterpower",
    "numpy_sum", "numpy_mean", "numpy_exp", "numpy_exp2", "numpy_sqrt", "logistic_regression",
    "tfe_negative", "tfe_exp", "tfe_log", "tfe_tanh", "tfe_cosh", "tfe_sinh", "tfe_rsqrt",
    "tfe_expand_dims_before", "tfe_expand_dims_after", "tfe_squeeze_before",
    "tfe_reshape_flat", "tfe_reshape_noop", "tfe_reduce_sum", "tfe_reduce_sum_axis",
    "tfe_reduce_mean", "tfe_reduce_mean_axis", "tfe_reduce_max", "tfe_reduce_max_axis",
    "tfe_add", "tfe_add_bcast", "tfe_subtract", "tfe_multiply", "tfe_divide", "tfe_maximum",
    "tfe_squared_difference", "tfe_matmul", "tfe_matmul_highdim", "tfe_conv2d", "tfe_max_pool",
    "tfe_avg_pool", "_trace_mul", "tfe_trace_fn", "_nontrace_mul", "tfe_notrace_fn",
    "_inner_fn", "mul_with_call", "if_mul_with_call", "iterpower_with_call", "nested_call",
    "iterpower_with_nested_def", "unpacking_args_saxpy", "dict_saxpy", "dict_wrapper",
    "passthru_pack", "passthru_unpack", "cart2polar", "inlining_contextmanager", "listcomp",
    "while_big", "active_subscript", "init_array_grad_maybe_active", "slicing", "rnn",
    "augassign", "bilinear", "stack_pushing", "gradgrad_pow", "gradgrad_pow_twice",
    "gradgrad_chain_of_mults", "gradgrad_chain_of_multcalls", "useless_stack_ops",
    "redefining_var_as_list", "nested_dict", "extended_slice",
)

HEADER = "import numpy as np\n\n\n"


class Case:
    """One function: module ``text`` (after ``HEADER``) defining ``f`` (and its helpers)."""

    def __init__(self, name, variant, text, domains, wrt=None):
        self.name = name
        self.ref = f"functions.py::{name}"
        self.id = f"{self.ref}[{variant}]" if variant else self.ref
        self.file = "functions.py"
        self.text = text.strip("\n") + "\n"
        first = [ln for ln in self.text.splitlines() if ln.startswith("def f(")][0]
        inside = first[len("def f("):first.rindex(")")]
        self.params = [p.strip() for p in inside.split(",")] if inside.strip() else []
        self.domains = tuple(domains)
        self.wrt = tuple(self.params) if wrt is None else tuple(wrt)
        assert len(self.domains) == len(self.params), self.id

    def source(self, header=HEADER):
        return header + self.text

    def arguments(self):
        """The same arguments on every run (a generator seeded by the case's id)."""
        rng = np.random.default_rng(zlib.crc32(self.id.encode()))
        return [d(rng) for d in self.domains]


# ---------------------------------------------------------------- argument domains
def S(lo=-2.0, hi=2.0):
    """A number drawn uniformly from (lo, hi)."""
    return lambda rng: float(rng.uniform(lo, hi))


def A(*shape, lo=-1.0, hi=1.0):
    """A float array of that shape, uniform in (lo, hi)."""
    return lambda rng: rng.uniform(lo, hi, shape)


def K(value):
    """A constant argument (an int, a bool, a tuple of ints)."""
    return lambda rng: value


def LABELS(*shape):
    """An array of 0.0 and 1.0."""
    return lambda rng: (rng.uniform(size=shape) < 0.5).astype(float)


def TUPLE(*domains):
    """A tuple of values drawn from the domains."""
    return lambda rng: tuple(d(rng) for d in domains)


def DICT(**domains):
    """A dict of values drawn from the domains (nested: a DICT in a DICT)."""
    return lambda rng: {k: d(rng) for k, d in domains.items()}


CASES = []


def case(name, text, *domains, wrt=None, variant=None):
    CASES.append(Case(name, variant, text, domains, wrt))


# Branches: each side of a comparison gets a variant whose arguments stay away from the
# comparison's boundary (central differences across a kink mean nothing).
POSITIVE, NEGATIVE = S(0.5, 2.0), S(-2.0, -0.5)

# ---------------------------------------------------------------- arithmetic, assignment
case("id_", "def f(a):\n    return a", S())
case("unary_sub", "def f(a):\n    return -a", S())
case("sum_", "def f(x):\n    return np.sum(x)", A(4))
case("cast_sum_", "def f(x):\n    return np.sum(np.array(x))", A(4))
case("overwrite_call", """
def f(x):
    x = np.sum(x)
    x = x * x
    return x
""", A(4))
case("tanh", "def f(a):\n    return np.tanh(a)", S())
case("I_assign", "def f(a):\n    b = a\n    return b", S())
case("increment", "def f(a):\n    return a + 1", S())
case("saxpy", "def f(a, b, c):\n    return a * b + c", S(), S(), S())
case("mul", "def f(a, b):\n    return a * b", S(), S())
case("add", "def f(a, b):\n    return a + b", S(), S())
case("saxpy_call", """
def mul(a, b):
    return a * b


def add(a, b):
    return a + b


def f(a, b, c):
    return add(mul(a, b), c)
""", S(), S(), S())
case("saxpy_anf", """
def f(a, b, c):
    t1 = a * b
    t2 = t1 + c
    return t2
""", S(), S(), S())
case("saxpy_overwrite", """
def f(a, b, c):
    t = a * b
    t = t + c
    return t
""", S(), S(), S())
case("gradname_aliasing", "def f(a):\n    da = a * a\n    return da", S())
for variant, domain in (("positive", POSITIVE), ("negative", NEGATIVE)):
    case("overwrite_if", """
def f(a):
    if a > 0:
        a = a * 3.0
    else:
        a = a * 2.0
    return a
""", domain, variant=variant)

BINOPS = [("mul1", "a * 3.0"), ("mul2", "3.0 * a"), ("mul3", "a * a"),
          ("div1", "a / 3.0"), ("div2", "3.0 / a"), ("div3", "a / a"),
          ("sub1", "a - 3.0"), ("sub2", "3.0 - a"), ("sub3", "a - a"),
          ("add1", "a + 3.0"), ("add2", "3.0 + a"), ("add3", "a + a")]
for suffix, expression in BINOPS:
    case(f"test_binop_{suffix}", f"def f(a):\n    return {expression}", S(0.5, 2.0))

# ---------------------------------------------------------------- if
for variant, domain in (("small", S(0.5, 9.0)), ("large", S(11.0, 14.0)),
                        ("negative", NEGATIVE)):
    case("nested_if", """
def f(a):
    if a > 0:
        if a < 10:
            a = a * a
    else:
        a = 3.0 * a
    return a
""", domain, variant=variant)
for variant, domain in (("positive", POSITIVE), ("negative", NEGATIVE)):
    case("multiarg_if", """
def f(a):
    if a * a / 3.0 > 0:
        b = 3.0
    else:
        b = 4.0
    a = a * b
    if a < b - a * b:
        a = a * a
    elif a > b + 3.0 * a:
        if a / 2.0 < 0:
            a = a / b
        else:
            a = a * b
    else:
        a = -a
    return a
""", domain, variant=variant)
case("fn_multiply", "def f(a):\n    return np.multiply(a, 3.0)", S())
case("fn_multiple_return", "def f(a):\n    return 2 * a, a", S())

# ---------------------------------------------------------------- lists, subscripts
case("test_anf_list", """
def f(a):
    b = [1, a * a, 2]
    return np.sum(b)
""", S())
case("test_deep_anf_list", """
def f(x):
    b = [1, x[0] * x[1] * x[2], 3]
    return np.sum(b)
""", A(3))
case("test_subscript1", """
def f(x):
    a = x[0]
    b = x[1]
    return a * b
""", A(3))
case("test_subscript2", """
def f(x):
    a = x[0]
    b = x[1]
    x[0] = a * b
    return np.sum(x)
""", A(3))
case("test_subscript3", """
def f(x):
    y = x ** 2.0
    x[0] = y[1] * y[2]
    return np.sum(x * y)
""", A(3))
case("test_list_and_subscript", """
def f(a):
    x = [1.0, a, 3.0]
    return x[0] * x[1]
""", S())

# ---------------------------------------------------------------- if and for in sequence
for variant, domain in (("positive", POSITIVE), ("negative", NEGATIVE)):
    case("serial_if", """
def f(a):
    if a > 0:
        a = a * a
    a = a + a
    if a < 0:
        a = 3.0 * a
    return a
""", domain, variant=variant)
for variant, (da, db) in (("greater", (S(1.0, 2.0), S(-1.0, 0.5))),
                          ("smaller", (S(-1.0, 0.5), S(1.0, 2.0)))):
    case("multivar_if", """
def f(a, b):
    if a > b:
        a = a * a
    else:
        a = a * b
    return a
""", da, db, variant=variant)
case("serial_for", """
def f(a, n):
    for i in range(n):
        a = a * a
    a = 2.0 * a
    for i in range(n + 1):
        a = a * 3.0
    return a
""", S(0.6, 1.3), K(2), wrt=("a",))
for variant, domain in (("positive", POSITIVE), ("negative", NEGATIVE)):
    case("serial_ifthenfor", """
def f(a, n):
    if a > 0:
        a = a * a
    a = 2.0 * a
    for i in range(n):
        a = a * a
    return a
""", domain, K(2), wrt=("a",), variant=variant)
    case("serial_forthenif", """
def f(a, n):
    for i in range(n):
        a = a * a
    a = 2.0 * a
    if a > 0:
        a = a * a
    return a
""", domain, K(3), wrt=("a",), variant=variant)
for variant, domain in (("small", S(0.5, 3.0)), ("large", S(4.0, 6.0)), ("negative", NEGATIVE)):
    case("devilish_nested_if", """
def f(a):
    if a > 0:
        a = a * 3.0
        if a < 10:
            a = a * a
        else:
            a = a * 2.0
    return a
""", domain, variant=variant)
# (at a = 0 exactly, the else branch: the derivative there is 1.0, but differences straddle
# the kink between slopes 2 and 3, so that point has no reference)
for variant, domain in (("positive", POSITIVE), ("negative", NEGATIVE)):
    case("overwrite_ifelse", """
def f(a):
    if a > 0:
        a = a * 3.0
    elif 0 > a:
        a = a * 2.0
    else:
        a = 1.0 * a
    return a
""", domain, variant=variant)
case("overwrite_arg", "def f(a):\n    a = a * 3.0\n    return a", S())
case("overwrite_non_arg", "def f(a):\n    b = a\n    b = b * 3.0\n    return b", S())

# ---------------------------------------------------------------- powers, loops
case("third_pow", "def f(a):\n    return a * a * a", S())
case("direct_third_pow", "def f(a):\n    return a**3", S())
case("iter_third_pow1", """
def f(a):
    out = 1
    for i in range(3):
        out = out * a
    return out
""", S())
case("iter_third_pow2", """
def f(a):
    out = a
    for i in range(3 - 1):
        out = out * a
    return out
""", S())
case("iterpower_static", """
def f(a):
    for i in range(3):
        a = a * a
    return a
""", S(0.5, 1.2))
case("iterpower", """
def f(a, n):
    for i in range(n):
        a = a * a
    return a
""", S(0.5, 1.2), K(3), wrt=("a",))
for variant, domain in (("below", S(0.5, 1.5)), ("between", S(5.0, 19.0)), ("above", S(21, 25))):
    case("cond_iterpower1", """
def f(a):
    for i in range(3):
        if a < 20:
            a = a * a
    return a
""", domain, variant=variant)
for variant, domain in (("below", S(0.5, 1.2)), ("above", S(21, 25))):
    case("cond_iterpower2", """
def f(a):
    if a < 20:
        for i in range(3):
            a = a * a
    return a
""", domain, variant=variant)
case("superfor_iterpower", """
def f(a):
    for i in range(2):
        for j in range(3):
            a = a * a
    return a
""", S(0.9, 1.05))
case("super_iterpower", """
def f(a):
    for i in range(3):
        a = a * a * a
    return a
""", S(0.8, 1.1))

# ---------------------------------------------------------------- numpy
case("numpy_sum", "def f(x):\n    return np.sum(x)", A(5))
case("numpy_mean", "def f(x):\n    return np.mean(x)", A(5))
case("numpy_exp", "def f(a):\n    return np.exp(a)", S())
case("numpy_exp2", "def f(a):\n    return np.exp(np.exp(a))", S(-1.0, 1.0))
case("numpy_sqrt", "def f(a):\n    return np.sqrt(a)", S(0.5, 3.0))
case("logistic_regression", """
def f(input, label, W, b):
    h1 = np.dot(input, W) + b
    prediction = 0.5 * (np.tanh(h1) + 1)
    label_probabilities = prediction * label + (1 - prediction) * (1 - label)
    loss = -np.sum(np.log(label_probabilities))
    return loss
""", A(2, 3), LABELS(2, 4), A(3, 4), A(4), wrt=("input", "W", "b"))

# ---------------------------------------------------------------- TensorFlow eager, in numpy
TENSOR = A(2, 3)
IMAGE = A(2, 3, 2, 2)          # a batch of images: (batch, height, width, channels)
case("tfe_negative", "def f(t):\n    return np.negative(t)", TENSOR)
case("tfe_exp", "def f(t):\n    return np.exp(t)", TENSOR)
case("tfe_log", "def f(t):\n    return np.log(t)", A(2, 3, lo=0.5, hi=2.0))
case("tfe_tanh", "def f(t):\n    return np.tanh(t)", TENSOR)
case("tfe_cosh", "def f(t):\n    return np.cosh(t)", TENSOR)
case("tfe_sinh", "def f(t):\n    return np.sinh(t)", TENSOR)
case("tfe_rsqrt", "def f(t):\n    return 1.0 / np.sqrt(t)", A(2, 3, lo=0.5, hi=2.0))
case("tfe_expand_dims_before", "def f(t):\n    return np.expand_dims(t, 0)", TENSOR)
case("tfe_expand_dims_after", "def f(t):\n    return np.expand_dims(t, 1)", TENSOR)
case("tfe_squeeze_before", "def f(t):\n    return np.squeeze(np.expand_dims(t, 0), 0)",
     TENSOR, variant="first definition")
case("tfe_squeeze_before", "def f(t):\n    return np.squeeze(np.expand_dims(t, 1), 1)",
     TENSOR, variant="second definition")
case("tfe_reshape_flat", "def f(t):\n    return np.reshape(t, (-1,))", TENSOR)
case("tfe_reshape_noop", "def f(t):\n    return np.reshape(np.reshape(t, (-1,)), np.shape(t))",
     TENSOR)
for reduction in ("sum", "mean", "max"):
    for keep in (False, True):
        case(f"tfe_reduce_{reduction}", f"""
def f(timage, boolean):
    return np.{reduction}(timage, axis=None, keepdims=boolean)
""", IMAGE, K(keep), wrt=("timage",), variant=f"keepdims={keep}")
        case(f"tfe_reduce_{reduction}_axis", f"""
def f(timage, boolean):
    return np.{reduction}(timage, axis=(0, 1, 2), keepdims=boolean)
""", IMAGE, K(keep), wrt=("timage",), variant=f"keepdims={keep}")
case("tfe_add", "def f(t1, t2):\n    return np.add(t1, t2)", TENSOR, TENSOR)
case("tfe_add_bcast", "def f(s, t):\n    return np.add(s, t)", S(), TENSOR)
case("tfe_subtract", "def f(t1, t2):\n    return np.subtract(t1, t2)", TENSOR, TENSOR)
case("tfe_multiply", "def f(t1, t2):\n    return np.multiply(t1, t2)", TENSOR, TENSOR)
case("tfe_divide", "def f(t1, t2):\n    return np.divide(t1, t2)", TENSOR,
     A(2, 3, lo=0.5, hi=2.0))
case("tfe_maximum", "def f(t1, t2):\n    return np.maximum(t1, t2)", TENSOR, TENSOR)
case("tfe_squared_difference", "def f(t1, t2):\n    return np.square(t1 - t2)", TENSOR, TENSOR)
MATMUL = """
def f({a}, {b}, boolean1, boolean2):
    left = {a}
    right = {b}
    if boolean1:
        left = np.swapaxes({a}, -1, -2)
    if boolean2:
        right = np.swapaxes({b}, -1, -2)
    return np.matmul(left, right)
"""
for t1 in (False, True):
    for t2 in (False, True):
        flags = f"transpose_a={t1},transpose_b={t2}"
        case("tfe_matmul", MATMUL.format(a="mat1", b="mat2"),
             A(3, 2) if t1 else A(2, 3), A(4, 3) if t2 else A(3, 4), K(t1), K(t2),
             wrt=("mat1", "mat2"), variant=flags)
        case("tfe_matmul_highdim", MATMUL.format(a="timage1", b="timage2"),
             A(2, 3, 2) if t1 else A(2, 2, 3), A(2, 4, 3) if t2 else A(2, 3, 4), K(t1), K(t2),
             wrt=("timage1", "timage2"), variant=flags)

# 'SAME' padding as TensorFlow pads: out = ceil(size / stride), the padding split with the
# smaller half before; a window is clipped to the image (zero padding for the convolution,
# padding ignored by the pools: the mean is over the window's elements inside the image).
SAME_WINDOWS = """
def f({params}):
    batch, height, width, channels = np.shape(timage)
    kh = {kh}
    kw = {kw}
    sh = conv2dstrides[1]
    sw = conv2dstrides[2]
    oh = (height + sh - 1) // sh
    ow = (width + sw - 1) // sw
    top = max((oh - 1) * sh + kh - height, 0) // 2
    left = max((ow - 1) * sw + kw - width, 0) // 2
    out = np.zeros((batch, oh, ow, {channels_out}))
    for i in range(oh):
        r0 = i * sh - top
        r1 = min(r0 + kh, height)
        r0 = max(r0, 0)
        for j in range(ow):
            c0 = j * sw - left
            c1 = min(c0 + kw, width)
            c0 = max(c0, 0)
            window = timage[:, r0:r1, c0:c1, :]
{combine}
    return out
"""
case("tfe_conv2d", SAME_WINDOWS.format(
    params="timage, tkernel, conv2dstrides", kh="np.shape(tkernel)[0]",
    kw="np.shape(tkernel)[1]", channels_out="np.shape(tkernel)[3]",
    combine="            part = tkernel[r0 - (i * sh - top):r1 - (i * sh - top), "
            "c0 - (j * sw - left):c1 - (j * sw - left), :, :]\n"
            "            out[:, i, j, :] = np.tensordot(window, part, axes=([1, 2, 3], "
            "[0, 1, 2]))"),
    A(1, 4, 4, 2), A(3, 3, 2, 3), K((1, 2, 2, 1)), wrt=("timage", "tkernel"))
case("tfe_max_pool", SAME_WINDOWS.format(
    params="timage, pool2dsizes, conv2dstrides", kh="pool2dsizes[1]", kw="pool2dsizes[2]",
    channels_out="channels", combine="            out[:, i, j, :] = np.max(window, axis=(1, 2))"),
    A(1, 4, 4, 2), K((1, 2, 2, 1)), K((1, 2, 2, 1)), wrt=("timage",))
case("tfe_avg_pool", SAME_WINDOWS.format(
    params="timage, pool2dsizes, conv2dstrides", kh="pool2dsizes[1]", kw="pool2dsizes[2]",
    channels_out="channels",
    combine="            out[:, i, j, :] = np.mean(window, axis=(1, 2))"),
    A(1, 5, 5, 2), K((1, 3, 3, 1)), K((1, 2, 2, 1)), wrt=("timage",))

# ---------------------------------------------------------------- traced calls
TRACE_MUL = """
def _trace_mul(a, b):
    out = np.multiply(a, b)
    c = 3
    del c
    return out
"""
case("_trace_mul", TRACE_MUL.replace("_trace_mul", "f"), TENSOR, TENSOR)
case("tfe_trace_fn", TRACE_MUL + """

def f(t):
    out = _trace_mul(t, t)
    result = np.sum(out)
    return result
""", TENSOR)
NONTRACE_MUL = """
def _nontrace_mul(a, b):
    out = np.multiply(a, b)
    return out
"""
case("_nontrace_mul", NONTRACE_MUL.replace("_nontrace_mul", "f"), TENSOR, TENSOR)
case("tfe_notrace_fn", NONTRACE_MUL + """

def f(t):
    out = _nontrace_mul(t, t)
    result = np.sum(out)
    return result
""", TENSOR)

# ---------------------------------------------------------------- function calls
INNER = "def _inner_fn(a, b):\n    return a * b\n\n\n"
case("_inner_fn", "def f(a, b):\n    return a * b", S(), S())
case("mul_with_call", INNER + "def f(a, b):\n    return _inner_fn(a, b)", S(), S())
for variant, (da, db) in (("greater", (S(1.0, 2.0), S(-1.0, 0.5))),
                          ("smaller", (S(-1.0, 0.5), S(1.0, 2.0)))):
    case("if_mul_with_call", INNER + """
def f(a, b):
    if a > b:
        o = _inner_fn(a, b)
    else:
        o = _inner_fn(b, a)
    return o
""", da, db, variant=variant)
case("iterpower_with_call", INNER + """
def f(a, n):
    for i in range(n):
        a = _inner_fn(a, a)
    return a
""", S(0.5, 1.2), K(3), wrt=("a",))
case("nested_call", INNER + """
def mul_with_call(a, b):
    return _inner_fn(a, b)


def f(a, b):
    return mul_with_call(a, b)
""", S(), S())
case("iterpower_with_nested_def", """
def f(a, n):
    def _fn(a, n):
        return a * n

    for i in range(n):
        a = _fn(a, a)
    return a
""", S(0.5, 1.2), K(3), wrt=("a",))

# ---------------------------------------------------------------- tuples and dicts
case("unpacking_args_saxpy", """
def f(abc_packed_in_tuple):
    a, b, c = abc_packed_in_tuple
    return a * b + c
""", TUPLE(S(), S(), S()))
DICT_SAXPY = """
def dict_saxpy(val):
    return val['a'] * val['b'] + val['c']
"""
case("dict_saxpy", DICT_SAXPY.replace("dict_saxpy", "f"), DICT(a=S(), b=S(), c=S()))
case("dict_wrapper", DICT_SAXPY + """

def f(abc_packed_in_tuple):
    a, b, c = abc_packed_in_tuple
    return dict_saxpy(dict(a=a, b=b, c=c))
""", TUPLE(S(), S(), S()))
for i in range(3):
    case("passthru_pack", """
def f(a, b, c, i):
    x = a, b, c
    return x[i]
""", S(), S(), S(), K(i), wrt=("a", "b", "c"), variant=f"i={i}")
case("passthru_unpack", """
def f(abc_packed_in_tuple):
    a, b, c = abc_packed_in_tuple
    return a
""", TUPLE(S(), S(), S()))
case("nested_dict", "def f(p):\n    return p['i']['j'] * p['i']['k']",
     DICT(i=DICT(j=S(), k=S())))

# ---------------------------------------------------------------- misc
case("cart2polar", """
def f(a, b):
    r = np.sqrt(a**2.0 + b**2.0)
    theta = np.arctan2(b, a)
    return r, theta
""", S(0.5, 2.0), S(0.5, 2.0))
case("inlining_contextmanager", """
def f(a):
    b = a * a
    c = b * a
    return c
""", S())
case("listcomp", "def f(a):\n    return np.sum([i * 3 for i in a])", A(4))
case("while_big", """
def f(a):
    while np.abs(a) > 0.1:
        a = a * 0.5
    return a
""", S(0.55, 0.75))
case("active_subscript", """
def f(x):
    y = np.zeros_like(x)
    for i in range(len(x)):
        y[i] = x[i]
    return np.sum(y)
""", A(4))
case("init_array_grad_maybe_active", """
def f(x):
    h = np.zeros((len(x), 3))
    for t in range(len(h)):
        h[t] = x[t]
    return np.sum(h)
""", A(4))
case("slicing", "def f(x):\n    return np.sum(x[1:])", A(5))
case("rnn", """
def f(inputs, W):
    h = np.zeros((4, 3))
    for t in range(3):
        h[t + 1] = np.dot(inputs[t], W) + h[t]
    return np.sum(h[1:])
""", A(3, 2), A(2, 3))
case("augassign", "def f(a):\n    x = a * a\n    x *= x\n    return x", S())
case("bilinear", """
def f(x, h, U, W, b):
    y = np.dot(x, W)
    y = y + np.dot(h, U)
    y = y + b
    y = np.tanh(y)
    return np.sum(y)
""", A(3), A(2), A(2, 4), A(3, 4), A(4))
case("stack_pushing", """
def f(a):
    stack = []
    y = a * a
    stack.append(a)
    aa = stack.pop()
    z = y * aa
    z = z * aa
    return z
""", S())
case("gradgrad_pow", "def f(a, b):\n    a = a ** b\n    return a", S(0.5, 2.0), S(0.5, 2.5))
case("gradgrad_pow_twice", "def f(a):\n    a = a * a\n    y = a * a\n    return y", S())
case("gradgrad_chain_of_mults", """
def f(a):
    b = a
    b = a * a
    c = b * b
    d = c * c
    return d
""", S(0.5, 1.2))
case("gradgrad_chain_of_multcalls", """
def mul(a, b):
    return a * b


def f(a):
    b = mul(a, a)
    c = mul(b, b)
    d = mul(c, c)
    return d
""", S(0.5, 1.2))
case("useless_stack_ops", """
def f(a):
    _stack = []
    b = a * a
    _stack.append(b)
    b = _stack.pop()
    return a
""", S())
case("redefining_var_as_list", """
def f(a):
    _stack = []
    x = a
    _stack.append(x)
    x = [a]
    x = _stack.pop()
    return a
""", S())
case("extended_slice", "def f(x):\n    return np.sum(x[::2, np.newaxis])", A(5))
