/**
 * Property tests of every allowances kind: random and mutated payloads from random senders,
 * against a chain holding an open grant, a capped one with recipients, an expired one and one
 * whose payer cannot pay its limit, are never a crash — a refused transaction carries a declared
 * code (the module's, the codec's, or the core's for a payer who cannot pay) and leaves the state
 * exactly as it was (src/testing/kind-properties.ts). Also: the period arithmetic against a
 * step-by-step count.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import type { ModuleCall } from "../../module/kind.js";
import { kindPropertyTests } from "../../testing/kind-properties.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { ALLOWANCES_ERRORS } from "./errors.js";
import { ac, CARRIER, fresh, NOBODY, PAYER, PAYER2, SHOP } from "./fixtures.test.js";
import { allowancesCalls } from "./kinds/index.js";
import { periodEndsAt, periodIndexAt } from "./periods.js";

const SENDERS = [PAYER, CARRIER, SHOP, PAYER2, NOBODY];
const MAX = (1n << 64n) - 1n;

let t: ModuleTestChain;
/** Grants: 1 open (100 per 5 blocks), 2 capped at 150 paying SHOP only, 3 expired, 4 PAYER2's of 2^64 − 1. */
before(async () => {
  t = fresh();
  const soon = t.height + 3;
  await t.mine(
    t.call(PAYER, ac.grant(CARRIER, { limit: 100n, period: 5 })),
    t.call(PAYER, ac.grant(CARRIER, { limit: 100n, period: 5, cap: 150n, recipients: [SHOP] })),
    t.call(PAYER, ac.grant(CARRIER, { limit: 100n, period: 5, expiry: soon })),
    t.call(PAYER2, ac.grant(CARRIER, { limit: MAX, period: 1 })),
  );
  await t.mine(t.call(CARRIER, ac.pull(1, 40n)), t.call(CARRIER, ac.pull(2, 100n, SHOP)));
  while (t.height < soon) await t.mine();
});
after(() => t.close());

const id = fc.oneof(fc.constantFrom(0, 1, 2, 3, 4, 5), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
const u64 = fc.oneof(
  fc.constantFrom(0n, 1n, 40n, 50n, 60n, 100n, 101n, 150n, MAX, 1n << 63n),
  fc.bigInt({ min: 0n, max: MAX }),
);
const u53 = fc.oneof(
  fc.constantFrom(0, 1, 2, 5, 100, 100_000_000, 100_000_001, 2 ** 53 - 1),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
);
const address = fc.oneof(
  fc.constantFrom(PAYER.pub, CARRIER.pub, SHOP.pub, NOBODY.pub, new Uint8Array(32)),
  fc.uint8Array({ minLength: 32, maxLength: 32 }),
);
const C = allowancesCalls;

/** Valid-looking calls of each kind with random fields. */
const fields: Record<keyof typeof allowancesCalls, fc.Arbitrary<ModuleCall>> = {
  grant: fc
    .record({
      grantee: address,
      limit: u64,
      period: u53,
      cap: u64,
      expiry: u53,
      recipients: fc.array(address, { maxLength: 8 }),
    })
    .map((p) => C.grant(p)),
  change: fc.record({ grant: id, expectedLimit: u64, limit: u64 }).map((p) => C.change(p)),
  revoke: fc.record({ grant: id }).map((p) => C.revoke(p)),
  pull: fc.record({ grant: id, amount: u64, to: address }).map((p) => C.pull(p)),
};

const codes = [...Object.keys(ALLOWANCES_ERRORS.codes), "ACCOUNT_INSUFFICIENT_FUNDS", "ACCOUNT_OVERFLOW"];

kindPropertyTests(() => t, { module: "allowances", calls: fields, signers: SENDERS, codes, runs: 250 });

test("the period index and the next period's start agree with counting block by block", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 10_000 }),
      fc.integer({ min: 1, max: 50 }),
      fc.nat(300),
      (start, period, d) => {
        const g = { start, period };
        let index = 0;
        let next = start + period;
        for (let h = start; h < start + d; h++)
          if (h + 1 === next) [index, next] = [index + 1, next + period];
        assert.equal(periodIndexAt(g, start + d), index);
        assert.equal(periodEndsAt(g, start + d), next);
      },
    ),
  );
});
