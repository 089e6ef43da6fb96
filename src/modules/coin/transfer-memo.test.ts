/**
 * coin/transfer-memo on a real chain: it moves coins as a transfer does and carries a memo that
 * the recipient, the sender and a view key open and a third party does not; the same memo
 * moved into another party's transaction does not open (the associated data). Oversized and
 * malformed memos are refused with their codes and change nothing; random and mutated payloads
 * (kindPropertyTests); a reorg takes a memo transfer back.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import fc from "fast-check";
import { concatBytes, equalBytes } from "../../bytes.js";
import { MemoEnvelope } from "../../codec/memo.js";
import type { Block } from "../../codec/schema.js";
import { decodeViewKey, encodeViewKey, memoKeyPair, openMemo } from "../../crypto/memo.js";
import { candidate, closeAfterwards, TEST_CHAIN_ID, testKey } from "../../testing/chain-harness.js";
import { kindPropertyTests } from "../../testing/kind-properties.js";
import { memoBetween, memoEnvelope } from "../../testing/memos.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { COIN_ERRORS } from "./errors.js";
import { coinCalls } from "./index.js";
import { TransferMemoPayload } from "./kinds/transfer.js";

const [ALICE, BOB, CAROL] = [testKey(0), testKey(1), testKey(2)];
const memoKey = (k: typeof ALICE) => memoKeyPair(k.seed);
const t = ModuleTestChain.create();
after(() => t.close());

const memoFor = (text: string) => memoBetween(TEST_CHAIN_ID, ALICE, BOB, text);

/** The memo of the block's only transaction, with its parties as the chain recorded them. */
function carried(block: Block) {
  const tx = block.txs[0];
  const p = TransferMemoPayload.deserialize(tx.body.payload);
  return { memo: p.memo, parties: { chainId: TEST_CHAIN_ID, sender: tx.body.sender, recipient: p.to } };
}
const read = (memo: MemoEnvelope, secret: Uint8Array, parties: Parameters<typeof openMemo>[2]) => {
  const b = openMemo(memo, secret, parties);
  return b && new TextDecoder().decode(b);
};

test("a memo transfer moves the coins; its memo opens for the recipient, the sender and a view key, and no one else", async () => {
  const [a, b] = [t.balance(ALICE.pub), t.balance(BOB.pub)];
  const block = await t.mine(
    t.call(ALICE, coinCalls["transfer-memo"]({ to: BOB.pub, amount: 250n, memo: memoFor("plan 11/2026") })),
  );
  assert.equal(t.balance(BOB.pub), b + 250n);
  assert.ok(t.balance(ALICE.pub) < a - 250n + 1n, "amount and fee left Alice");
  const { memo, parties } = carried(block);
  assert.equal(read(memo, memoKey(BOB).secret, parties), "plan 11/2026");
  assert.equal(read(memo, memoKey(ALICE).secret, parties), "plan 11/2026");
  const view = decodeViewKey(encodeViewKey({ address: BOB.pub, secret: memoKey(BOB).secret }));
  assert.equal(read(memo, view.secret, parties), "plan 11/2026");
  assert.equal(read(memo, memoKey(CAROL).secret, parties), undefined);

  // Carol copies the memo into her own transfer to Bob: the chain carries it (it cannot read
  // memos), but it opens for no one, since its associated data names Alice as the sender.
  const moved = await t.mine(t.call(CAROL, coinCalls["transfer-memo"]({ to: BOB.pub, amount: 1n, memo })));
  const copy = carried(moved);
  assert.ok(equalBytes(MemoEnvelope.serialize(copy.memo), MemoEnvelope.serialize(memo)));
  for (const k of [BOB, ALICE, CAROL])
    assert.equal(read(copy.memo, memoKey(k).secret, copy.parties), undefined);
});

test("oversized and malformed memos, and a zero amount, are refused with their codes and change nothing", () => {
  const empty = t.c.chain.buildTemplate(testKey(9).pub, []).block.header.stateRoot;
  const valid = coinCalls["transfer-memo"]({
    to: BOB.pub,
    amount: 5n,
    memo: memoFor("x".repeat(512)),
  }).payload;
  const refused = (payload: Uint8Array, code: string) => {
    const tpl = t.c.chain.buildTemplate(testKey(9).pub, [
      candidate(t.tx(ALICE, "coin", "transfer-memo", payload, false)),
    ]);
    assert.equal(tpl.rejected[0]?.error.code, code);
    assert.ok(equalBytes(tpl.block.header.stateRoot, empty));
  };
  refused(concatBytes(valid, Uint8Array.of(7)), "MEMO_TOO_LARGE"); // 513 bytes of memo
  const short = coinCalls["transfer-memo"]({
    to: BOB.pub,
    amount: 5n,
    memo: { ...memoFor(""), ciphertext: new Uint8Array(16) },
  }).payload;
  refused(short.slice(0, -1), "MEMO_MALFORMED"); // 15 bytes: no room for the tag
  refused(valid.slice(0, 40 + 4 + 24 + 50), "CODEC_MALFORMED"); // cut inside the fixed part
  t.refuse(
    t.call(ALICE, coinCalls["transfer-memo"]({ to: BOB.pub, amount: 0n, memo: memoFor("") }), false),
    "COIN_ZERO_AMOUNT",
  );
  t.refuse(
    t.call(CAROL, coinCalls["transfer-memo"]({ to: BOB.pub, amount: 1n << 62n, memo: memoFor("") }), false),
    "ACCOUNT_INSUFFICIENT_FUNDS",
  );
  // 512 bytes of memo is the limit, and fits
  const tpl = t.c.chain.buildTemplate(testKey(9).pub, [
    candidate(t.tx(ALICE, "coin", "transfer-memo", valid, false)),
  ]);
  assert.equal(tpl.rejected.length, 0);
});

kindPropertyTests(() => t, {
  module: "coin",
  calls: {
    "transfer-memo": fc
      .record({
        to: fc.oneof(fc.constantFrom(BOB.pub, ALICE.pub), fc.uint8Array({ minLength: 32, maxLength: 32 })),
        amount: fc.oneof(
          fc.constantFrom(0n, 1n, 1n << 62n, (1n << 64n) - 1n),
          fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        ),
        memo: memoEnvelope,
      })
      .map((p) => coinCalls["transfer-memo"](p)),
  },
  signers: [ALICE, CAROL],
  codes: [
    ...Object.keys(COIN_ERRORS.codes),
    "MEMO_TOO_LARGE",
    "MEMO_MALFORMED",
    "ACCOUNT_INSUFFICIENT_FUNDS",
    "ACCOUNT_OVERFLOW",
  ],
  runs: 250,
});

test("a reorg takes a memo transfer back: the heavier branch without it decides the balances", async () => {
  const a = closeAfterwards(ModuleTestChain.create());
  const common = [await a.mine()];
  const b = closeAfterwards(ModuleTestChain.create());
  await b.followFrom(a, common);
  b.c.clock = a.c.clock + 1;
  const before = a.balance(BOB.pub);
  await a.mine(
    a.call(ALICE, coinCalls["transfer-memo"]({ to: BOB.pub, amount: 77n, memo: memoFor("reorged") })),
  );
  assert.equal(a.balance(BOB.pub), before + 77n);
  const branchB = [await b.mine(), await b.mine()];
  a.c.clock = b.c.clock;
  await a.importBlocks(branchB);
  assert.ok(equalBytes(a.c.chain.head().hash, b.c.chain.head().hash), "A reorganised onto B");
  assert.equal(a.balance(BOB.pub), before, "the memo transfer is undone");
});
