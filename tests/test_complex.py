"""Complex values and numpy.fft inside real functions of real inputs: sct's gradients against
autograd's (the convention of JAX and autograd: a real function of real inputs has one
gradient, whatever the complex values inside) and against central differences, in both modes;
the kinks of abs and angle at 0; and the refusals a user meets."""
import numpy as np
import pytest
import autograd
import autograd.numpy as anp

import sct.api
from sct.errors import SctError

PROGRAMS = {
    "power_spectrum": "return np.sum(np.abs(np.fft.fft(x)) ** 2)",
    "phases": "z = np.exp(1j * x)\nw = z * z + 2.0 * z\nreturn np.sum(np.real(w) * np.imag(z))",
    "mixed": "z = (x + 2.0) * np.exp(1j * x[::-1])\nc = np.conj(z) * (1.0 + 2j)\n"
             "return np.sum(np.angle(c) * np.real(z) + np.imag(c) ** 2 + np.abs(z + 0.5j))",
    "round_trip": "y = np.fft.irfft(np.fft.rfft(x) * np.exp(-1j * x[:4]), 6)\n"
                  "return np.sum(y * y * x)",
    "round_trip_plain": "return np.sum(np.fft.irfft(np.fft.rfft(x)) * np.sin(x))",
    "padded": "return np.sum(np.abs(np.fft.fft(x, 8))) + "
              "np.sum(np.real(np.fft.ifft(x * 1j, 3)) ** 2)",
    "ifft": "return np.sum(np.imag(np.fft.ifft(np.exp(1j * x) * x)) ** 2)",
    "two_d": "m = np.reshape(x, (2, 3))\nf = np.fft.fft2(m)\ng = np.fft.ifft2(f * np.conj(f) * m)\n"
             "return np.sum(np.real(g) ** 2 + np.imag(np.fft.fftshift(f)))",
    "n_d": "m = np.reshape(x, (2, 3))\nh = np.fft.fftn(m * np.exp(1j * m))\n"
           "return np.sum(np.abs(np.fft.ifftn(h * h)) + np.real(np.fft.ifftshift(h)) * m)",
    "ortho": "f = np.fft.fft(x, norm='ortho')\nh = np.fft.ifft(f * f, norm='ortho')\n"
             "return np.sum(np.abs(h)) + np.sum(np.fft.irfft(np.fft.rfft(x, norm='ortho') * 1j, "
             "norm='ortho') * x)",
    "rfft2": "m = np.reshape(x, (2, 3))\nf = np.fft.rfft2(np.concatenate([m, m * m], axis=1))\n"
             "return np.sum(np.abs(f)) + np.sum(np.fft.irfft2(f * f) * m[:, :1])",
    # holomorphic elementwise functions of complex operands, off their branch cuts
    "sqrt": "z = x + 1j * (x[::-1] + 2.0)\nw = np.sqrt(z) + np.sqrt(z * 1j)\n"
            "return np.sum(np.real(w) * x + np.imag(w) ** 2)",
    "logs": "z = (x + 2.0) * np.exp(1j * x)\n"
            "return np.sum(np.abs(np.log2(z)) + np.imag(np.log10(z * z)) * x)",
    "exp2": "return np.sum(np.real(np.exp2(x + 1j * x * x)) + np.abs(np.exp2(x * 1j)))",
    "inverse_hyperbolic": "z = x + 1j * x[::-1]\n"
                          "w = np.arcsinh(z) + np.arctanh(0.5 * z) + np.arccosh(z + 2.5)\n"
                          "return np.sum(np.real(w) * np.imag(w) + np.abs(w))",
    "inverse_trigonometric": "z = 0.5 * x + 0.7j * x[::-1]\n"
                             "w = np.arcsin(z) * np.arccos(z) + np.arctan(2.0 * z)\n"
                             "return np.sum(np.real(w) + np.imag(w) * x)",
    "powers": "z = x + 2.0 + 1j * x[::-1]\nw = z ** 0.5 + z ** 2.5 + z ** -1.5 + z ** 3\n"
              "return np.sum(np.real(w) * x + np.imag(np.power(z, 0.7)))",
    "power_exponent": "z = x + 2.0 + 1j * x[::-1]\n"
                      "return np.sum(np.imag(z ** x) + np.real(np.power(z * 1j, x * x)))",
    "erf": "z = 0.5 * x + 0.3j * x[::-1]\n"
           "return np.sum(np.real(special.erf(z)) * x + np.imag(special.erfc(z * z)))",
}
# lengths autograd's rfft/irfft gradients do not take (odd last axes), against differences only
ODD = {
    "odd_irfft": "s = np.fft.rfft(x)\n"
                 "return np.sum(np.fft.irfft(s * s, 7)[:6] * x) + np.sum(np.fft.irfft(s, 5) ** 2)",
    "rfftn": "t = np.reshape(x, (2, 3))\nf = np.fft.rfftn(t)\n"
             "back = np.fft.irfftn(f * f, (2, 3), (0, 1))\n"
             "return np.sum(back * t) + np.sum(np.abs(np.fft.rfftn(t, s=(2, 5), axes=(0, 1))))",
    "loop": "z = 0.0 * 1j\nfor k in range(3):\n    z = z * np.exp(1j * x[k]) + x[k]\n"
            "return np.abs(z) + np.angle(z)",
    "index": "y = np.zeros(3) + 0j\ny[0] = x[0] * 1j\ny[1:] = x[1:3] * np.exp(1j * x[:2])\n"
             "y[2] = x[0]\nreturn np.sum(np.abs(y * y))",
    "matrices": "m = np.reshape(x, (2, 3))\nz = m * np.exp(1j * m)\n"
                "w = z @ np.conj(z).T + np.einsum('ij,kj->ik', z, z)\n"
                "return np.sum(np.abs(w)) + np.real(np.sum(np.outer(z[0], z[1])))",
    # an entry's adjoint added into a complex array's that np.real passed on as a real one
    "scatter_after_real": "z = x * np.exp(1j * x)\na = z[0] * 1j\nb = np.real(z)\n"
                          "return np.real(a) + np.sum(b)",
    "writes_in_a_loop": "z = x * np.exp(1j * x)\nb = np.real(z) * 2.0\nz2 = z + b\n"
                        "for k in range(2):\n    z2[k] = z2[k] * 1j + x[k]\n"
                        "return np.sum(np.imag(z2)) + np.real(z2[2] * z[1])",
    "scalar": "z = x[0] + 1j * x[1]\nw = z * z / (z - 2.0) + np.exp(z)\n"
              "return abs(w) + np.real(w) * np.imag(z) + np.angle(w)",
    "norms": "f = np.fft.fft(x, 8, norm='forward')[:6] + np.fft.ifft(x * 1j, norm='backward')\n"
             "g = np.fft.fftn(np.reshape(x, (2, 3)), norm='forward')\n"
             "h = np.fft.irfft2(g, s=(2, 3), norm='forward') + np.fft.irfftn(g, (2, 3), (0, 1), "
             "'ortho')\nk = np.fft.rfft2(np.reshape(x, (3, 2)), norm='forward')\n"
             "return np.sum(np.abs(f)) + np.sum(h * h) + np.sum(np.imag(k) ** 2)",
    "hermitian": "s = np.fft.ihfft(x)\nt = np.fft.ihfft(x * x, 5, norm='ortho')\n"
                 "return np.sum(np.fft.hfft(s * s, 6) * x) + np.sum(np.fft.hfft(t, norm='forward')"
                 " ** 2) + np.sum(np.abs(s))",
    # arccosh on the left half-plane, where sqrt(z^2 - 1) (autograd's slope) takes the other
    # branch from numpy's arccosh: sct's slope 1 / (sqrt(z - 1) sqrt(z + 1)) against differences
    "arccosh_left": "z = -x - 2.0 + 1j * x[::-1]\nw = np.arccosh(z) * np.arccosh(z * 1j)\n"
                    "return np.sum(np.real(w) + np.imag(w) * x)",
    "holomorphic_scalars": "z = x[0] + 2.0 + 1j * x[1]\n"
                           "w = np.sqrt(z) * np.arcsin(z / 4.0) + z ** x[2] + np.log2(z) ** 0.5\n"
                           "return np.real(w) + np.imag(np.arccosh(z) + np.arctan(z)) + abs(w)",
}
X = np.array([0.31, -0.42, 0.93, 1.27, -1.11, 0.58])


def _source(body, module="numpy"):
    lines = "".join(f"    {line}\n" for line in body.split("\n"))
    special = "autograd.scipy.special" if module == "autograd.numpy" else "scipy.special"
    return f"import {module} as np\nimport {special} as special\n\n\ndef f(x):\n{lines}"


def _compiled(body):
    text, _ = sct.api.compile_module(_source(body), "<complex>", ["f"], "both", None,
                                     scalar_output=True)
    generated, reference = {}, {}
    exec(compile(text, "<generated>", "exec"), generated)
    exec(compile(_source(body), "<source>", "exec"), reference)
    return reference["f"], generated["d_f"], generated["b_f"]


def _central(f, x, h=1e-6):
    out = np.zeros_like(x)
    for k in range(x.size):
        e = np.zeros_like(x)
        e[k] = h
        out[k] = (f(x + e) - f(x - e)) / (2 * h)
    return out


def _check(body, expected):
    """sct's gradient (reverse mode) is real and equals ``expected``; forward mode's
    directional derivatives agree."""
    f, d_f, b_f = _compiled(body)
    value, (gradient,) = b_f(X)
    assert value == pytest.approx(f(X), rel=1e-12)
    assert np.asarray(gradient).dtype == np.float64
    np.testing.assert_allclose(gradient, expected, rtol=1e-6, atol=1e-7)
    for k in range(X.size):
        _, tangent = d_f(X, np.eye(X.size)[k])
        assert np.isrealobj(tangent)
        assert tangent == pytest.approx(expected[k], rel=1e-6, abs=1e-7)


@pytest.mark.parametrize("name", PROGRAMS)
def test_gradient_is_autograds(name):
    namespace = {}
    exec(compile(_source(PROGRAMS[name], "autograd.numpy"), "<autograd>", "exec"), namespace)
    expected = autograd.grad(namespace["f"])(X)
    f, _, _ = _compiled(PROGRAMS[name])
    np.testing.assert_allclose(expected, _central(f, X), rtol=1e-5, atol=1e-6)   # the reference
    _check(PROGRAMS[name], expected)


@pytest.mark.parametrize("name", ODD)
def test_gradient_against_differences(name):
    f, _, _ = _compiled(ODD[name])
    _check(ODD[name], _central(f, X))


def test_autograds_convention_on_complex_inputs():
    """What the README says of autograd: for a real f of a complex z, grad gives dL/dx -
    1j dL/dy, the conjugate of sct's adjoint dL/dx + 1j dL/dy of a complex intermediate."""
    assert autograd.grad(lambda z: anp.abs(z) ** 2)(1.0 + 2.0j) == pytest.approx(2.0 - 4.0j)
    assert autograd.grad(lambda z: anp.imag(z))(1.0 + 2.0j) == pytest.approx(-1.0j)


def test_irfft_drops_the_imaginary_parts_it_ignores():
    """irfft reads Im(a[0]) and, for an even length, Im(a[n/2]) as zero: their gradient is 0,
    the others' twice the weight of a full spectrum's pair."""
    body = ("a = x[:4]\nb = x[2:]\nw = np.arange(6) + 1.0\n"
            "return np.sum(w * np.fft.irfft(a + 1j * b))")
    f, _, b_f = _compiled(body)
    _, (gradient,) = b_f(X)
    np.testing.assert_allclose(gradient, _central(f, X), atol=1e-7)
    plain = "w = np.arange(6) + 1.0\nreturn np.sum(w * np.fft.irfft(x[:4] + 0.5j * x[2:]))"
    _, _, b_plain = _compiled(plain)
    expected = np.fft.rfft(np.arange(6) + 1.0) / 6 * np.array([1, 2, 2, 1])
    _, (g,) = b_plain(X)
    np.testing.assert_allclose(g[:2], np.real(expected[:2]), atol=1e-12)
    np.testing.assert_allclose(g[4:], 0.5 * np.imag(expected[2:]), atol=1e-12)
    assert expected[0].imag == expected[3].imag == 0.0


@pytest.mark.parametrize("body, expected", [
    ("return np.sum(np.abs(x * 1j))", [0.0, 1.0, -1.0]),              # |.| at 0: 0, as sign(0)
    ("return np.sum(np.angle(x + 0j))", [0.0, 0.0, 0.0]),             # at 0 and on the cut
    ("return np.sum(np.abs(x + 1j * x))", [0.0, 2 ** 0.5, -2 ** 0.5]),
])
def test_kinks_at_zero_agree_in_both_modes(body, expected):
    _, d_f, b_f = _compiled(body)
    x = np.array([0.0, 1.0, -2.0])
    _, (gradient,) = b_f(x)
    np.testing.assert_allclose(gradient, expected, atol=1e-15)
    for k in range(3):
        _, tangent = d_f(x, np.eye(3)[k])
        assert tangent == pytest.approx(expected[k], abs=1e-15)


@pytest.mark.parametrize("body, message", [
    ("return np.sum(x * 1j)", "the returned value may be complex"),
    ("return np.real(np.sum(np.cumprod(x + 1j)))", "'np.cumprod' is not supported on complex"),
    ("return np.real(np.sum((x + 1j) ** (x * 1j)))", "a power with a complex exponent is not "
                                                      "supported"),
    ("return np.real(np.sum(np.power(2.0, x + 1j)))", "a power with a complex exponent"),
    ("return np.real(np.sum(np.cbrt(x + 1j)))", "'np.cbrt' is not supported on complex values"),
    ("return np.linalg.norm(x * 1j)", "'np.linalg.norm' is not supported on complex values"),
    ("return np.sum(np.angle(x + 1j, deg=True))", "np.angle is supported with deg=False only"),
    ("return np.sum(np.real(np.fft.fft(x, norm='unitary')))", "np.fft.fft is supported with "
                                                               "norm=None or 'backward'"),
    ("return np.sum(np.fft.irfft(x, 4, -1, x[0]))", "np.fft.irfft is supported with norm="),
    ("return np.sum(np.fft.fft(x, out=x).real)", "has no keyword 'out'"),
])
def test_refused_at_the_line(body, message):
    for mode in ("forward", "reverse"):
        with pytest.raises(SctError, match=message):
            sct.api.compile_module(_source(body), "<complex>", ["f"], mode, None)


def test_arccosh_takes_numpys_branch_where_autograds_slope_does_not():
    """For Re z < 0, sqrt(z^2 - 1) = -sqrt(z - 1) sqrt(z + 1): autograd's gradient of arccosh
    there has the wrong sign, sct's matches differences of numpy's arccosh."""
    body = ODD["arccosh_left"]
    namespace = {}
    exec(compile(_source(body, "autograd.numpy"), "<autograd>", "exec"), namespace)
    f, _, b_f = _compiled(body)
    _, (gradient,) = b_f(X)
    np.testing.assert_allclose(gradient, _central(f, X), rtol=1e-6, atol=1e-7)
    assert not np.allclose(autograd.grad(namespace["f"])(X), gradient, atol=1e-3)


def test_power_with_a_zero_exponent_has_a_zero_tangent_in_the_base():
    """z ** b at b = 0 is 1 for every z: the base's derivative is exactly 0 there (the
    non-literal template, as for real bases), the exponent's is log z."""
    body = "z = x[:3] * 1j + 0.5\nreturn np.sum(np.imag(z ** x[3:]) + np.real(z ** x[3:]))"
    f, d_f, b_f = _compiled(body)
    x = np.array([0.5, 1.5, -2.0, 0.0, 0.0, 0.0])
    _, (gradient,) = b_f(x)
    assert np.all(gradient[:3] == 0.0)
    log = np.log(0.5 + 1j * x[:3])
    np.testing.assert_allclose(gradient[3:], np.imag(log) + np.real(log), rtol=1e-12)
    np.testing.assert_allclose(gradient, _central(f, x), atol=1e-8)
    for k in range(6):
        assert d_f(x, np.eye(6)[k])[1] == pytest.approx(gradient[k], abs=1e-12)


@pytest.mark.parametrize("x0", [0.7, -1.3])
def test_real_if_close_is_real_where_its_result_is(x0):
    """z = 1j (x - x0) is within real_if_close's tolerance of the real axis on an open interval
    around x0, where real_if_close(z) is Re(z) = 0: Im of it has derivative 0 there, in both
    modes (the identity's adjoint would give 1, the slope outside that interval)."""
    body = "w = np.real_if_close(1j * (x - X0))\nreturn np.sum(np.imag(w * (1.0 + 1j))) + x[1]"
    _, d_f, b_f = _compiled(body.replace("X0", repr(x0)))
    x = np.full(3, x0)
    _, (gradient,) = b_f(x)
    np.testing.assert_array_equal(gradient, [0.0, 1.0, 0.0])
    for k in range(3):
        assert d_f(x, np.eye(3)[k])[1] == gradient[k]
    x = np.full(3, x0 + 0.5)        # a complex result: the identity's derivative
    _, (gradient,) = b_f(x)
    np.testing.assert_allclose(gradient, [1.0, 2.0, 1.0], rtol=1e-15)
    for k in range(3):
        assert d_f(x, np.eye(3)[k])[1] == pytest.approx(gradient[k], rel=1e-15)


def test_complex_values_passed_to_a_user_function_are_refused():
    source = ("import numpy as np\n\n\ndef part(z):\n    return np.real(z)\n\n\n"
              "def f(x):\n    return np.sum(part(x * 1j))\n")
    for mode in ("forward", "reverse"):
        with pytest.raises(SctError, match="complex values are passed to a user function"):
            sct.api.compile_module(source, "<complex>", ["f"], mode, None)
