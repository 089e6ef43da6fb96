/** The metering arithmetic by hand, and the client's voucher policy as a property. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { amountToSign, bytesPaid, costOf, mbText } from "./metering.js";

test("cost of bytes: ceil(bytes × price / 1,000,000), by hand", () => {
  const table: [bigint, bigint, bigint][] = [
    // bytes, price per MB, cost
    [0n, 100n, 0n],
    [1n, 100n, 1n], // 0.0001 rounds up
    [10_000n, 100n, 1n], // exactly 1
    [10_001n, 100n, 2n],
    [100_000n, 100n, 10n],
    [1_000_000n, 100n, 100n],
    [2_500_000n, 3n, 8n], // 7.5 → 8
    [333_333n, 3n, 1n], // 0.999999 → 1
    [333_334n, 3n, 2n], // 1.000002 → 2
    [1n, 1n, 1n],
    [5_000_000n, 1_000_000n, 5_000_000n], // a coin unit per byte
  ];
  for (const [bytes, price, cost] of table)
    assert.equal(costOf(bytes, price), cost, `${bytes} B at ${price}`);
});

test("bytes a voucher pays for: floor(amount × 1,000,000 / price), by hand", () => {
  const table: [bigint, bigint, bigint][] = [
    [10n, 100n, 100_000n],
    [1n, 3n, 333_333n],
    [8n, 3n, 2_666_666n],
    [0n, 5n, 0n],
    [1n, 1_000_000n, 1n],
    [1n, 2_000_000n, 0n],
    [(1n << 64n) - 1n, 1n, ((1n << 64n) - 1n) * 1_000_000n], // bigint: no overflow
  ];
  for (const [amount, price, bytes] of table)
    assert.equal(bytesPaid(amount, price), bytes, `${amount} at ${price}`);
});

test("the client's voucher policy, by hand (100 KB increments at 100 per MB, deposit 1,000)", () => {
  const at = (carried: bigint, signed: bigint, price = 100n, deposit = 1_000n) =>
    amountToSign({ carried, signed, increment: 100_000n, price, deposit });
  assert.equal(at(0n, 0n), 10n); // the first increment, before anything is carried
  assert.equal(at(40_000n, 10n), undefined); // 60 KB prepaid left: more than half an increment
  assert.equal(at(50_000n, 10n), 15n); // half left: carried + one increment = 150 KB → 15
  assert.equal(at(100_000n, 10n), 20n); // nothing left: 200 KB → 20
  assert.equal(at(150_000n, 15n), 25n);
  assert.equal(at(9_950_000n, 995n), 1_000n); // capped at the deposit
  assert.equal(at(10_000_000n, 1_000n), undefined); // the deposit is spent
  assert.equal(at(0n, 0n, 3n), 1n); // 100 KB at 3 per MB: 0.3 → 1 (pays 333,333 bytes)
  assert.equal(at(283_334n, 1n, 3n), 2n); // 49,999 bytes left: due; 383,334 B → 1.15 → 2
  assert.equal(mbText(2_345_678n), "2.34 MB");
});

test("property: the client never signs beyond carried + one increment or the deposit, and never stalls", () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: 1n, max: 10_000_000n }),
      fc.bigInt({ min: 1n, max: 5_000_000n }),
      fc.bigInt({ min: 1n, max: 1n << 40n }),
      fc.array(fc.bigInt({ min: 0n, max: 15_000_000n }), { maxLength: 60 }),
      (price, increment, deposit, wants) => {
        let carried = 0n;
        let signed = 0n;
        const pay = () => {
          const a = amountToSign({ carried, signed, increment, price, deposit });
          if (a === undefined) return;
          assert.ok(a > signed, "amounts only grow");
          assert.ok(a <= costOf(carried + increment, price), "never beyond carried + one increment");
          assert.ok(a <= deposit, "never beyond the deposit");
          signed = a;
        };
        pay();
        for (const want of wants) {
          // The proxy lets through only what the best voucher pays for.
          const room = bytesPaid(signed, price) - carried;
          carried += want;
          if (carried > bytesPaid(signed, price)) carried -= want - room;
          pay();
          const stalled = carried >= bytesPaid(signed, price);
          if (stalled) assert.equal(signed, deposit, "waiting on a voucher only once the deposit is spent");
        }
      },
    ),
  );
});
