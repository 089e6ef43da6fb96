/**
 * A fast-check property of each kind (buy, sell, cancel): valid-looking payloads with random
 * fields (known, unknown and untransferable classes; zero, small and huge quantities and
 * prices; expiries before, at, within and past the allowed range; own, others' and unknown
 * orders), their mutations and random bytes, from traders, a stranger without units and a
 * key without coins, are accepted or refused with a declared code, leaving the state as it was.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { CORE_ERROR_CATALOGUES } from "../../core-errors.js";
import { checkKind, mutated } from "../../testing/kind-properties.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { MARKET_ERRORS } from "./errors.js";
import { A, B, C, classWithUnits, FUNDS, KEYS, marketChain, mc, TEST_PARAMS } from "./fixtures.test.js";
import { CancelPayload, OrderPayload } from "./schemas.js";
import { MAX_UINT64 } from "./store.js";
import { STANDIN_VOUCHERS_CODES } from "./vouchers-standin.test.js";

const POOR = KEYS[7];
let t: ModuleTestChain;
before(async () => {
  t = marketChain(
    TEST_PARAMS,
    KEYS.map((k) => (k === POOR ? 2_000n : FUNDS)),
  );
  await classWithUnits(t, [A, B], 1_000n); // class 1
  await classWithUnits(t, [A], 1_000n, 100_000, false); // class 2: not transferable
  await classWithUnits(t, [A], 1_000n, t.height + 4); // class 3: its book closes at once
  // orders 1-4: A's sells, B's buys (some rest, some fill), one cancelled
  await t.mine(
    t.call(A, mc.sell(1, 10n, 100n)),
    t.call(B, mc.buy(1, 4n, 90n)),
    t.call(B, mc.buy(1, 3n, 100n)),
    t.call(A, mc.sell(1, 5n, 120n)),
  );
  await t.mine(t.call(A, mc.cancel(4)));
});
after(() => t.close());

const codes = [
  ...Object.keys(MARKET_ERRORS.codes),
  ...STANDIN_VOUCHERS_CODES,
  ...CORE_ERROR_CATALOGUES.flatMap((c) => Object.keys(c.codes)).filter((c) => c.startsWith("ACCOUNT_")),
];
const amount = fc.oneof(
  { weight: 4, arbitrary: fc.bigInt({ min: 1n, max: 200n }) },
  { weight: 1, arbitrary: fc.constantFrom(0n, MAX_UINT64, 1n << 32n, FUNDS) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: MAX_UINT64 }) },
);
const orderPayloads = fc
  .record({
    classId: fc.oneof(
      { weight: 4, arbitrary: fc.constant(1) },
      { weight: 1, arbitrary: fc.constantFrom(0, 2, 3, 4, 99, 2 ** 40) },
    ),
    quantity: amount,
    price: amount,
    expiry: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 300 }),
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    ),
  })
  .map((p) => OrderPayload.serialize(p));
const cancelPayloads = fc
  .oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }))
  .map((order) => CancelPayload.serialize({ order }));
const signers = [A, B, C, POOR];

for (const [kind, payloads] of [
  ["buy", orderPayloads],
  ["sell", orderPayloads],
  ["cancel", cancelPayloads],
] as const) {
  test(`${kind}: random and mutated payloads are accepted or refused with a declared code, leaving no trace`, () => {
    const seen = checkKind(t, {
      module: "market",
      kind,
      signers,
      codes,
      payloads: mutated(payloads),
      runs: 400,
    });
    assert.ok(seen.accepted > 0, "some were valid");
    const stateful = [...seen.codes].filter((c) => !c.startsWith("CODEC_") && !c.includes("ZERO"));
    // A cancel has fewer state checks (unknown order, someone else's, already closed) and the
    // accepted cancels close the few orders there are: two of them in 400 runs is the floor.
    const least = kind === "cancel" ? 2 : 3;
    assert.ok(stateful.length >= least, `the state checks were reached: ${[...seen.codes].join(", ")}`);
  });
}
