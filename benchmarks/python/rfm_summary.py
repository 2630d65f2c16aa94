"""The RFM per-customer summary (per customer: max date, count, sum of amount) in pandas, for `pnpm bench`.

Usage: python3 rfm_summary.py synthetic|online-retail PATH RUNS
Reads the CSV once, then times only the groupby, RUNS times after one warm-up run, and prints JSON on stdout.
"""

import json
import sys
import time

import pandas as pd


def load(kind: str, path: str) -> pd.DataFrame:
    if kind == "synthetic":
        # customer,date,amount: the same canonical columns the browser implementations read.
        return pd.read_csv(path, dtype={"customer": "int32", "date": "float64", "amount": "float64"})
    # Online Retail as the online-retail preset reads it: rows with a customer id, amount = Quantity x UnitPrice.
    df = pd.read_csv(path, dtype={"InvoiceNo": str, "StockCode": str, "Description": str})
    df = df.dropna(subset=["CustomerID"])
    return pd.DataFrame(
        {
            "customer": df["CustomerID"].astype("int64"),
            "date": pd.to_datetime(df["InvoiceDate"]).astype("int64") // 1_000_000,
            "amount": df["Quantity"] * df["UnitPrice"],
        }
    )


def main() -> None:
    kind, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    df = load(kind, path)
    times = []
    groups = 0
    for run in range(-1, runs):
        started = time.perf_counter()
        summary = df.groupby("customer").agg(
            last=("date", "max"), n=("amount", "size"), total=("amount", "sum")
        )
        if run >= 0:
            times.append((time.perf_counter() - started) * 1000)
        groups = len(summary)
    print(json.dumps({"times": times, "groups": groups, "rows": len(df), "pandas": pd.__version__}))


if __name__ == "__main__":
    main()
