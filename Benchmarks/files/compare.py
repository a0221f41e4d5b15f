"""Propel's file writers and readers against pandas and pyarrow on the same table, same run."""
import argparse
import json
import shutil
import subprocess
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq


def timed(body):
    start = time.perf_counter()
    value = body()
    return value, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", required=True)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    out = subprocess.run([args.bench, "files"] + (["--smoke"] if args.smoke else []), check=True,
                         capture_output=True, text=True).stdout
    ours = json.loads(out)
    folder = Path(ours["folder"])
    try:
        arrow = pq.read_table(folder / "parquet-snappy.parquet")
        frame = arrow.to_pandas()
        peers = {
            "csv": (lambda p: frame.to_csv(p, index=False), lambda p: pd.read_csv(p), "pandas"),
            "json": (lambda p: frame.to_json(p, orient="records", lines=True, date_format="iso"),
                     lambda p: pd.read_json(p, lines=True), "pandas"),
            "parquet-snappy": (lambda p: pq.write_table(arrow, p, compression="snappy"), lambda p: pq.read_table(p), "pyarrow"),
            "parquet-gzip": (lambda p: pq.write_table(arrow, p, compression="gzip"), lambda p: pq.read_table(p), "pyarrow"),
        }
        print(f"files: {ours['rows']:,} rows × 7 columns (events-shaped), seconds (lower is better)")
        print(f"{'format':<16}{'propel write':>13}{'peer write':>12}{'ratio':>8}{'propel read':>13}{'peer read':>11}{'ratio':>8}"
              f"{'propel MB':>11}{'peer MB':>9}  peer")
        for name, (write, read, peer) in peers.items():
            path = folder / f"peer-{name}"
            _, peer_write = timed(lambda: write(path))
            _, peer_read = timed(lambda: read(path))
            mine = ours[name]
            print(f"{name:<16}{mine['writeSeconds']:>13.3f}{peer_write:>12.3f}{mine['writeSeconds'] / peer_write:>8.2f}"
                  f"{mine['readSeconds']:>13.3f}{peer_read:>11.3f}{mine['readSeconds'] / peer_read:>8.2f}"
                  f"{mine['bytes'] / 1e6:>11.1f}{path.stat().st_size / 1e6:>9.1f}  {peer}")
        print("ratio = propel / peer (below 1: Propel is faster)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
