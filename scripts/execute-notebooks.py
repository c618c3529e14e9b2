# Executes notebooks in the tslab kernel from one Python process, two kernels at a time, for
# scripts/run-notebooks.mjs: one process instead of one nbconvert per notebook saves its start-up
# (about 0.6 s a notebook on the 2-core machine). Errors in cells are kept as outputs (the caller
# reports them by notebook and cell); a notebook that cannot run at all is reported on stderr.
#
# usage: execute-notebooks.py OUT_DIR LANES NOTEBOOK...
# prints one line a notebook, in the order given: "<file>\t<ok|failed>\t<seconds>"
# env HNB_NOTEBOOK_CWD: the kernels' working folder (default: each notebook's own folder)
import asyncio
import os
import sys
import time
import traceback



def opening_comment():
    lines = []
    with open(__file__, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                break
            lines.append(line[2:].rstrip("\n") if line.startswith("# ") else line[1:].rstrip("\n"))
    return "\n".join(lines)


async def execute(path, out_dir, lanes):
    # Imported here, so that --help answers with any Python.
    import nbformat
    from nbclient import NotebookClient

    try:
        # What nbconvert --execute does before writing: consecutive stream outputs merged into one.
        from nbconvert.preprocessors.coalescestreams import coalesce_streams
    except ImportError:
        coalesce_streams = None

    async with lanes:
        started = time.monotonic()
        try:
            nb = nbformat.read(path, as_version=4)
            client = NotebookClient(
                nb,
                kernel_name="tslab",
                timeout=600,
                allow_errors=True,
                # The kernel's working folder: the notebook's own, or HNB_NOTEBOOK_CWD (`pnpm notebook`
                # runs a copy in its --out folder, where the notebook's relative paths then point).
                resources={"metadata": {"path": os.environ.get("HNB_NOTEBOOK_CWD") or os.path.dirname(os.path.abspath(path))}},
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
    if len(sys.argv) < 4 or sys.argv[1] in ("--help", "-h"):
        asked = len(sys.argv) > 1 and sys.argv[1] in ("--help", "-h")
        print(opening_comment(), file=sys.stdout if asked else sys.stderr)
        sys.exit(0 if asked else 2)
    out_dir, lanes, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    semaphore = asyncio.Semaphore(max(1, lanes))
    for line in await asyncio.gather(*(execute(p, out_dir, semaphore) for p in paths)):
        print(line)


asyncio.run(main())
