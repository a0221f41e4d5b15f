"""Runs the featurization query of the pipeline benchmark in DuckDB and in pandas on the same
rows Propel generated (read from the workspace's platform.db), and prints the ratios to the
Propel figures in <workspace>/bench-figures.json.

usage: peers.py WORKSPACE
"""
import json
import sqlite3
import sys
import time

import duckdb
import numpy as np
import pandas as pd

COUNTS = [
    ("emailsReceived", "directMarketing.emailSent"),
    ("emailsOpened", "directMarketing.emailOpened"),
    ("emailsClicked", "directMarketing.emailClicked"),
    ("productsViewed", "commerce.productViews"),
    ("propositionInteracts", "decisioning.propositionInteract"),
    ("propositionDismissed", "decisioning.propositionDismiss"),
    ("webLinkClicks", "web.webinteraction.linkClicks"),
]
RECENCY = [
    ("minutes_since_emailSent", "directMarketing.emailSent"),
    ("minutes_since_emailOpened", "directMarketing.emailOpened"),
    ("minutes_since_emailClick", "directMarketing.emailClicked"),
    ("minutes_since_productView", "commerce.productViews"),
    ("minutes_since_propositionInteract", "decisioning.propositionInteract"),
    ("minutes_since_propositionDismiss", "decisioning.propositionDismiss"),
    ("minutes_since_linkClick", "web.webinteraction.linkClicks"),
]


def duckdb_query():
    w = "OVER (PARTITION BY userId ORDER BY timestamp ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
    counts = [f"SUM(CASE WHEN eventType = '{t}' THEN 1 ELSE 0 END) {w} AS {n}" for n, t in COUNTS]
    recency = [
        f"CAST(floor((epoch_us(timestamp) - epoch_us(max(CASE WHEN eventType = '{t}' THEN timestamp END) {w})) / 60e6) AS BIGINT) AS {n}"
        for n, t in RECENCY
    ]
    return f"""
    SELECT * FROM (
        SELECT userId, eventType, timestamp,
               SUM(CASE WHEN eventType = 'web.formFilledOut' THEN 1 ELSE 0 END) OVER (PARTITION BY userId) AS subscriptionOccurred,
               {", ".join(counts + recency)},
               row_number() OVER (PARTITION BY userId ORDER BY hash(42, _id)) AS random_row_number_for_user
        FROM events
    )
    WHERE (subscriptionOccurred = 1 AND eventType = 'web.formFilledOut')
       OR (subscriptionOccurred = 0 AND random_row_number_for_user = 1)
    ORDER BY timestamp, userId
    """


COOCCURRENCE = """
WITH spans AS (
    SELECT userId, eventType, MIN(timestamp) AS firstTime, MAX(timestamp) AS lastTime
    FROM events GROUP BY userId, eventType
),
firsts AS (SELECT eventType, COUNT(*) AS users FROM spans GROUP BY eventType)
SELECT a.eventType AS eventType_First, b.eventType AS eventType_Later, COUNT(*) AS users,
       COUNT(*) * 1.0 / f.users AS probability
FROM spans a
JOIN spans b ON a.userId = b.userId AND a.firstTime <= b.lastTime
JOIN firsts f ON f.eventType = a.eventType
GROUP BY a.eventType, b.eventType, f.users
ORDER BY a.eventType, b.eventType
"""


def pandas_featurize(events):
    df = events.sort_values(["userId", "timestamp"], kind="stable").reset_index(drop=True)
    groups = df.groupby("userId", sort=False)
    out = df[["userId", "eventType", "timestamp"]].copy()
    out["subscriptionOccurred"] = (df["eventType"] == "web.formFilledOut").astype(np.int64).groupby(df["userId"], sort=False).transform("sum")
    for name, t in COUNTS:
        out[name] = (df["eventType"] == t).astype(np.int64).groupby(df["userId"], sort=False).cumsum()
    for name, t in RECENCY:
        last = df["timestamp"].where(df["eventType"] == t)
        last = last.groupby(df["userId"], sort=False).ffill()
        out[name] = np.floor((df["timestamp"] - last).dt.total_seconds() / 60)
    keys = pd.util.hash_pandas_object(df["_id"], index=False).to_numpy()
    out["random_row_number_for_user"] = pd.Series(keys).groupby(df["userId"], sort=False).rank(method="first").astype(np.int64)
    keep = ((out["subscriptionOccurred"] == 1) & (out["eventType"] == "web.formFilledOut")) | (
        (out["subscriptionOccurred"] == 0) & (out["random_row_number_for_user"] == 1))
    del groups
    return out[keep].sort_values(["timestamp", "userId"])


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main():
    folder = sys.argv[1]
    figures = json.load(open(f"{folder}/bench-figures.json"))
    con = sqlite3.connect(f"{folder}/platform.db")
    events, load = timed(lambda: pd.read_sql_query("SELECT _id, userId, eventType, timestamp FROM events", con))
    events["timestamp"] = pd.to_datetime(events["timestamp"], format="%Y-%m-%dT%H:%M:%S.%fZ")
    print(f"  peers: loaded {len(events):,} events from platform.db into pandas in {load:.3f} s (not timed below)")

    duck = duckdb.connect()
    duck.register("events", events)
    duck.execute("SET threads TO 2")
    duck_rows, duck_seconds = timed(lambda: duck.execute(duckdb_query()).fetch_df())
    pandas_rows, pandas_seconds = timed(lambda: pandas_featurize(events))

    propel = figures.get("featurize_seconds")
    rows = figures.get("featurize_rows")
    print(f"  featurization              Propel          {propel:8.3f} s   {int(rows):,} rows")
    if "featurize_sql_seconds" in figures:
        print(f"                             Propel (SQL)    {figures['featurize_sql_seconds']:8.3f} s   (the window query in SQLite)")
    print(f"                             DuckDB          {duck_seconds:8.3f} s   {len(duck_rows):,} rows   Propel/DuckDB = {propel / duck_seconds:6.2f}x")
    print(f"                             pandas          {pandas_seconds:8.3f} s   {len(pandas_rows):,} rows   Propel/pandas = {propel / pandas_seconds:6.2f}x")
    if len(duck_rows) != rows or len(pandas_rows) != rows:
        print("  WARNING: peers returned a different number of rows than Propel")
        sys.exit(1)

    pairs, duck_pairs_seconds = timed(lambda: duck.execute(COOCCURRENCE).fetch_df())
    propel_pairs = figures.get("cooccurrence_seconds")
    print(f"  co-occurrence              Propel          {propel_pairs:8.3f} s   {len(pairs):,} pairs in DuckDB")
    if "cooccurrence_sql_seconds" in figures:
        print(f"                             Propel (SQL)    {figures['cooccurrence_sql_seconds']:8.3f} s   (the spans self-join in SQLite)")
    print(f"                             DuckDB          {duck_pairs_seconds:8.3f} s   Propel/DuckDB = {propel_pairs / duck_pairs_seconds:6.2f}x")

    ingest = figures.get("simulate_ingest_seconds")
    # pandas "ingest" peer: writing the same events table to a fresh SQLite file (to_sql).
    out = sqlite3.connect(":memory:")
    _, to_sql = timed(lambda: events.to_sql("events", out, index=False, chunksize=100_000))
    print(f"  ingestion peer: pandas.to_sql of the events into SQLite {to_sql:.3f} s "
          f"(Propel simulate + ingest of events and profiles: {ingest:.3f} s)")


if __name__ == "__main__":
    main()
