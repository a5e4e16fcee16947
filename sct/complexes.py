"""Complex values inside real functions of real inputs: which names may hold them, and what
the modes do differently there.

``complex_names(fdef)`` is flow-insensitive, like activity: a name is complex if any of its
assignments may give it a complex value (a ``1j`` literal, numpy.fft, arithmetic on a complex
operand; ``np.real``, ``np.abs`` and the like give real values).  Treating a real name as
complex is safe (a conjugate of a real value is itself), so the analysis only over-marks.
Reverse mode takes the adjoint of a complex value ``z`` to be ``dL/dRe(z) + 1j dL/dIm(z)``:
an operation's adjoint is the conjugate transpose of its (real-linear) derivative, and a real
operand keeps the real part of what it receives.  ``check`` refuses, at the line, the
operations sct does not differentiate on complex values.
"""
import ast

from . import rules
from .errors import SctError
from .ir import is_atom, op_key, operands, walk

HINT = ("on complex values sct differentiates arithmetic, powers, exp, log, sqrt, trigonometric "
        "and hyperbolic functions and their inverses, erf, sums, reshapes, products, np.real, "
        "np.imag, np.conj, np.abs, np.angle and numpy.fft")


def complex_names(fdef):
    """The names that may hold a complex value (number or array) somewhere in ``fdef``."""
    defs = []
    for node in walk(fdef):
        if isinstance(node, ast.Assign):
            target = node.targets[0]
            if isinstance(target, ast.Subscript):
                target = target.value
            names = [e.id for e in walk(target) if isinstance(e, ast.Name)]
            defs.append((names, node.value))
        elif isinstance(node, ast.Expr) and _append(node.value):       # stack.append(v)
            defs.append(([node.value.func.value.id], node.value.args[0]))
    found, changed = set(), True
    while changed:
        changed = False
        for names, value in defs:
            if set(names) - found and is_complex(value, found):
                found |= set(names)
                changed = True
    return found


def _append(call):
    return isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and \
        call.func.attr in ("append", "pop") and isinstance(call.func.value, ast.Name)


def is_complex(value, found):
    """Whether an expression of the intrinsic form may have a complex value."""
    if isinstance(value, ast.Constant):
        return isinstance(value.value, complex)
    if isinstance(value, ast.Name):
        return value.id in found
    if isinstance(value, (ast.List, ast.Tuple)) and not isinstance(getattr(value, "ctx", None),
                                                                   ast.Store):
        return any(is_complex(e, found) for e in value.elts)
    if is_atom(value):
        return False
    if _append(value):                                      # stack.pop()
        return value.func.value.id in found
    if isinstance(value, ast.Call) and not hasattr(value, "sct_op"):
        return False       # a user function: refused by ``check`` where it meets complexes
    rule = rules.lookup(op_key(value))
    if rule is not None and rule.complex == "complex":
        return True
    if rule is None or rule.complex in ("real", "imaginary") or \
            rule.kind == "nondiff" and not rule.name.endswith("_like"):
        return False
    args, keywords = operands(value)
    return any(is_complex(a, found) for a in args + list(keywords.values()))


def variant(rule, value, found):
    """The rule of operation ``value`` where its operand is complex (np.abs's is another)."""
    if found and rule is not None and rule.on_complex is not None:
        args, _ = operands(value)
        if args and is_complex(args[0], found):
            return rule.on_complex
    return rule


def check(fdef, found, source):
    """An SctError at the first operation with a complex operand that sct does not
    differentiate there, at a user function called with complex values, and at a return of a
    complex value (a function that returns one to its caller, too)."""
    if not found:
        return
    for node in walk(fdef):
        if isinstance(node, ast.Return) and is_complex(node.value, found):
            raise SctError.at(node, source, "the returned value may be complex; sct "
                              "differentiates real-valued functions",
                              "return np.real(...), np.imag(...) or np.abs(...) of it")
        if not isinstance(node, ast.Assign) or is_atom(node.value):
            continue
        value = node.value
        args, keywords = operands(value)
        if not any(is_complex(a, found) for a in args + list(keywords.values())):
            continue
        if isinstance(value, ast.Call) and hasattr(value, "sct_callee"):
            raise SctError.at(value, source, "complex values are passed to a user function; "
                              "sct differentiates complex values inside one function only",
                              "write the complex computation inside the function that returns "
                              "a real value")
        rule = rules.lookup(op_key(value))
        if rule is None or rule.kind == "nondiff":
            continue
        if rule.complex is None:
            raise SctError.at(value, source, f"'{rule.name}' is not supported on complex "
                              f"values", HINT)
        if rule.complex == "base" and is_complex(args[1], found):
            raise SctError.at(value, source, "a power with a complex exponent is not supported; "
                              "sct differentiates powers of a complex base with a real exponent",
                              "write np.exp(w * np.log(z)) for a complex exponent w")
