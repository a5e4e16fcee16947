"""The rule table's entries for complex numbers and numpy.fft (see the package's docstring).

Inputs are real; complex values live inside the function (sct/complexes.py says which names
may hold them).  Reverse mode takes the adjoint of a complex z to be g = dL/dRe(z) +
1j dL/dIm(z), as autograd does: the adjoint of a linear map over the reals is its conjugate
transpose (prelude_fft.py), a holomorphic h passes g conj(h'(z)), and a real operand keeps the
real part of what it receives (reverse.py).
"""
from .checks import defaults_only
from .table import RULES, helper, linear, nondiff, pointwise, template

# Re and Im are linear over the reals: Re(dz) = Re(conj(1) dz), Im(dz) = Re(conj(1j) dz), so
# their adjoints are g and 1j g; conj is its own conjugate transpose: conj(g)
linear("np.real", "val", adjoint={"val": "g"})
linear("np.imag", "val", adjoint={"val": "1j * g"})
linear("np.conj np.conjugate", "x", adjoint={"x": "np.conj(g)"})
RULES["np.real"].view = RULES["np.imag"].view = True     # of a complex array's memory
# angle = atan2(Im z, Re z): d angle = Im(conj(z) dz) / |z|^2 = Re(conj(1j z / |z|^2) dz),
# so the adjoint is 1j g z / |z|^2 (0 at z = 0, where the angle has no derivative)
template("np.angle", "z, deg=False",
         {"z": "_cratio(np.imag(np.conj(z) * dz), np.real(z * np.conj(z)))"},
         adjoint={"z": "1j * _cratio(g * z, np.real(z * np.conj(z)))"})

# np.abs on a complex operand (complexes.variant): d|z| = Re(conj(z) dz) / |z|, adjoint
# g z / |z| (0 at 0, as sign(0) = 0 for real abs); sums keep the adjoint's dtype
template("_complex_abs", "x", {"x": "_cratio(np.real(np.conj(x) * dx), y)"},
         adjoint={"x": "_cratio(g * x, y)"})
linear("_complex_sum", "a, axis=None, keepdims=False",
       adjoint={"a": "_complex_sum_adjoint(g, a, axis, keepdims)"})
linear("_complex_mean", "a, axis=None, keepdims=False",
       adjoint={"a": "_complex_mean_adjoint(g, a, axis, keepdims)"})
for _name, _variant in (("np.abs", "_complex_abs"), ("abs", "_complex_abs"),
                        ("np.sum", "_complex_sum"), ("np.mean", "_complex_mean")):
    RULES[_name].on_complex = RULES[_variant]
for _name in ("_complex_abs", "_complex_sum", "_complex_mean"):
    del RULES[_name]

# real_if_close(a) is np.real(a) where every imaginary part is within tol machine epsilons of
# 0 (the set where it is so is open: its derivative there is Re's), else a itself (the
# identity's): the tangent and the adjoint follow the result's type at run time
template("np.real_if_close", "a, tol=100", {"a": "_if_real(da, y)"},
         adjoint={"a": "_if_real(g, y)"})
RULES["np.real_if_close"].view = True           # a itself where it keeps a's type
nondiff("np.iscomplex np.isreal np.iscomplexobj np.isrealobj")

# holomorphic elementwise functions on a complex operand z: the tangent h'(z) dz, the adjoint
# g conj(h'(z)) (reverse.py conjugates the operands in the tangent template).  Those whose real
# templates hold for complex z are marked "follows" below; these replace a template that casts
# to float or takes a different branch: d sqrt z = dz / (2 sqrt z); d arcsin z = dz /
# sqrt(1 - z^2), d arccos z = -dz / sqrt(1 - z^2) (DLMF 4.24.1-2, principal branches);
# d arccosh z = dz / (sqrt(z - 1) sqrt(z + 1)), not sqrt(z^2 - 1), whose branch differs for
# Re z < 0 (differentiating numpy's arccosh z = log(z + sqrt(z + 1) sqrt(z - 1)), C99's)
# d z^b = b z^(b-1) dz + z^b log(z) db for a real exponent b (z^b = exp(b log z))
COMPLEX_SLOPES = {
    "np.sqrt": "_cover(dx, 2 * y)",
    "np.arcsin": "_cover(dx, np.sqrt(1 - x * x))",
    "np.arccos": "-_cover(dx, np.sqrt(1 - x * x))",
    "np.arccosh": "_cover(dx, np.sqrt(x - 1) * np.sqrt(x + 1))",
}
for _name, _slope in COMPLEX_SLOPES.items():
    pointwise(f"_complex_{_name}", "x", {"x": _slope})
    RULES[_name].on_complex = RULES.pop(f"_complex_{_name}")
COMPLEX_POWER = {"a": "_cpower_tangent(a, b, da)", "b": "_cexponent_tangent(y, a, db)"}
for _name in ("Pow", "np.power"):
    pointwise(f"_complex_{_name}", "a, b", COMPLEX_POWER, literal=RULES[_name].literal)
    RULES[_name].on_complex = RULES.pop(f"_complex_{_name}")
HOLOMORPHIC = ("np.sqrt np.log2 np.log10 np.exp2 np.arcsinh np.arccosh np.arctanh np.arcsin "
               "np.arccos np.arctan scipy.special.erf scipy.special.erfc")

# numpy.fft: linear maps (the tangent is the same transform of the tangent); adjoints P^T F^H,
# F scaled by norm's real factor ("backward" (None), "ortho", "forward"), which F^H keeps;
# hfft = irfft(conj(a)) and ihfft = conj(rfft(a)), each with the opposite direction's norm
ONE_AXIS = ("fft", "ifft", "rfft", "irfft", "hfft", "ihfft")
N_AXES = (("fftn", "None"), ("ifftn", "None"), ("rfftn", "None"), ("irfftn", "None"),
          ("fft2", "(-2, -1)"), ("ifft2", "(-2, -1)"), ("rfft2", "(-2, -1)"),
          ("irfft2", "(-2, -1)"))
for _name in ONE_AXIS:
    linear(f"np.fft.{_name}", "a, n=None, axis=-1, norm=None",
           adjoint={"a": f"_{_name}_adjoint(g, a, n, axis, norm)"})
for _name, _axes in N_AXES:
    linear(f"np.fft.{_name}", f"a, s=None, axes={_axes}, norm=None",
           adjoint={"a": f"_{_name.rstrip('2n')}n_adjoint(g, a, s, axes, norm)"})
# the shifts are permutations, each the other's inverse (= transpose)
linear("np.fft.fftshift", "x, axes=None", adjoint={"x": "np.fft.ifftshift(g, axes)"})
linear("np.fft.ifftshift", "x, axes=None", adjoint={"x": "np.fft.fftshift(g, axes)"})


RULES["np.angle"].prepare = defaults_only("np.angle", {"deg": (1, (False,))},
                                          "multiply np.angle(z) by 180 / np.pi")
NORMS = (None, "backward", "ortho", "forward")     # a literal: the adjoint helpers scale by it
for _name in ONE_AXIS + tuple(name for name, _ in N_AXES):
    RULES[f"np.fft.{_name}"].prepare = defaults_only(f"np.fft.{_name}", {"norm": (3, NORMS)},
                                                     "write norm='ortho' (say) in the call")

# the adjoint helpers' own derivatives (Hessians): linear in g
helper("_cratio", "d, s", "template", ("d", "s"),
       {"d": "_cratio(dd, s)", "s": "-_cratio(d * ds, s * s)"})
for _name in ("_complex_sum_adjoint", "_complex_mean_adjoint"):
    helper(_name, "g, a, axis, keepdims", "linear", ("g",))
for _name in ONE_AXIS:
    helper(f"_{_name}_adjoint", "g, a, n, axis, norm", "linear", ("g",))
for _name in ("fftn", "ifftn", "rfftn", "irfftn"):
    helper(f"_{_name}_adjoint", "g, a, s, axes, norm", "linear", ("g",))

helper("_if_real", "v, result", "linear", ("v",))
helper("_own_complex", "value", "linear", ("value",))
RULES["_own_complex"].fresh = True
# the complex quotient and powers (Hessians), as _over's and _power_tangent's
helper("_cover", "d, s", "template", ("d", "s"),
       {"d": "_cover(dd, s)", "s": "-_cover(d * ds, s * s)"})
helper("_cpower_tangent", "a, b, d", "template", ("a", "b", "d"),
       {"a": "_cpower_tangent(a, b - 1, b * d * da)", "d": "_cpower_tangent(a, b, dd)",
        "b": "_cexponent_tangent(_cpower_tangent(a, b, d), a, db) + "
             "_cpowered(a, b - 1.0, d * db)"})
helper("_cpowered", "a, e, d", "template", ("a", "e", "d"),
       {"a": "_cpowered(a, e - 1.0, e * d * da)", "d": "_cpowered(a, e, dd)",
        "e": "_cexponent_tangent(_cpowered(a, e, d), a, de)"})
helper("_cexponent_tangent", "p, a, d", "template", ("p", "a", "d"),
       {"p": "_cexponent_tangent(dp, a, d)", "a": "_cover(p * d * da, a)",
        "d": "_cexponent_tangent(p, a, dd)"})

# what each rule does on complex operands (Rule.complex; any other rule is refused there):
# the holomorphic elementwise functions and the linear and multilinear maps with real
# coefficients whose adjoint helpers keep a complex g's dtype follow their operands
FOLLOWS = ("Add Sub Mult Div USub UAdd MatMult np.multiply np.divide np.add np.subtract "
           "np.negative np.positive np.exp np.sin np.cos np.tan np.sinh np.cosh np.tanh np.log "
           "np.expm1 np.log1p np.square np.reciprocal np.sum np.mean np.reshape np.transpose "
           "np.concatenate np.stack np.array np.asarray np.copy np.flip np.roll np.swapaxes "
           "np.squeeze np.expand_dims np.cumsum np.matmul np.outer np.einsum subscript tuple "
           "np.conj np.conjugate np.fft.fftshift np.fft.ifftshift np.real_if_close " + HOLOMORPHIC)
ADJOINT_HELPERS = ("_unbroadcast _unbroadcast_product _transpose_adjoint _split_adjoint "
                   "_unstack_adjoint _cumsum_adjoint _matmul_adjoint_a _matmul_adjoint_b "
                   "_einsum_adjoint _detached _kept_array _own_value _complex_sum_adjoint "
                   "_complex_mean_adjoint _cratio _if_real _chain _cover _cpower_tangent _cpowered "
                   "_cexponent_tangent")


def mark_complex_kinds():
    """Rule.complex of the rules above and of sct's adjoint helpers (called once the table is
    complete)."""
    kinds = (("follows", FOLLOWS + " " + ADJOINT_HELPERS), ("base", "Pow np.power"),
             ("complex", "np.fft.fft np.fft.ifft np.fft.fft2 np.fft.ifft2 np.fft.fftn "
                         "np.fft.ifftn np.fft.rfft np.fft.rfft2 np.fft.rfftn np.fft.ihfft "
                         "_fft_adjoint _ifft_adjoint _fftn_adjoint _ifftn_adjoint "
                         "_irfft_adjoint _irfftn_adjoint _hfft_adjoint _own_complex"),
             ("real", "np.real np.abs abs _rfft_adjoint _rfftn_adjoint _ihfft_adjoint"),
             # real results whose adjoints are complex for a real operand too, which keeps
             # their real parts (the real inverse transforms of a real half spectrum)
             ("imaginary", "np.imag np.angle np.fft.irfft np.fft.irfft2 np.fft.irfftn "
                           "np.fft.hfft"))
    for kind, names in kinds:
        for name in names.split():
            RULES[name].complex = kind
    for rule, kind in (("np.abs", "real"), ("np.sum", "follows"), ("np.mean", "follows"),
                       ("Pow", "follows"), ("np.power", "follows"),
                       *((name, "follows") for name in COMPLEX_SLOPES)):
        RULES[rule].on_complex.complex = kind
