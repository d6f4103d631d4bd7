#!/usr/bin/env python3
"""Tag a JSONL corpus with gazetag on Apache Spark (PySpark 4.x).

    python examples/spark_tag.py INPUT... OUTPUT_DIR \\
        --gazetag target/release/gazetag --gazetteer default.gazc [--master local[2]]

INPUT is one or more JSONL files, directories or globs (``.gz`` is read
transparently); OUTPUT_DIR must not exist and receives Spark's
``part-NNNNN`` files: one gazetag ``--format jsonl`` line per input line,
partition by partition in input order (an unreadable line becomes an
``{"id": ..., "line": N, "error": ...}`` record, where N counts lines within
the partition).

The binary and the compiled gazetteer (``gazetag compile -o FILE``) are
shipped to every executor with ``SparkContext.addFile`` and found there with
``SparkFiles.get``. Each partition is streamed through one gazetag process,
exactly as ``rdd.pipe(cmd, checkCode=True)`` does, except that the command
is built on the executor: ``rdd.pipe`` fixes its command line on the driver,
where the executor's copy of the files has no known path (in local mode the
files sit in a temporary directory that is not the worker's working
directory). A non-zero gazetag exit (a corrupt gazetteer exits 2) fails the
task, then the job, and this script exits 1.

Each gazetag process gets ``RAYON_NUM_THREADS`` = ``spark.task.cpus``
(default 1), so one task uses its share of the executor's cores.

With ``spark-submit``, pass the same arguments after the script; ``--master``
is then taken from spark-submit unless given here.
"""

import argparse
import os
import subprocess
import sys
import threading


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="JSONL files, directories or globs (.gz ok)")
    p.add_argument("output", metavar="OUTPUT_DIR", help="directory to create for the results")
    p.add_argument("--gazetag", required=True, help="the gazetag binary (Linux x86-64, glibc)")
    p.add_argument("--gazetteer", required=True, help="a compiled gazetteer from `gazetag compile -o FILE`")
    p.add_argument("--master", default=None, help="Spark master URL (default: spark-submit's, else local[*])")
    p.add_argument(
        "--partitions",
        type=int,
        default=None,
        help="minimum number of input partitions (default: Spark's; a .gz file is always one)",
    )
    p.add_argument(
        "--conf",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a Spark setting, repeatable (e.g. spark.ui.enabled=false)",
    )
    return p.parse_args(argv)


def tag_partition(binary_name, gazetteer_name, threads):
    """The per-partition function, run on the executors."""

    def run(lines):
        from pyspark import SparkFiles

        binary = SparkFiles.get(binary_name)
        gazetteer = SparkFiles.get(gazetteer_name)
        # addFile keeps the bytes but not always the mode bits.
        if not os.access(binary, os.X_OK):
            os.chmod(binary, 0o755)
        cmd = [binary, "tag", "-q", "--input-format", "jsonl", "--format", "jsonl",
               "--gazetteer", gazetteer, "-"]
        env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)

        # A writer thread, so that a large partition cannot deadlock on
        # full pipes (gazetag writes while it reads).
        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
            except BrokenPipeError:
                pass  # gazetag died; its exit status says why
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for out in proc.stdout:
            yield out.rstrip(b"\n").decode("utf-8")
        writer.join()
        code = proc.wait()
        if code != 0:
            raise RuntimeError(f"gazetag exited {code}: {' '.join(cmd)} (its stderr is in the executor log)")

    return run


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    for path in (args.gazetag, args.gazetteer):
        if not os.path.isfile(path):
            sys.exit(f"spark_tag.py: {path}: no such file")

    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setAppName("gazetag")
    # Records end at "\n" only, as in gazetag; Hadoop's default also ends
    # them at a lone "\r".
    conf.set("spark.hadoop.textinputformat.record.delimiter", "\n")
    for kv in args.conf:
        key, sep, value = kv.partition("=")
        if not sep:
            sys.exit(f"spark_tag.py: --conf {kv}: expected KEY=VALUE")
        conf.set(key, value)
    if args.master:
        conf.setMaster(args.master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ and not conf.contains("spark.master"):
        # Started with python, not spark-submit (which sets the master).
        conf.setMaster("local[*]")
    sc = SparkContext(conf=conf)
    try:
        sc.addFile(os.path.abspath(args.gazetag))
        sc.addFile(os.path.abspath(args.gazetteer))
        threads = int(sc.getConf().get("spark.task.cpus", "1"))
        text = sc.textFile(",".join(args.inputs), minPartitions=args.partitions)
        tagged = text.mapPartitions(
            tag_partition(os.path.basename(args.gazetag), os.path.basename(args.gazetteer), threads)
        )
        tagged.saveAsTextFile(args.output)
    except Exception as e:  # a failed task surfaces here as a Py4J error
        print(f"spark_tag.py: the job failed: {str(e).splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        sc.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
