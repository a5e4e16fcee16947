"""Function values as sct knows them when it compiles (``lifting`` uses them): an
``Instance`` is one function as compiled (a module's def, a lifted nested def or lambda, a
specialisation), a ``Value`` what a name holding a function stands for (the instance and what
it carries: a closure's variables, functools.partial's arguments); which user function a name
or ``m.g`` is (``function_name``); the names a function binds and reads (``bound_names``,
``free_names``); and the specialisation of an instance for the functions and strings a call
gives it (``specialised``), made once per shape and named after them (``rk4__pendulum``).
"""
import ast
import copy
from dataclasses import dataclass, field

from . import rules
from .calls import canonical_module
from .ir import dotted_name
from .names import Namer, names_in
from .program import Module, Signature


@dataclass(eq=False)
class Instance:
    """One function as sct compiles it: a module's def, a nested def or lambda lifted out of
    its enclosing function, or either specialised for the functions it is given."""
    module: Module
    node: ast.AST                     # the FunctionDef or Lambda of the source
    name: str                         # its name in generated code
    signature: Signature
    env: dict = field(default_factory=dict)       # name -> Value: functions its names stand for
    strings: dict = field(default_factory=dict)   # parameter -> the string constant it holds
    label: str = None                 # the short name specialisations of others use

    def __post_init__(self):
        self.label = self.label or self.name

    def __deepcopy__(self, memo):
        return self          # one object per instance: copies of calls point at the same one


@dataclass(eq=False)
class Value:
    """A function value known when compiling: the instance it calls and what it carries, as
    expressions of the scope it is used in."""
    instance: Instance
    pos: tuple = ()          # functools.partial's leading arguments
    keywords: tuple = ()     # (name, expr): partial's keywords (a call may override them)
    free: tuple = ()         # (name, expr): a closure's variables, its hidden parameters
    defaults: tuple = ()     # (name, expr): defaults a nested def evaluated when defined
    label: str = None
    intrinsic: str = None    # or a function of the rule table (math.cos), canonically spelled

    def shape(self):
        """What a specialisation for this value depends on (not the expressions)."""
        return (self.intrinsic or self.instance.name, len(self.pos),
                tuple(k for k, _ in self.keywords), tuple(k for k, _ in self.free),
                tuple(k for k, _ in self.defaults))

    def expressions(self):
        return list(self.pos) + [e for part in (self.keywords, self.free, self.defaults)
                                 for _, e in part]


def function_name(module, resolver, dotted, local):
    """(module, name) of the user function ``dotted`` names in ``module`` (``g``, ``m.g``
    after ``import m``, ``g`` after ``from m import g``), or None: an intrinsic, a local
    (``local(head)``), or unknown (the checker says which)."""
    head = dotted.split(".")[0]
    if local(head):
        return None
    if "." not in dotted:
        if dotted in rules.HELPERS and module.is_prelude_copy(dotted):
            return None
        if dotted in module.defs:
            return module, dotted
        if dotted in rules.BUILTINS and dotted not in module.imported:
            return None
        full = module.imported.get(dotted)
    else:
        rest = dotted.partition(".")[2]
        if head in module.aliases:
            full = module.aliases[head] + "." + rest
        elif head in module.imported:
            full = module.imported[head] + "." + rest
        else:
            return None
    if full is None or canonical_module(full).split(".")[0] in rules.MODULES:
        return None
    mod_name, _, func_name = full.rpartition(".")
    if not mod_name or mod_name == "sct" or mod_name.startswith("sct."):
        return None
    imported = resolver.loader.import_module(mod_name, module.directory)
    if imported is not None and func_name not in imported.defs and \
            func_name in imported.imported:      # imported there in turn (sct/nested.py)
        return function_name(imported, resolver, func_name, lambda name: False)
    if imported is None or func_name not in imported.defs:
        return None
    return imported, func_name


def intrinsic_name(module, dotted, local):
    """The rule table's canonical name of the intrinsic ``dotted`` names in ``module``
    (``math.cos``, ``np.sin`` after ``import numpy as np``, ``abs``), or None."""
    head, _, rest = dotted.partition(".")
    if local(head):
        return None
    if not rest:
        full = module.imported.get(dotted) or (dotted if dotted in rules.BUILTINS and
                                                dotted not in module.defs else None)
    elif head in module.aliases:
        full = module.aliases[head] + "." + rest
    elif head in module.imported:
        full = module.imported[head] + "." + rest
    else:
        return None
    if full is None:
        return None
    name = rules.canonical(canonical_module(full))
    rule = rules.lookup(name)
    return name if rule is not None and name != "range" else None


def is_partial(module, node):
    """Whether ``node`` is a call of functools.partial."""
    if not isinstance(node, ast.Call):
        return False
    dotted = dotted_name(node.func) or ""
    head, _, rest = dotted.partition(".")
    full = module.aliases.get(head, "") + "." + rest if rest else module.imported.get(dotted)
    return full == "functools.partial"


def scoped(nodes):
    """The nodes of a function's body, not entering nested functions (whose defaults and
    decorators belong to this scope) or lambdas (whose defaults do)."""
    todo = list(reversed(nodes))
    while todo:
        node = todo.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inner = node.decorator_list + node.args.defaults + \
                [d for d in node.args.kw_defaults if d is not None]
        elif isinstance(node, ast.Lambda):
            inner = node.args.defaults + [d for d in node.args.kw_defaults if d is not None]
        else:
            inner = list(ast.iter_child_nodes(node))
        todo.extend(reversed(inner))


def body_of(node):
    return [node.body] if isinstance(node, ast.Lambda) else node.body


def _params(node):
    a = node.args
    return [x.arg for x in a.posonlyargs + a.args + a.kwonlyargs] + \
        [x.arg for x in (a.vararg, a.kwarg) if x is not None]


def bound_names(node):
    """The names a function binds: its parameters, what it assigns, the functions it
    defines (not what its nested functions bind)."""
    found = set(_params(node))
    for n in scoped(body_of(node)):
        if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
            found.add(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.add(n.name)
    return found


def free_names(node):
    """The names a function reads that it does not bind (nested functions' too), in the order
    they are first read."""
    found = []
    own = bound_names(node)
    for n in scoped(body_of(node)):
        inner = []
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
            inner = [n.id]
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            inner = free_names(n)
        found += [x for x in inner if x not in own and x not in found]
    return found


def callee_only(module):
    """The module's defs that take ``*args``, a string option (a string default) or a
    function (a parameter they call, or pass where another of them takes one): they are
    compiled where they are called, for what they are given."""
    found = {name for name, fdef in module.defs.items() if fdef.args.vararg is not None or
             any(isinstance(d, ast.Constant) and isinstance(d.value, str)
                 for d in fdef.args.defaults + fdef.args.kw_defaults)}
    called = {}
    for name, fdef in module.defs.items():
        params = _params(fdef)
        called[name] = {n.func.id for n in ast.walk(fdef) if isinstance(n, ast.Call)
                        and isinstance(n.func, ast.Name) and n.func.id in params}
    grown = True
    while grown:
        grown = False
        for name, fdef in module.defs.items():
            params = _params(fdef)
            for n in ast.walk(fdef):
                callee = module.defs.get(getattr(n.func, "id", None)) \
                    if isinstance(n, ast.Call) else None
                if callee is None:
                    continue
                passed = list(zip(_params(callee), n.args)) + [(k.arg, k.value)
                                                              for k in n.keywords]
                for p, arg in passed:
                    if isinstance(arg, ast.Name) and arg.id in params and \
                            p in called[callee.name] and arg.id not in called[name]:
                        called[name].add(arg.id)
                        grown = True
    return found | {name for name, params in called.items() if params}


def specialised(resolver, base, functions, strings):
    """The specialisation of ``base`` for ``functions`` ({parameter: Value}) and ``strings``
    ({parameter: str}), made once per shape; and {hidden parameter: expression} for this
    call."""
    key = (base.name, tuple((p, v.shape(), _strings(v)) for p, v in sorted(functions.items())),
           tuple(sorted(strings.items())))
    taken = names_in(base.node) | set(base.signature.params)
    namer = Namer(taken)
    hidden, env, extra = [], dict(base.env), {}
    for p, value in sorted(functions.items(), key=lambda item: base.signature.params.index(
            item[0])):
        def held(expr, base):       # a hidden parameter, or a string constant kept as it is
            if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
                return copy.deepcopy(expr)
            name = namer.fresh(base)
            hidden.append(name)
            extra[name] = copy.deepcopy(expr)
            return ast.Name(name, ast.Load())
        pos = tuple(held(e, f"{p}_{i + 1}") for i, e in enumerate(value.pos))
        parts = [tuple((k, held(e, f"{p}_{k}")) for k, e in part)
                 for part in (value.keywords, value.free, value.defaults)]
        env[p] = Value(value.instance, pos, *parts, value.label, value.intrinsic)
    if key in resolver.specialisations:
        return resolver.specialisations[key], extra
    sig = base.signature
    removed = set(functions) | set(strings)
    signature = Signature([p for p in sig.positional if p not in removed], sig.vararg,
                          [p for p in sig.kwonly if p not in removed],
                          {p: d for p, d in sig.defaults.items() if p not in removed},
                          sig.hidden + hidden, sig.posonly)
    labels = [functions[p].label + "".join("_" + _identifier(t) for _, t in _strings(functions[p]))
              for p in sorted(functions, key=sig.params.index)] + \
        [_identifier(strings[p]) for p in sorted(strings, key=sig.params.index)]
    name = resolver.fresh(base.module, "__".join([base.name] + labels))
    inst = Instance(base.module, base.node, name, signature, env,
                    {**base.strings, **strings}, base.label)
    resolver.add(inst)
    resolver.specialisations[key] = inst
    return inst, extra


def _strings(value):
    """The string constants a function value carries, where they are (they specialise)."""
    return tuple((i, e.value) for i, e in enumerate(value.expressions())
                 if isinstance(e, ast.Constant) and isinstance(e.value, str))


def _identifier(text):
    cleaned = "".join(c if c.isalnum() else "_" for c in text).strip("_")
    return cleaned if cleaned and cleaned.isascii() else "s"
