/** The example module's test: the kinds on a real chain (LMDB, PoW), the keeper, refusals, a property test. */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import fc from "fast-check";
import { TelchainError } from "../../src/errors.js";
import { allModules } from "../../src/modules/index.js";
import { candidate, testKey } from "../../src/testing/chain-harness.js";
import { ModuleTestChain } from "../../src/testing/module-chain.js";
import { type MemoKeeper, memoCalls, memoModule } from "./memo.js";

const t = ModuleTestChain.create({ modules: [...allModules(), memoModule] });
after(() => t.close());
const alice = testKey(0);
const bob = testKey(1);

test("set, replace and clear a memo; other modules read it through the keeper", async () => {
  await t.mine(t.call(alice, memoCalls.set({ text: "call me on +15551234567" })));
  const keeper = () => t.keeper<MemoKeeper>("memo");
  assert.equal(keeper().memoOf(alice.pub), "call me on +15551234567");
  assert.equal(keeper().memoOf(bob.pub), undefined);
  await t.mine(t.call(alice, memoCalls.set({ text: "  away until Monday " })));
  assert.equal(keeper().memoOf(alice.pub), "away until Monday"); // parse trimmed it
  t.refuse(t.call(alice, memoCalls.clear({ setAt: t.height - 1 }), false), "MEMO_CHANGED");
  await t.mine(t.call(alice, memoCalls.clear({ setAt: t.height })));
  assert.equal(keeper().memoOf(alice.pub), undefined);
});

test("refusals carry their codes and change nothing", async () => {
  t.refuse(t.call(bob, memoCalls.clear({ setAt: 0 }), false), "MEMO_NOT_SET");
  await t.mine(t.call(bob, memoCalls.set({ text: "hello" })));
  t.refuse(t.call(bob, memoCalls.set({ text: "hello" }), false), "MEMO_UNCHANGED");
  // Control characters and over-long text are refused where the payload is decoded.
  const bad = new TextEncoder().encode("bell\u0007");
  const payload = new Uint8Array([4, 0, 0, 0, ...bad]); // SSZ: offset of the text field, then its bytes
  t.refuse(t.tx(bob, "memo", "set", payload, false), "MEMO_BAD_TEXT");
  assert.throws(() => memoCalls.set({ text: "x".repeat(141) }), { code: "MEMO_BAD_TEXT" });
  t.refuse(t.call(bob, memoCalls.set({ text: "   " }), false), "MEMO_BAD_TEXT");
  assert.equal(t.keeper<MemoKeeper>("memo").memoOf(bob.pub), "hello");
});

test("property: random payload bytes are refused with a clear code, or accepted as valid memos", () => {
  const root = t.c.chain.head().header.stateRoot;
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const tx = t.tx(alice, "memo", "set", bytes, false);
      const tpl = t.c.chain.buildTemplate(testKey(9).pub, [candidate(tx)]);
      for (const r of tpl.rejected) {
        assert.ok(r.error instanceof TelchainError);
        assert.match(r.error.code, /^(MEMO_|CODEC_|TX_)/);
      }
    }),
    { numRuns: 300 },
  );
  assert.deepEqual(t.c.chain.head().header.stateRoot, root); // templates never change the chain
});
