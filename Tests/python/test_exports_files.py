"""Propel's CSV, JSON Lines and Parquet files against pandas and pyarrow, both ways.

`propel files sample DIR` writes one table in every format; pandas and pyarrow must read the same
values back from each. Then pyarrow writes files the way users' tools do (dictionary encoding, v2
pages, every codec, several row groups, nanosecond and millisecond timestamps, int32, float32) and
`propel files dump FILE` must read the same values.
"""
import datetime as dt
import json
import math
import os
import subprocess

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.json as pajson
import pyarrow.parquet as pq
import pytest

PROPEL = os.environ.get("PROPEL_BIN")
pytestmark = pytest.mark.skipif(not PROPEL, reason="PROPEL_BIN is not set (scripts/test sets it)")

UTC = dt.timezone.utc
COLUMNS = ["userId", "events", "propensity", "subscribed", "firstSeen"]
# The values FilesCommand.Sample.table holds (Sources/propel/FilesCommand.swift).
EXPECTED = [
    ["u1", 3, 0.25, True, dt.datetime(2025, 11, 22, 10, 24, 22, 283708, tzinfo=UTC)],
    ["u,2", -7, 1e-7, None, dt.datetime(1970, 1, 1, tzinfo=UTC)],
    ['say "hi"', None, 12345.678, True, dt.datetime(1969, 12, 31, 23, 59, 59, tzinfo=UTC)],
    ["two\nlines", 9_007_199_254_740_993, None, False, dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)],
    ["ünïcödé 😀", 12, -2.5, True, None],
]


def canonical(value):
    """One spelling per value, whatever library produced it: None for every kind of missing."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return canonical(value.item())
    return value


def rows_of(frame):
    if isinstance(frame, pa.Table):
        return [[canonical(r[c]) for c in frame.column_names] for r in frame.to_pylist()]
    return [[canonical(v) for v in row] for row in frame.itertuples(index=False, name=None)]


def expected_rows():
    return [[canonical(v) for v in row] for row in EXPECTED]


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    folder = tmp_path_factory.mktemp("samples")
    subprocess.run([PROPEL, "files", "sample", str(folder)], check=True)
    return folder


@pytest.mark.parametrize("compression", ["snappy", "gzip", "uncompressed"])
def test_parquet_reads_back_identically(samples, compression):
    path = samples / f"sample-{compression}.parquet"
    table = pq.read_table(path)
    assert table.schema.names == COLUMNS
    assert [str(t) for t in table.schema.types] == ["string", "int64", "double", "bool", "timestamp[us, tz=UTC]"]
    assert rows_of(table) == expected_rows()
    metadata = pq.ParquetFile(path).metadata
    assert metadata.row_group(0).column(0).compression == compression.upper().replace("UNCOMPRESSED", "UNCOMPRESSED")
    frame = pd.read_parquet(path, dtype_backend="pyarrow")
    assert list(frame.columns) == COLUMNS
    assert rows_of(frame) == expected_rows()


@pytest.mark.parametrize("compression", ["snappy", "gzip", "uncompressed"])
def test_dictionary_encoded_parquet_reads_back_identically(samples, compression):
    path = samples / f"repeated-{compression}.parquet"
    expected = [expected_rows()[i // 9 % 5] for i in range(100)] + [expected_rows()[i % 5] for i in range(100)]
    assert rows_of(pq.read_table(path)) == expected
    assert rows_of(pd.read_parquet(path, dtype_backend="pyarrow")) == expected
    group = pq.ParquetFile(path).metadata.row_group(0)
    dictionary = [group.column(i).path_in_schema for i in range(group.num_columns) if "RLE_DICTIONARY" in group.column(i).encodings]
    assert dictionary == ["userId", "events", "propensity", "firstSeen"]  # booleans stay bit-packed


def test_csv_reads_back_identically(samples):
    path = samples / "sample.csv"
    assert path.read_bytes().startswith(b"userId,events,propensity,subscribed,firstSeen\r\n")
    table = pacsv.read_csv(path, parse_options=pacsv.ParseOptions(newlines_in_values=True))
    assert table.schema.names == COLUMNS
    assert str(table.schema.field("events").type) == "int64"
    assert str(table.schema.field("subscribed").type) == "bool"
    assert rows_of(table) == expected_rows()
    frame = pd.read_csv(path, dtype={"events": "Int64", "subscribed": "boolean"}, parse_dates=["firstSeen"], date_format="ISO8601")
    assert rows_of(frame) == expected_rows()


def test_json_lines_read_back_identically(samples):
    path = samples / "sample.json"
    table = pajson.read_json(path)
    assert table.schema.names == COLUMNS
    assert rows_of(table.set_column(4, "firstSeen", pa.compute.cast(table["firstSeen"], pa.timestamp("us", tz="UTC")))) == expected_rows()
    # pandas' own JSON parser goes through float64 for an integer column with nulls (2**53 + 1
    # becomes 2**53), so pandas reads the file through its pyarrow engine.
    frame = pd.read_json(path, lines=True, engine="pyarrow", dtype_backend="pyarrow")
    frame["firstSeen"] = pd.to_datetime(frame["firstSeen"], utc=True, format="ISO8601")
    assert rows_of(frame) == expected_rows()


def dump(path):
    """The table `propel files dump` reads from `path`: (columns, types, rows)."""
    result = subprocess.run([PROPEL, "files", "dump", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = json.loads(lines[0])
    rows = [json.loads(line) for line in lines[1:]]
    return header["columns"], header["types"], [[row[c] for c in header["columns"]] for row in rows]


def iso(value):
    return None if value is None else dt.datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()


def pyarrow_table(timestamp_unit="us"):
    columns = list(zip(*EXPECTED))
    return pa.table({
        "userId": pa.array(columns[0], pa.string()),
        "events": pa.array(columns[1], pa.int64()),
        "propensity": pa.array(columns[2], pa.float64()),
        "subscribed": pa.array(columns[3], pa.bool_()),
        "firstSeen": pa.array(columns[4], pa.timestamp(timestamp_unit, tz="UTC")),
    })


@pytest.mark.parametrize("compression", ["snappy", "gzip", "none"])
@pytest.mark.parametrize("dictionary", [True, False])
@pytest.mark.parametrize("page_version", ["1.0", "2.0"])
def test_propel_reads_pyarrow_parquet(tmp_path, compression, dictionary, page_version):
    path = tmp_path / "part-00000.parquet"
    pq.write_table(pyarrow_table(), path, compression=compression, use_dictionary=dictionary,
                   data_page_version=page_version, row_group_size=2)
    columns, types, rows = dump(path)
    assert columns == COLUMNS
    assert types == ["String", "Int", "Double", "Bool", "Timestamp"]
    assert [[*r[:4], iso(r[4])] for r in rows] == expected_rows()


@pytest.mark.parametrize("unit", ["ms", "ns"])
def test_propel_reads_other_timestamp_units_and_narrow_types(tmp_path, unit):
    table = pyarrow_table(unit).append_column("small", pa.array([1, None, -3, 4, 5], pa.int32())) \
                               .append_column("ratio", pa.array([0.5, 1.5, None, 2.0, -1.0], pa.float32()))
    if unit == "ms":  # milliseconds cannot hold the first row's microseconds
        table = table.set_column(4, "firstSeen", pa.compute.cast(table["firstSeen"], pa.timestamp("ms", tz="UTC"), safe=False))
    path = tmp_path / "typed.parquet"
    pq.write_table(table, path)
    columns, types, rows = dump(path)
    assert types == ["String", "Int", "Double", "Bool", "Timestamp", "Int", "Double"]
    assert [r[5] for r in rows] == [1, None, -3, 4, 5]
    assert [r[6] for r in rows] == [0.5, 1.5, None, 2.0, -1.0]
    expected_times = [canonical(v) for v in table["firstSeen"].to_pylist()]
    assert [iso(r[4]) for r in rows] == expected_times


def test_propel_reads_pandas_default_parquet(tmp_path):
    frame = pd.DataFrame({"userId": ["a", "b", None], "prediction": [0.1, None, 0.9],
                          "when": pd.to_datetime(["2026-01-01", None, "2026-01-03 04:05:06.789"], utc=True, format="ISO8601")})
    path = tmp_path / "scores.parquet"
    frame.to_parquet(path)
    columns, types, rows = dump(path)
    assert columns == ["userId", "prediction", "when"]
    assert types == ["String", "Double", "Timestamp"]
    assert rows == [["a", 0.1, "2026-01-01T00:00:00Z"], ["b", None, None], [None, 0.9, "2026-01-03T04:05:06.789000Z"]]


def test_unsupported_codec_is_a_clear_error(tmp_path):
    path = tmp_path / "z.parquet"
    pq.write_table(pyarrow_table(), path, compression="zstd")
    result = subprocess.run([PROPEL, "files", "dump", str(path)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "ZSTD" in result.stderr and "z.parquet" in result.stderr
