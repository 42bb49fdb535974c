"""Example functions over Arrow tables, referenced by the example pipelines."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc


def paid_orders(orders: pa.Table, min_amount: float | str = 0) -> pa.Table:
    """Orders that were paid, of at least ``min_amount`` (templated values arrive as text)."""
    threshold = float(min_amount)
    keep = pc.and_(pc.equal(orders["status"], "paid"), pc.greater_equal(orders["amount"], threshold))
    return orders.filter(keep)


def revenue_by_region(orders: pa.Table, customers: pa.Table) -> pa.Table:
    """Paid revenue and order count per customer region, largest first."""
    paid = orders.filter(pc.equal(orders["status"], "paid"))
    joined = paid.join(customers.select(["customer_id", "region"]), keys="customer_id")
    totals = joined.group_by("region").aggregate([("amount", "sum"), ("order_id", "count")])
    totals = totals.rename_columns(["region", "revenue", "orders"])
    return totals.sort_by([("revenue", "descending")])
