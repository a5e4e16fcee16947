"""Generated modules that ship in the package are current.

The Makefile's ``generate`` recipe is the one list of them: each of its ``sct transform ... -o
OUT`` commands is rerun here (writing elsewhere) and must give OUT's committed text byte for
byte. After a change to sct or to a source module, ``make generate`` and read the diff.
"""
import pathlib
import shlex

import pytest
from click.testing import CliRunner

from sct.cli import main
from sct.program import HEADER

ROOT = pathlib.Path(__file__).resolve().parent.parent


def generate_commands():
    """The arguments of each ``sct`` command in the Makefile's ``generate`` recipe."""
    lines = (ROOT / "Makefile").read_text().replace("\\\n", " ").splitlines()
    start = lines.index("generate: $(STAMP)")
    commands = []
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        words = shlex.split(line)
        if words and words[0].endswith("/sct"):
            commands.append(words[1:])
    return commands


COMMANDS = generate_commands()


def test_recipe_lists_the_shipped_modules():
    outputs = [args[args.index("-o") + 1] for args in COMMANDS]
    assert "sct/mixture/loglik_grad.py" in outputs


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: args[args.index("-o") + 1])
def test_generated_module_is_current(args, tmp_path, monkeypatch):
    position = args.index("-o") + 1
    committed = ROOT / args[position]
    fresh = tmp_path / committed.name
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, args[:position] + [str(fresh)] + args[position + 1:])
    assert result.exit_code == 0, result.output
    text = committed.read_text()
    assert text.startswith(HEADER) and "Do not edit" in text.splitlines()[0]
    assert fresh.read_text() == text, f"{committed} is stale: run make generate"
