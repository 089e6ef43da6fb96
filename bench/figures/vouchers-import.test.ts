import assert from "node:assert/strict";
import { test } from "node:test";
import { vouchersImportFigures } from "./vouchers-import.js";

test("vouchers-import: voucher transfers/s through block import beside the coin-transfer import rate", async () => {
  const [f] = await vouchersImportFigures({ quick: true }, { blocks: 2, txsPerBlock: 50, senders: 50 });
  assert.deepEqual(
    [f.name, f.unit, f.referenceUnit, f.referenceName],
    ["vouchers-import", "tx/s", "tx/s", "coin-transfer import"],
  );
  for (const v of [f.value, f.reference]) assert.ok(v > 0);
  assert.ok(Math.abs(f.ratio - f.value / f.reference) < 1e-9);
  assert.match(f.notes ?? "", /^2 blocks x 50 vouchers\/transfer/);
});
