/**
 * Every refusal of the allowances kinds by its code, on a real chain: each bad transaction is
 * dropped from the next block's template (t.refuse), which leaves the state as it was (checked
 * here by comparing every key of the module's state and the accounts before and after); the
 * accepted ones around them show the limits are exact.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ContainerType, ListCompositeType } from "@chainsafe/ssz";
import type { Tx } from "../../codec/schema.js";
import { Bytes32, Uint53, Uint64 } from "../../codec/schema.js";
import { closeAfterwards, type TestKey } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import {
  ac,
  CARRIER,
  FUNDS,
  fresh,
  NOBODY,
  nextBlockAt,
  PAYER,
  PAYER2,
  SHOP,
  snapshot,
} from "./fixtures.test.js";
import { MAX_PERIOD_BLOCKS } from "./kinds/grant.js";
import { allowancesCalls } from "./kinds/index.js";

const MAX = (1n << 64n) - 1n;
/** Each case refused with its code, and the state and accounts exactly as before. */
function refuseAll(t: ModuleTestChain, cases: [Tx, string][]): void {
  const before = snapshot(t);
  for (const [tx, code] of cases) t.refuse(tx, code);
  assert.deepEqual(snapshot(t), before);
}
const grant = (key: TestKey, to: TestKey, g: Parameters<typeof ac.grant>[1]) =>
  [key, ac.grant(to, g)] as const;

test("grant: amounts, period, expiry, grantee, recipients", async () => {
  const t = closeAfterwards(fresh());
  await t.mine();
  const h = t.height + 1;
  const ok = { limit: 100n, period: 10 };
  const cases = [
    [grant(PAYER, CARRIER, { ...ok, limit: 0n }), "ALLOWANCES_BAD_AMOUNT"],
    [grant(PAYER, CARRIER, { ...ok, period: 0 }), "ALLOWANCES_BAD_PERIOD"],
    [grant(PAYER, CARRIER, { ...ok, period: MAX_PERIOD_BLOCKS + 1 }), "ALLOWANCES_BAD_PERIOD"],
    [grant(PAYER, CARRIER, { ...ok, expiry: h }), "ALLOWANCES_BAD_EXPIRY"],
    [grant(PAYER, CARRIER, { ...ok, expiry: h - 1 }), "ALLOWANCES_BAD_EXPIRY"],
    [grant(PAYER, CARRIER, { ...ok, expiry: 2 ** 53 }), "ALLOWANCES_BAD_EXPIRY"],
    [grant(PAYER, PAYER, ok), "ALLOWANCES_BAD_GRANTEE"],
    [grant(PAYER, CARRIER, { ...ok, recipients: [SHOP, NOBODY, SHOP] }), "ALLOWANCES_BAD_RECIPIENTS"],
  ] as const;
  const zero = allowancesCalls.grant({
    grantee: new Uint8Array(32),
    limit: 1n,
    period: 1,
    cap: 0n,
    expiry: 0,
    recipients: [],
  });
  const zeroRecipient = allowancesCalls.grant({
    grantee: CARRIER.pub,
    limit: 1n,
    period: 1,
    cap: 0n,
    expiry: 0,
    recipients: [new Uint8Array(32)],
  });
  const nine = new ContainerType({
    grantee: Bytes32,
    limit: Uint64,
    period: Uint53,
    cap: Uint64,
    expiry: Uint53,
    recipients: new ListCompositeType(Bytes32, 9),
  }).serialize({
    grantee: CARRIER.pub,
    limit: 1n,
    period: 1,
    cap: 0n,
    expiry: 0,
    recipients: Array.from({ length: 9 }, (_, i) => new Uint8Array(32).fill(i + 1)),
  });
  refuseAll(t, [
    ...cases.map(([[key, call], code]): [Tx, string] => [t.call(key, call, false), code]),
    [t.call(PAYER, zero, false), "ALLOWANCES_BAD_GRANTEE"],
    [t.call(PAYER, zeroRecipient, false), "ALLOWANCES_BAD_RECIPIENTS"],
    [t.tx(PAYER, "allowances", "grant", nine, false), "CODEC_MALFORMED"],
  ]);
  // the limits pass: expiry one block on, the longest period, 8 recipients, a cap below the limit
  const eight = [SHOP, NOBODY, PAYER2, ...[5, 6, 7, 8, 9].map((i) => ({ pub: new Uint8Array(32).fill(i) }))];
  await t.mine(
    t.call(PAYER, ac.grant(CARRIER, { ...ok, expiry: h + 1, period: MAX_PERIOD_BLOCKS })),
    t.call(PAYER, ac.grant(CARRIER, { limit: MAX, period: 1, cap: 5n, recipients: eight as TestKey[] })),
  );
  assert.equal(t.height, h);
});

test("change, revoke, pull: ids, who, stale limits, expiry, the period, the cap, recipients, funds", async () => {
  const t = closeAfterwards(fresh());
  const expiry = t.height + 10;
  await t.mine(
    t.call(PAYER, ac.grant(CARRIER, { limit: 100n, period: 1_000, cap: 150n, recipients: [SHOP, CARRIER] })),
    t.call(PAYER, ac.grant(CARRIER, { limit: 100n, period: 1_000, expiry })),
    t.call(PAYER2, ac.grant(CARRIER, { limit: MAX, period: 1 })),
  );
  await t.mine(t.call(CARRIER, ac.pull(1, 100n))); // period 0 of grant 1 used up
  await nextBlockAt(t, t.height + 1);
  const cases: [TestKey, ReturnType<typeof ac.pull>, string][] = [
    [PAYER, ac.change(0, 100n, 1n), "ALLOWANCES_BAD_ID"],
    [PAYER, ac.revoke(0), "ALLOWANCES_BAD_ID"],
    [CARRIER, ac.pull(0, 1n), "ALLOWANCES_BAD_ID"],
    [CARRIER, ac.pull(2 ** 53, 1n), "ALLOWANCES_BAD_ID"],
    [PAYER, ac.change(1, 100n, 0n), "ALLOWANCES_BAD_AMOUNT"],
    [CARRIER, ac.pull(2, 0n), "ALLOWANCES_BAD_AMOUNT"],
    [PAYER, ac.change(9, 100n, 1n), "ALLOWANCES_NO_GRANT"],
    [PAYER, ac.revoke(9), "ALLOWANCES_NO_GRANT"],
    [CARRIER, ac.pull(9, 1n), "ALLOWANCES_NO_GRANT"],
    [CARRIER, ac.change(1, 100n, 1n), "ALLOWANCES_NOT_PAYER"],
    [PAYER2, ac.revoke(1), "ALLOWANCES_NOT_PAYER"],
    [PAYER, ac.pull(1, 1n), "ALLOWANCES_NOT_GRANTEE"],
    [NOBODY, ac.pull(2, 1n), "ALLOWANCES_NOT_GRANTEE"],
    [PAYER, ac.change(1, 99n, 200n), "ALLOWANCES_STALE_LIMIT"],
    [CARRIER, ac.pull(1, 1n, NOBODY), "ALLOWANCES_RECIPIENT_NOT_ALLOWED"],
    [CARRIER, ac.pull(1, 1n), "ALLOWANCES_PERIOD_LIMIT"],
    [CARRIER, ac.pull(2, 101n), "ALLOWANCES_PERIOD_LIMIT"],
    [CARRIER, ac.pull(3, FUNDS), "ACCOUNT_INSUFFICIENT_FUNDS"],
  ];
  refuseAll(
    t,
    cases.map(([key, call, code]) => [t.call(key, call, false), code]),
  );
  // grant 1 raised to 200 (compare-and-set from 100): 100 more this period, but only 50 of the cap
  await t.mine(t.call(PAYER, ac.change(1, 100n, 200n)));
  refuseAll(t, [[t.call(CARRIER, ac.pull(1, 51n, SHOP), false), "ALLOWANCES_CAP_EXCEEDED"]]);
  // grant 2 expires at its expiry height: a pull in the block before it passes, none at it
  await nextBlockAt(t, expiry - 1);
  await t.mine(t.call(CARRIER, ac.pull(2, 1n)));
  refuseAll(t, [
    [t.call(CARRIER, ac.pull(2, 1n), false), "ALLOWANCES_EXPIRED"],
    [t.call(PAYER, ac.change(2, 100n, 5n), false), "ALLOWANCES_EXPIRED"],
  ]);
  // what is left passes: the cap's last 50 (which removes grant 1); the expired grant 2 can still be revoked
  await t.mine(t.call(CARRIER, ac.pull(1, 50n, SHOP)), t.call(PAYER, ac.revoke(2)));
  assert.equal(t.query("allowances").scan(new TextEncoder().encode("g/"), 10).length, 1, "only grant 3");
});
