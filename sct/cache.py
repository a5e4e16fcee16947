"""The on-disk cache of generated modules.

A generated module is stored as ``<key>.py`` in the cache folder, where the key hashes the sct
version, the input file's path and text, and the options (mode, function, wrt).  Its first
lines record the hash of the module body and of every other source file the compilation read;
an entry whose body or dependencies do not match is regenerated, never executed, and what runs
is the text that was checked (compiled from it, or read from ``<key>.py.code``, the code object
marshalled beside it, only when that file names the hash of this very text and of its own bytes
and this Python's bytecode version: a warm import then costs no compilation).
Files are written to a temporary name and renamed, so concurrent writers never expose a
partial file.
If the folder cannot be written, the module is compiled in memory (one warning) and
registered with ``linecache`` so that tracebacks and ``inspect.getsource`` still work.

The folder is ``$SCT_CACHE_DIR`` if set, else the platform's cache folder
(``$XDG_CACHE_HOME/sct`` or ``~/.cache/sct`` on Linux, ``~/Library/Caches/sct`` on macOS,
``%LOCALAPPDATA%\\sct\\Cache`` on Windows).
"""
import hashlib
import importlib.util
import linecache
import marshal
import os
import sys
import tempfile
import warnings

from . import __version__

_loaded = {}
_warned = []


def directory():
    if os.environ.get("SCT_CACHE_DIR"):
        return os.environ["SCT_CACHE_DIR"]
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA", os.path.expanduser("~"))
        return os.path.join(base, "sct", "Cache")
    if sys.platform == "darwin":
        return os.path.expanduser("~/Library/Caches/sct")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return os.path.join(base, "sct")


def _digest(*parts):
    h = hashlib.sha256()
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _key(filename, text, key_parts):
    return _digest(__version__, os.path.abspath(filename), text, *key_parts)[:32]


def load(filename, text, key_parts):
    """(namespace, generated name, module text) from the cache, or None."""
    key = _key(filename, text, key_parts)
    if key in _loaded:
        return _loaded[key]
    path = os.path.join(directory(), key + ".py")
    try:
        with open(path, encoding="utf-8") as fh:
            content = fh.read()
    except (OSError, UnicodeDecodeError):
        return None
    header, _, body = content.partition("\n# end of sct cache header\n")
    fields = {}
    deps = []
    for line in header.splitlines():
        parts = line.split(" ", 3)
        if len(parts) >= 3 and parts[1] == "sct-cache:":
            fields[parts[2]] = parts[3] if len(parts) > 3 else ""
        elif len(parts) == 4 and parts[1] == "sct-dep:":
            deps.append((parts[2], parts[3]))
    if fields.get("body") != _digest(body) or "entry" not in fields:
        return None
    for digest, dep in deps:
        try:
            with open(dep, encoding="utf-8") as fh:
                if _digest(fh.read()) != digest:
                    return None
        except (OSError, ValueError):
            return None
    try:
        namespace = _import(path, key, content)
    except Exception:
        return None
    result = (namespace, fields["entry"], body)
    _loaded[key] = result
    return result


def store(filename, text, key_parts, module_text, entry, deps):
    """Write a generated module to the cache and load it."""
    key = _key(filename, text, key_parts)
    header = [f"# sct-cache: body {_digest(module_text)}", f"# sct-cache: entry {entry}"]
    for dep in deps:
        with open(dep, encoding="utf-8") as fh:
            header.append(f"# sct-dep: {_digest(fh.read())} {dep}")
    content = "\n".join(header) + "\n# end of sct cache header\n" + module_text
    folder = directory()
    path = os.path.join(folder, key + ".py")
    try:
        os.makedirs(folder, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".py")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(content)
            os.replace(temp, path)
        except BaseException:
            if os.path.exists(temp):
                os.unlink(temp)
            raise
        namespace = _import(path, key, content)
    except OSError as err:
        if not _warned:
            warnings.warn(f"sct: cannot write the cache folder {folder} ({err}); compiling "
                          f"in memory", RuntimeWarning, stacklevel=4)
            _warned.append(folder)
        namespace = _in_memory(content, key)
    result = (namespace, entry, module_text)
    _loaded[key] = result
    return result


def _import(path, key, content):
    """Run ``content``, the text just checked or written, as the module of file ``path``:
    not the file through the import system, whose bytecode cache (``__pycache__``) could hold
    code that was never checked."""
    namespace = {"__name__": f"sct_generated_{key}", "__file__": path}
    exec(_compiled(path, content), namespace)
    return namespace


def _compiled(path, content):
    """The code object of ``content``: read from ``<path>.code`` when that file says it was
    compiled from this very text by this Python's bytecode version and its bytes are intact
    (its first line holds the three hashes), else compiled now and stored there."""
    blob_path = path + ".code"
    stamp = f"{importlib.util.MAGIC_NUMBER.hex()} {_digest(content)}"
    try:
        with open(blob_path, "rb") as fh:
            head, _, blob = fh.read().partition(b"\n")
        if head.decode("ascii") == f"{stamp} {hashlib.sha256(blob).hexdigest()}":
            return marshal.loads(blob)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    code = compile(content, path, "exec")
    blob = marshal.dumps(code)
    try:
        fd, temp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-", suffix=".code")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(f"{stamp} {hashlib.sha256(blob).hexdigest()}\n".encode("ascii") + blob)
            os.replace(temp, blob_path)
        except BaseException:
            if os.path.exists(temp):
                os.unlink(temp)
            raise
    except OSError:
        pass                    # a read-only folder: compiled each time
    return code


def _in_memory(content, key):
    filename = f"<sct generated {key}>"
    linecache.cache[filename] = (len(content), None, content.splitlines(True), filename)
    namespace = {"__name__": f"sct_generated_{key}", "__file__": filename}
    exec(compile(content, filename, "exec"), namespace)
    return namespace
