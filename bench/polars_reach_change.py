#!/usr/bin/env python3
"""Reach and paired change of a tides programme folder with Polars, for `npm run bench` only.

Not part of the package, and the tests do not need it. It does the core of what `tides analyse`
does, without validating a row or protecting a count: people and episodes by partner, and for
each partner and measure the earliest baseline and latest follow-up of each episode, paired and
averaged. A WEMWBS record's score is the sum of its items when its score cell is empty.

Usage: python3 bench/polars_reach_change.py FOLDER
"""
import sys

import polars as pl

root = sys.argv[1]
KEYS = ["participant_id", "partner_id", "measure"]


def collect(frame: pl.LazyFrame) -> pl.DataFrame:
    """Collects with the streaming engine (its name changed across Polars versions)."""
    try:
        return frame.collect(engine="streaming")
    except TypeError:
        return frame.collect(streaming=True)


people = pl.scan_csv(f"{root}/*/participants.csv", infer_schema_length=0)
reach = collect(
    people.group_by("partner_id").agg(
        pl.len().alias("episodes"), pl.col("participant_id").n_unique().alias("people")
    )
)
everyone = collect(people.select(pl.col("participant_id").n_unique())).item()

items = [pl.col(f"item_{i}").cast(pl.Float64, strict=False) for i in range(1, 15)]
records = pl.scan_csv(f"{root}/*/outcomes.csv", infer_schema_length=0).with_columns(
    pl.coalesce(pl.col("score").cast(pl.Float64, strict=False), pl.sum_horizontal(items)).alias(
        "value"
    ),
    pl.col("recorded_on").str.to_date(strict=False).alias("day"),
    pl.col("timepoint").str.to_lowercase().alias("timepoint"),
)
baseline = (
    records.filter(pl.col("timepoint") == "baseline")
    .group_by(KEYS)
    .agg(pl.col("value").sort_by("day").first().alias("before"))
)
followup = (
    records.filter(pl.col("timepoint") == "followup")
    .group_by(KEYS)
    .agg(pl.col("value").sort_by("day").last().alias("after"))
)
episodes = people.select("participant_id", "partner_id").unique()
change = collect(
    baseline.join(followup, on=KEYS)
    .join(episodes, on=["participant_id", "partner_id"])
    .with_columns((pl.col("after") - pl.col("before")).alias("change"))
    .group_by("partner_id", "measure")
    .agg(
        pl.len().alias("n_paired"),
        pl.col("change").mean().alias("mean_change"),
        pl.col("change").std().alias("sd_change"),
    )
)
print(f"{reach.height} partners, {everyone} people, {change.height} partner × measure rows")
