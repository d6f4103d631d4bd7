#!/usr/bin/env python3
"""Tag a JSONL corpus with gazetag on Dask (dask.distributed).

    python examples/dask_tag.py INPUT... OUTPUT_DIR \\
        --gazetag target/release/gazetag --gazetteer default.gazc \\
        [--scheduler tcp://HOST:8786 | --workers 2]

INPUT is one or more JSONL files or globs (``.gz`` is read transparently);
OUTPUT_DIR receives ``part-NNNNN.jsonl``, one per partition: one gazetag
``--format jsonl`` line per input line, in input order (an unreadable line
becomes an ``{"id": ..., "line": N, "error": ...}`` record, where N counts
lines within the partition). By default each file is one partition;
``--blocksize 64MiB`` splits large uncompressed files.

Without ``--scheduler`` the job starts a LocalCluster bound to 127.0.0.1
(``--workers`` processes, one thread each, no dashboard). The binary and the
compiled gazetteer (``gazetag compile -o FILE``) are sent to every worker
with ``Client.upload_file(..., load=False)``, which puts them in the
worker's local directory. Each partition is piped through one gazetag
process with ``RAYON_NUM_THREADS`` = ``--task-threads`` (default 1): a
worker runs one task per thread at once, so a task's share of a worker
started with one thread per core is one core. A non-zero gazetag exit (a corrupt gazetteer
exits 2) raises ``CalledProcessError`` in the task, the computation fails
and this script exits 1.
"""

import argparse
import os
import subprocess
import sys


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="JSONL files or globs (.gz ok)")
    p.add_argument("output", metavar="OUTPUT_DIR", help="directory for the results")
    p.add_argument("--gazetag", required=True, help="the gazetag binary (Linux x86-64, glibc)")
    p.add_argument("--gazetteer", required=True, help="a compiled gazetteer from `gazetag compile -o FILE`")
    p.add_argument("--scheduler", default=None, help="address of a running scheduler (default: a LocalCluster)")
    p.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    p.add_argument(
        "--task-threads",
        type=int,
        default=1,
        help="threads for each gazetag process (RAYON_NUM_THREADS; default 1)",
    )
    p.add_argument(
        "--blocksize",
        default=None,
        help="split uncompressed files into blocks of this size, e.g. 64MiB (default: one partition per file)",
    )
    return p.parse_args(argv)


def tag_partition(lines, binary_name, gazetteer_name, threads):
    """Run on a worker: one partition (a list of lines) through gazetag."""
    from distributed import get_worker

    worker = get_worker()
    binary = os.path.join(worker.local_directory, binary_name)
    gazetteer = os.path.join(worker.local_directory, gazetteer_name)
    if not os.access(binary, os.X_OK):
        os.chmod(binary, 0o755)
    # Lines keep their newline from read_text; surrogateescape gives back
    # the original bytes, so gazetag sees exactly what the file holds.
    data = b"".join(
        (line if line.endswith("\n") else line + "\n").encode("utf-8", "surrogateescape") for line in lines
    )
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    cmd = [binary, "tag", "-q", "--input-format", "jsonl", "--format", "jsonl", "--gazetteer", gazetteer, "-"]
    # check=True: a non-zero exit raises and fails the task.
    out = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, env=env, check=True).stdout
    return out.decode("utf-8").splitlines()


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    for path in (args.gazetag, args.gazetteer):
        if not os.path.isfile(path):
            sys.exit(f"dask_tag.py: {path}: no such file")
    if os.path.isdir(args.output) and os.listdir(args.output):
        sys.exit(f"dask_tag.py: {args.output} is not empty (results would mix with old ones)")

    import dask.bag as db
    from distributed import Client, LocalCluster

    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        client.upload_file(args.gazetag, load=False)
        client.upload_file(args.gazetteer, load=False)
        lines = db.read_text(
            args.inputs,
            blocksize=args.blocksize,
            compression="infer",
            # Lines end at "\n" only, as in gazetag (not at a lone "\r").
            linedelimiter="\n",
            encoding="utf-8",
            errors="surrogateescape",
        )
        tagged = lines.map_partitions(
            tag_partition, os.path.basename(args.gazetag), os.path.basename(args.gazetteer), args.task_threads
        )
        os.makedirs(args.output, exist_ok=True)
        tagged.to_textfiles(
            os.path.join(args.output, "part-*.jsonl"),
            name_function=lambda i: f"{i:05d}",
            encoding="utf-8",
            last_endline=True,
        )
    except Exception as e:
        print(f"dask_tag.py: the job failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
