/**
 * coin/transfer: a transfer moves the amount; random and mutated payloads, a zero amount and
 * an amount beyond the balance are refused with a code and leave the state as it was.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import fc from "fast-check";
import { equalBytes } from "../../bytes.js";
import type { Tx } from "../../codec/schema.js";
import { candidate, testKey } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { coinCalls } from "./index.js";

const A = testKey(0);
const B = testKey(1);
const t = ModuleTestChain.create();
after(() => t.close());

function check(tx: Tx): "refused" | "accepted" {
  const empty = t.c.chain.buildTemplate(testKey(9).pub, []).block.header.stateRoot;
  const tpl = t.c.chain.buildTemplate(testKey(9).pub, [candidate(tx)]);
  if (tpl.rejected.length === 0) return "accepted";
  assert.match(tpl.rejected[0].error.code, /^[A-Z][A-Z0-9_]+$/);
  assert.ok(equalBytes(tpl.block.header.stateRoot, empty), "a refused transfer changed the state");
  return "refused";
}

test("a transfer moves the amount; zero and more than the balance are refused", async () => {
  const b = t.balance(B.pub);
  await t.mine(t.call(A, coinCalls.transfer({ to: B.pub, amount: 5n })));
  assert.equal(t.balance(B.pub), b + 5n);
  t.refuse(t.call(A, coinCalls.transfer({ to: B.pub, amount: 0n }), false), "COIN_ZERO_AMOUNT");
  t.refuse(
    t.call(A, coinCalls.transfer({ to: B.pub, amount: 1n << 60n }), false),
    "ACCOUNT_INSUFFICIENT_FUNDS",
  );
});

test("coin/transfer: random, mutated and random-field payloads are refused with a code and change nothing", () => {
  const seen = { refused: 0, accepted: 0 };
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 100 }), (payload) => {
      seen[check(t.tx(A, "coin", "transfer", payload, false))]++;
    }),
  );
  const valid = coinCalls.transfer({ to: B.pub, amount: 5n }).payload;
  fc.assert(
    fc.property(fc.nat(), fc.nat({ max: 255 }), fc.nat(), (at, byte, cut) => {
      const payload = valid.slice(0, cut % (valid.length + 1));
      if (payload.length > 0) payload[at % payload.length] = byte;
      seen[check(t.tx(A, "coin", "transfer", payload, false))]++;
    }),
  );
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      (to, amount) => {
        seen[check(t.call(A, coinCalls.transfer({ to, amount }), false))]++;
      },
    ),
  );
  assert.ok(seen.refused > 150, JSON.stringify(seen));
});
