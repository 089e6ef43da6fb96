/** The period arithmetic, by a table worked by hand (no chain). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { expiredAt, periodEndsAt, periodIndexAt, remainingAt, remainingCap } from "./periods.js";
import type { GrantEntry } from "./schemas.js";

const base: GrantEntry = {
  id: 1,
  payer: new Uint8Array(32),
  grantee: new Uint8Array(32),
  limit: 100n,
  period: 10,
  cap: 0n,
  expiry: 0,
  recipients: [],
  start: 7,
  periodIndex: 0,
  spentInPeriod: 0n,
  spentTotal: 0n,
};

test("period index, next period, remainder, cap and expiry: a table worked by hand", () => {
  // start 7, period 10: period 0 is heights 7..16, period 1 is 17..26, period 2 27..36
  const rows: [Partial<GrantEntry>, h: number, index: number, endsAt: number, left: bigint][] = [
    [{}, 7, 0, 17, 100n],
    [{}, 16, 0, 17, 100n], // the last block of period 0
    [{}, 17, 1, 27, 100n], // the first of period 1
    [{ spentInPeriod: 60n, spentTotal: 60n }, 16, 0, 17, 40n],
    [{ spentInPeriod: 60n, spentTotal: 60n }, 17, 1, 27, 100n], // a new period starts from 0
    [{ periodIndex: 1, spentInPeriod: 100n, spentTotal: 160n }, 26, 1, 27, 0n],
    [{ periodIndex: 1, spentInPeriod: 100n, spentTotal: 160n, limit: 150n }, 26, 1, 27, 50n], // raised: 150 − 100
    [{ periodIndex: 1, spentInPeriod: 100n, spentTotal: 160n, limit: 30n }, 26, 1, 27, 0n], // lowered: max(0, 30 − 100)
    [{ cap: 250n, periodIndex: 1, spentInPeriod: 100n, spentTotal: 200n }, 27, 2, 37, 50n], // the cap's last 50
    [{ cap: 250n, spentTotal: 250n }, 27, 2, 37, 0n],
    [{ cap: 40n }, 7, 0, 17, 40n], // a cap below the limit bounds the first period
    [{ expiry: 20 }, 19, 1, 27, 100n], // the block before the expiry
    [{ expiry: 20 }, 20, 1, 27, 0n], // at the expiry: nothing
    [{ period: 1 }, 7, 0, 8, 100n],
    [{ period: 1 }, 1_007, 1_000, 1_008, 100n],
  ];
  for (const [over, h, index, endsAt, left] of rows) {
    const g = { ...base, ...over };
    const what = `${JSON.stringify(over, (_, v) => (typeof v === "bigint" ? `${v}` : v))} at ${h}`;
    assert.equal(periodIndexAt(g, h), index, what);
    assert.equal(periodEndsAt(g, h), endsAt, what);
    assert.equal(remainingAt(g, h), left, what);
  }
  assert.equal(remainingCap(base), undefined);
  assert.equal(remainingCap({ ...base, cap: 250n, spentTotal: 200n }), 50n);
  assert.deepEqual(
    [19, 20, 21].map((h) => expiredAt({ expiry: 20 }, h)),
    [false, true, true],
  );
  assert.equal(expiredAt({ expiry: 0 }, 2 ** 52), false, "0: no expiry");
});
