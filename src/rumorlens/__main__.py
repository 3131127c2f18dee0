"""``python -m rumorlens``: the ``rumorlens`` command, for when the script
is not on PATH."""
from .cli import main

# the guard: a worker process started by spawn (the dask engine) imports this
# module again, as __mp_main__, and must not run the command a second time
if __name__ == "__main__":
    main(prog_name="rumorlens")
