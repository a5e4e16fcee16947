"""The one place where generated names are made: temporaries, tangents, adjoints."""
import ast


def names_in(node):
    """Every identifier a tree binds or reads."""
    found, todo = set(), [node]
    while todo:
        sub = todo.pop()
        if isinstance(sub, ast.Name):
            found.add(sub.id)
        elif isinstance(sub, ast.arg):
            found.add(sub.arg)
        for field in sub._fields:
            v = getattr(sub, field, None)
            if isinstance(v, list):
                todo.extend(x for x in v if isinstance(x, ast.AST))
            elif isinstance(v, ast.AST):
                todo.append(v)
    return found


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
            name = f"w{self.count}"
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
