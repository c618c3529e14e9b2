# Executes notebooks in the tslab kernel from one Python process, two kernels at a time, for
# scripts/run-notebooks.mjs: one process instead of one nbconvert per notebook saves its start-up
# (about 0.6 s a notebook on the 2-core machine). Errors in cells are kept as outputs (the caller
# reports them by notebook and cell); a notebook that cannot run at all is reported on stderr.
#
# usage: execute-notebooks.py OUT_DIR LANES NOTEBOOK...
# prints one line a notebook, in the order given: "<file>\t<ok|failed>\t<seconds>"
import asyncio
import os
import sys
import time
import traceback

import nbformat
from nbclient import NotebookClient

try:
    # What nbconvert --execute does before writing: consecutive stream outputs merged into one.
    from nbconvert.preprocessors.coalescestreams import coalesce_streams
except ImportError:
    coalesce_streams = None


async def execute(path, out_dir, lanes):
    async with lanes:
        started = time.monotonic()
        try:
            nb = nbformat.read(path, as_version=4)
            client = NotebookClient(
                nb,
                kernel_name="tslab",
                timeout=600,
                allow_errors=True,
                resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
            )
            await client.async_execute()
            if coalesce_streams is not None:
                nb, _ = coalesce_streams(nb, {})
            nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
            status = "ok"
        except Exception:
            print(f"{os.path.basename(path)}: {traceback.format_exc()}", file=sys.stderr)
            status = "failed"
        return f"{os.path.basename(path)}\t{status}\t{time.monotonic() - started:.1f}"


async def main():
    out_dir, lanes, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    semaphore = asyncio.Semaphore(max(1, lanes))
    for line in await asyncio.gather(*(execute(p, out_dir, semaphore) for p in paths)):
        print(line)


asyncio.run(main())
