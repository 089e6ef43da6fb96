/**
 * The collateral kinds on a real chain: deposit and withdraw by an operator, every refusal by
 * its code (and nothing changed), the withdraw rule (balance − the open cycle's net debit), and
 * a fast-check property of each kind: random and mutated payloads from operators and strangers
 * are accepted or refused with a declared code, leaving the state as it was.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { closeAfterwards } from "../../../testing/chain-harness.js";
import { checkKind, mutated } from "../../../testing/kind-properties.js";
import { coinCalls } from "../../coin/index.js";
import { SETTLEMENT_ERRORS } from "../errors.js";
import {
  A,
  B,
  C,
  collateral,
  D,
  depositAll,
  FUNDS,
  IDS,
  mineTo,
  nettingChain,
  nettingHeight,
  obligeAll,
  STRANGER,
  sc,
} from "./fixtures.test.js";
import { CollateralPayload } from "./schemas.js";
import { MAX_UINT64 } from "./store.js";

test("deposit and withdraw move coins between the operator's account and the carrier's collateral", async () => {
  const t = closeAfterwards(await nettingChain());
  const before = t.balance(A.pub);
  const block = await t.mine(t.call(A, sc.deposit("AAA", 700n)));
  const fee = block.txs[0].body.fee;
  assert.equal(collateral(t, "AAA"), 700n);
  assert.equal(t.balance(A.pub), before - 700n - fee);
  const w = await t.mine(t.call(A, sc.withdraw("AAA", 200n)));
  assert.equal(collateral(t, "AAA"), 500n);
  assert.equal(t.balance(A.pub), before - 500n - fee - w.txs[0].body.fee);
  // the whole balance out: the entry is gone (0)
  await t.mine(t.call(A, sc.withdraw("AAA", 500n)));
  assert.equal(collateral(t, "AAA"), 0n);
  assert.equal(t.state("settlement").get(new TextEncoder().encode("c/AAA")), undefined);
});

test("refusals: not an operator, zero, more than the account, past 2^64 − 1, more than withdrawable", async () => {
  const t = closeAfterwards(await nettingChain());
  await depositAll(t, { AAA: 1000n });
  assert.match(t.refuse(t.call(B, sc.deposit("AAA", 1n), false), "SETTLEMENT_NOT_OPERATOR"), /operates BBB/);
  assert.match(
    t.refuse(t.call(STRANGER, sc.withdraw("AAA", 1n), false), "SETTLEMENT_NOT_OPERATOR"),
    /operates no carrier/,
  );
  assert.match(
    t.refuse(t.call(A, sc.deposit("ZZZ", 1n), false), "SETTLEMENT_NOT_OPERATOR"),
    /not registered/,
  );
  t.refuse(t.call(A, sc.deposit("AAA", 0n), false), "SETTLEMENT_BAD_AMOUNT");
  t.refuse(t.call(A, sc.withdraw("AAA", 0n), false), "SETTLEMENT_BAD_AMOUNT");
  t.refuse(t.call(A, sc.deposit("AAA", FUNDS), false), "ACCOUNT_INSUFFICIENT_FUNDS");
  t.refuse(t.call(A, sc.deposit("AAA", MAX_UINT64 - 999n), false), "SETTLEMENT_OVERFLOW");
  t.refuse(t.call(A, sc.withdraw("AAA", 1001n), false), "SETTLEMENT_NOT_WITHDRAWABLE");
  t.refuse(t.call(B, sc.withdraw("BBB", 1n), false), "SETTLEMENT_NOT_WITHDRAWABLE");
  assert.equal(collateral(t, "AAA"), 1000n, "nothing changed");
});

test("a withdrawal that would take the operator's account past 2^64 − 1 is refused", async () => {
  const t = closeAfterwards(await nettingChain(undefined, [[D, MAX_UINT64 - 10_000n]]));
  await depositAll(t, { DDD: 5_000n });
  await t.mine(t.call(A, coinCalls.transfer({ to: D.pub, amount: 14_000n })));
  t.refuse(t.call(D, sc.withdraw("DDD", 5_000n), false), "SETTLEMENT_OVERFLOW");
  assert.equal(collateral(t, "DDD"), 5_000n);
});

test("withdrawable = balance − the carrier's net debit so far in the open cycle (arrears included)", async () => {
  const t = closeAfterwards(await nettingChain());
  await depositAll(t, { AAA: 1000n, BBB: 100n });
  // AAA owes BBB 500 and is owed 100 by CCC: net −400 → 600 withdrawable; BBB is owed: all of it
  await obligeAll(t, [
    ["AAA", "BBB", 500n],
    ["CCC", "AAA", 100n],
  ]);
  assert.match(
    t.refuse(t.call(A, sc.withdraw("AAA", 601n), false), "SETTLEMENT_NOT_WITHDRAWABLE"),
    /at most 600: collateral 1000, of which cycle 0 needs 400/,
  );
  await t.mine(t.call(A, sc.withdraw("AAA", 600n)), t.call(B, sc.withdraw("BBB", 100n)));
  assert.deepEqual([collateral(t, "AAA"), collateral(t, "BBB")], [400n, 0n]);
  // CCC has no collateral: it defaults, and its 100 to AAA is carried; AAA's net is then −500 > 400:
  // AAA defaults too (round 2), everything is carried and AAA's 400 stays locked by the arrears
  await mineTo(t, nettingHeight(0));
  assert.deepEqual([collateral(t, "AAA"), collateral(t, "BBB")], [400n, 0n]);
  t.refuse(t.call(A, sc.withdraw("AAA", 1n), false), "SETTLEMENT_NOT_WITHDRAWABLE");
  // CCC deposits what it owes; cycle 1 nets: AAA pays 400 = 500 − 100, and has nothing left to withdraw
  await depositAll(t, { CCC: 100n });
  await mineTo(t, nettingHeight(1));
  assert.deepEqual(
    IDS.map((id) => collateral(t, id)),
    [0n, 500n, 0n, 0n],
  );
});

const declared = [...Object.keys(SETTLEMENT_ERRORS.codes), "ACCOUNT_INSUFFICIENT_FUNDS", "ACCOUNT_OVERFLOW"];

test("property: random and mutated collateral payloads are accepted or refused with a declared code, leaving no trace", async () => {
  const t = closeAfterwards(await nettingChain());
  await depositAll(t, { AAA: 1000n, BBB: 50n });
  await obligeAll(t, [["BBB", "CCC", 30n]]);
  const valid = fc
    .record({
      // mostly AAA (the collateral that A may move) and small amounts, so that many are valid
      carrier: fc.oneof(
        { weight: 4, arbitrary: fc.constant("AAA") },
        { weight: 1, arbitrary: fc.constantFrom(...IDS, "ZZZ", "AAA1") },
      ),
      amount: fc.oneof(
        { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 1_200n }) },
        { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: MAX_UINT64 }) },
        { weight: 1, arbitrary: fc.constant(MAX_UINT64) },
      ),
    })
    .map((p) => CollateralPayload.serialize(p));
  const seen = new Set<string>();
  for (const kind of ["collateral-deposit", "collateral-withdraw"]) {
    const r = checkKind(t, {
      module: "settlement",
      kind,
      signers: [A, B, C, STRANGER],
      payloads: mutated(valid),
      codes: declared,
      runs: 400,
    });
    assert.ok(r.accepted > 0, `${kind}: some payloads are valid`);
    for (const c of r.codes) seen.add(c);
  }
  for (const code of [
    "SETTLEMENT_NOT_OPERATOR",
    "SETTLEMENT_BAD_AMOUNT",
    "SETTLEMENT_BAD_CARRIER",
    "SETTLEMENT_NOT_WITHDRAWABLE",
    "SETTLEMENT_OVERFLOW",
  ])
    assert.ok(seen.has(code), `the runs reached ${code} (saw ${[...seen].join(", ")})`);
});
