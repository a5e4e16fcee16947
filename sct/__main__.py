"""``python -m sct``: the command line (see ``sct.cli``)."""
from .cli import main

if __name__ == "__main__":
    main(prog_name="sct")
