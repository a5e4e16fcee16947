"""Derivatives of methods: of a bound method (``sct.grad(obj.loss)``), a static or class
method, and what sct's decorators make of a method in a class body.  The method is lowered to a
module-level function by the frontend (sct/methods.py); this module finds that function, checks
at each call that the instance still means what its class's source says, and calls the
function's derivative with the instance first.  ``derivative_of_method(f, wrt, make)`` is what
the public API (sct/api.py, sct/higher.py) asks first; ``make(function, wrt)`` is the API
function that compiles a plain function."""
import functools
import inspect
import os
import types

from .errors import SctError, public
from .frontend import read_module
from .sources import command_lines, function_source, registered_lines


class _MethodDerivative:
    """What a decorator of sct (``@sct.grad``) makes of a method in a class body, and what
    ``sct.grad(Model.loss)`` gives: read through an instance (``obj.loss(x)``), the derivative
    of the bound method, with respect to its explicit parameters unless ``wrt`` names
    ``"self"``; called on the class (``Model.loss(obj, x)``), the same with the instance
    first.  Compiled at the first use, once per class of the instances it is used with."""

    def __init__(self, func, make, wrt):
        self.func, self.make, self.wrt = func, make, wrt
        self.compiled = {}
        functools.update_wrapper(self, func)

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        call = self._for(obj)

        def bound(*args, **kwargs):
            return call(obj, *args, **kwargs)
        bound.__name__ = bound.__qualname__ = self.func.__name__
        bound.__sct_source__ = call.__sct_source__
        return bound

    def __call__(self, obj, *args, **kwargs):
        return self._for(obj)(obj, *args, **kwargs)

    def _for(self, obj):
        cls = type(obj)
        if cls not in self.compiled:
            try:
                self.compiled[cls] = _method_derivative(types.MethodType(self.func, obj),
                                                         self.wrt, self.make, unbound=True)
            except SctError as err:
                raise public(err)
        return self.compiled[cls]


def derivative_of_method(f, wrt, make):
    """The derivative of a method (``make(function, wrt)`` applied to the method lowered to a
    function, sct/methods.py), or None if f is not one; a derivative called like f."""
    if inspect.ismethod(f) and isinstance(f.__func__, types.FunctionType):
        return _method_derivative(f, wrt, make)
    if isinstance(f, property) and isinstance(f.fget, types.FunctionType):
        code = f.fget.__code__
        raise SctError(f"'{f.fget.__qualname__}' is a property: sct differentiates functions "
                       f"and methods", code.co_filename, code.co_firstlineno,
                       hint="write it as a method and differentiate that (sct.grad(obj.m))")
    if not isinstance(f, types.FunctionType) or "<locals>" in f.__qualname__ or \
            f.__qualname__.count(".") != 1:
        return None
    owner, name = f.__qualname__.split(".")
    lowered, kind, module = _lowered(f, owner, name)
    if kind == "staticmethod":
        cls = f.__globals__.get(owner)
        functions = _class_functions(f, cls, module) if isinstance(cls, type) else {}
        return make(_proxy(f, lowered, functions), wrt)
    if kind == "method":
        return _MethodDerivative(f, make, wrt)
    raise SctError(f"'{f.__qualname__}' is a class method: differentiate it bound to its "
                   f"class", f.__code__.co_filename, f.__code__.co_firstlineno,
                   hint=f"pass {owner}.{name} as read from the class, not its function")


def _lowered(func, owner, name):
    """The name sct gives method ``name`` of class ``owner`` of func's file, and its kind."""
    found = _method_source(func)
    module = read_module(found.text, found.filename)
    lowered = module.methods.get((owner, name))
    if lowered is None:
        raise SctError(f"'{owner}.{name}' is not a method sct can read: '{owner}' must be a "
                       f"class defined at the top level of {os.path.basename(found.filename)} "
                       f"with '{name}' a plain, static or class method", found.filename,
                       func.__code__.co_firstlineno,
                       hint="define the class at module level (properties and other "
                            "decorators are not read)")
    return lowered, module.defs[lowered].sct_method[2], module


def _method_source(func):
    """The file a method's class is read from: a ``.py`` file (not a notebook's cell nor text
    given to exec, whose classes sct does not read yet)."""
    filename = func.__code__.co_filename
    if registered_lines(filename) is not None or filename == "<string>" and command_lines():
        raise SctError(f"'{func.__qualname__}' is a method of a class defined in a notebook cell "
                       f"or in text given to exec ({filename}): sct reads methods of classes "
                       f"in .py files only", filename, func.__code__.co_firstlineno,
                       hint="move the class into a .py module and import it")
    return function_source(_proxy(func, func.__name__))     # its file, read as a function's


def _class_functions(func, cls, module):
    """{lowered name: the function that runs} of every method of ``cls`` sct lowered, for
    ``sources.running``: a method edited after import (or replaced on the class) is then
    refused as an edited function; an SctError where the class holds something else than
    the source says."""
    found = {}
    for (owner, name), lowered in module.methods.items():
        if owner != cls.__name__:
            continue
        member = inspect.getattr_static(cls, name, None)
        member = getattr(member, "__func__", getattr(member, "func", member))
        if not isinstance(member, types.FunctionType):
            raise SctError(f"'{cls.__name__}.{name}' is not the function its source defines "
                           f"(it is {type(member).__name__!s})", func.__code__.co_filename,
                           func.__code__.co_firstlineno,
                           hint="differentiate the class as its source defines it")
        found[lowered] = member
    return found


def _proxy(func, name, functions=None):
    """func's code as a module-level function named ``name`` (a method lowered by sct)."""
    proxy = types.FunctionType(func.__code__, func.__globals__, name, func.__defaults__,
                               func.__closure__)
    proxy.__kwdefaults__ = func.__kwdefaults__
    proxy.__qualname__ = name
    proxy.__sct_methods__ = functions or {}
    return proxy


def _method_derivative(f, wrt, make, unbound=False):
    obj, func = f.__self__, f.__func__
    cls = obj if isinstance(obj, type) else type(obj)
    where = (func.__code__.co_filename, func.__code__.co_firstlineno)
    _method_source(func)                                  # an SctError if it cannot be read
    if cls.__module__ != func.__module__ or "." in cls.__qualname__:
        raise SctError(f"'{func.__qualname__}' is a method of an instance of '{cls.__qualname__}'"
                       f", a class that is not defined at the top level of the method's file",
                       *where, hint="define the class at module level, in the file of its "
                                    "methods")
    lowered, kind, module = _lowered(func, cls.__name__, func.__name__)
    functions = _class_functions(func, cls, module)
    methods = {m for c, m in module.methods if c == cls.__name__}
    constants = {}                  # class attributes the lowered methods read as constants
    for (c, _), name in module.methods.items():
        if c == cls.__name__:
            constants.update(module.defs[name].sct_constants)

    def not_hidden(instance):       # at each call: Python would call the attribute
        if isinstance(instance, type) or not hasattr(instance, "__dict__"):
            return
        shadowed = sorted(set(instance.__dict__) & methods)
        if shadowed:
            raise SctError(f"the instance's attribute '{shadowed[0]}' hides the method of that "
                           f"name of '{cls.__name__}', which sct calls", *where,
                           hint="rename the attribute or the method")
        for name, value in constants.items():
            now = instance.__dict__.get(name, getattr(type(instance), name, None))
            if type(now) is not type(value) or now != value:
                raise SctError(f"'{name}' is {value!r} in the source of class "
                               f"'{cls.__name__}', which sct read as a constant, but "
                               f"{now!r} for this instance", *where,
                               hint=f"set it in __init__ (self.{name} = ...) to change it "
                                    f"per instance")
    not_hidden(obj)
    if (kind == "classmethod") != isinstance(obj, type):
        raise SctError(f"'{func.__qualname__}' is a {kind} read through "
                       f"{'its class' if isinstance(obj, type) else 'an instance'}", *where,
                       hint="read a class method through its class")
    params = list(inspect.signature(func).parameters)
    first, explicit = params[0], params[1:]
    if wrt is None:
        if not explicit:
            raise SctError(f"'{func.__qualname__}' has no parameter but '{first}'", *where,
                           hint="pass wrt='self' for the gradient with respect to the instance")
        full = explicit[0] if len(explicit) == 1 else tuple(explicit)
    else:
        items = wrt if isinstance(wrt, (tuple, list)) else (wrt,)
        out = []
        for item in items:
            if item == "self" and kind == "method":
                out.append(first)
            elif isinstance(item, int) and not isinstance(item, bool):
                if not -len(explicit) <= item < len(explicit):
                    raise SctError(f"'{func.__qualname__}' has no parameter number {item} "
                                   f"(it has {len(explicit)} besides '{first}': "
                                   f"{', '.join(explicit) or 'none'})", *where,
                                   hint="count the parameters after self from 0, or name "
                                        "them ('self' for the instance)")
                out.append(explicit[item])
            elif item == first and kind == "classmethod":
                raise SctError(f"'{first}' of a class method is a class, not a value", *where,
                               hint="differentiate with respect to its other parameters")
            else:
                out.append(item)
        full = tuple(out) if isinstance(wrt, (tuple, list)) else out[0]
    derivative = make(_proxy(func, lowered, functions), full)
    if unbound:
        def call(instance, *args, **kwargs):
            not_hidden(instance)
            return derivative(instance, *args, **kwargs)
        call.__sct_source__ = getattr(derivative, "__sct_source__", None)
        return call

    def bound(*args, **kwargs):
        not_hidden(obj)
        return derivative(obj, *args, **kwargs)
    bound.__name__ = bound.__qualname__ = getattr(derivative, "__name__", func.__name__)
    bound.__doc__ = getattr(derivative, "__doc__", None)
    bound.__sct_source__ = getattr(derivative, "__sct_source__", None)
    bound.__wrapped_primal__ = f
    return bound
