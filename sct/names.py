"""The one place where generated names are made: temporaries, tangents, adjoints, and the
vocabulary of the names sct's code holds (each made fresh: ``stack2`` where the user has a
``stack``)."""
import ast

TEMPORARY = "w"          # w1, w2, ...: one per operation's result (decompose, the passes)
STACK = "stack"          # the values the forward sweep saves for the reverse sweep
COMPLEX_STACK = "complex_stack"      # and its complex ones
SEED = "b_out"           # the output adjoint an adjoint function takes
COUNT = "count"          # a loop's trip count, for the reverse sweep's replay
TAPE = "tape"            # a caller's stack, where a callee's recording forward sweep pushes
PASS = "k"               # the replay's loop variable for a while loop
VALUE = "value"          # the value an adjoint returns, taken before the restores
PASSED = "passed_"       # + a parameter: the value it was passed, for its adjoint's shape
RETURNED, DONE, BREAK, CONTINUE = "ret", "done", "brk", "cont"    # normalize's flags
CHECK = "_sct_check"     # the value check a generated gradient calls
STRUCTURED = "_sct_structured"   # a generated gradient's adjoints in its arguments' structure


def names_of(node, loads_only=False, args=False):
    """The identifiers of the names in a tree (``ast.walk``, twice as fast): all of them, or
    only those read (``loads_only``); with ``args``, a function's parameters too."""
    found, todo = set(), [node]
    while todo:
        n = todo.pop()
        if type(n) is ast.Name:
            if not loads_only or type(n.ctx) is ast.Load:
                found.add(n.id)
            continue
        if args and type(n) is ast.arg:
            found.add(n.arg)
        for field in n._fields:
            v = getattr(n, field, None)
            if type(v) is list:
                todo.extend(x for x in v if isinstance(x, ast.AST))
            elif isinstance(v, ast.AST):
                todo.append(v)
    return found


def names_bound(stmts):
    """The identifiers statements bind (assignment and loop targets)."""
    return {n.id for s in stmts for n in ast.walk(s)
            if type(n) is ast.Name and type(n.ctx) is ast.Store}


def names_in(node):
    """Every identifier a tree binds or reads."""
    return names_of(node, args=True)


class Namer:
    """Fresh names for one generated function, never clashing with the names it holds."""

    def __init__(self, taken):
        self.taken = set(taken)
        self.count = 0
        self.made = set()

    def temp(self):
        """The next temporary: w1, w2, ..."""
        while True:
            self.count += 1
            name = f"{TEMPORARY}{self.count}"
            if name not in self.taken:
                self.taken.add(name)
                self.made.add(name)
                return name

    def fresh(self, base):
        name, n = base, 1
        while name in self.taken:
            n += 1
            name = f"{base}{n}"
        self.taken.add(name)
        return name


def prefix_for(names, first):
    """A prefix p ('d', 'd_', 'd__' ...) such that p + name clashes with none of ``names``."""
    prefix = first
    while any(prefix + n in names for n in names):
        prefix += "_"
    return prefix


def temporaries(*namers_and_prefix):
    """The compiler's temporaries of a generated function, as its namers made them (``w1``...;
    never a user's own ``w1``), and their derivatives (the prefix, ``d`` or ``b_``, + each)."""
    *namers, prefix = namers_and_prefix
    made = set().union(*[n.made for n in namers])
    return made | {prefix + n for n in made}
