/**
 * A reorg across channels: from the same block (a channel opened), branch A closes it with a
 * voucher and opens another; a heavier branch B tops it up and starts an early close that settles.
 * After the reorg every key of the channels state and every account is what branch B says.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../bytes.js";
import type { Block } from "../../codec/schema.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import {
  cc,
  channelAt,
  custody,
  fresh,
  lastId,
  PAYEE,
  PAYER,
  PAYER2,
  snapshot,
  voucher,
  WINDOW,
} from "./fixtures.test.js";

test("a heavier branch replaces a close and an open with a top-up and a settled early close", async () => {
  const a = closeAfterwards(fresh());
  const common: Block[] = [await a.mine(a.call(PAYER, cc.open(PAYEE, 1_000n, a.height + 100)))];
  const b = closeAfterwards(fresh());
  await b.followFrom(a, common);
  b.c.clock = a.c.clock + 1;

  await a.mine(a.call(PAYEE, cc.close(voucher(PAYER, 1, 400n))));
  await a.mine(a.call(PAYER2, cc.open(PAYEE, 50n, a.height + 10)));
  const sA = snapshot(a);
  assert.equal(lastId(a), 2);

  const branchB: Block[] = [
    await b.mine(b.call(PAYER, cc.topUp(1, 500n))),
    await b.mine(b.call(PAYER, cc.startClose(1, 100n))),
  ];
  for (let i = 0; i < WINDOW; i++) branchB.push(await b.mine());
  branchB.push(await b.mine(b.call(PAYEE, cc.settle(1))));
  const sB = snapshot(b);
  assert.notDeepEqual(sA, sB);
  assert.deepEqual(
    [channelAt(b, 1)?.paid, channelAt(b, 1)?.how, channelAt(b, 1)?.deposit],
    [100n, 2, 1_500n],
  );

  a.c.clock = b.c.clock;
  await a.importBlocks(branchB);
  assert.equal(toHex(a.c.chain.head().hash), toHex(b.c.chain.head().hash), "A reorganised onto B");
  assert.deepEqual(snapshot(a), sB, "the state is what the surviving branch says");
  assert.equal(lastId(a), 1, "A's second channel is gone");
  assert.equal(custody(a), 0n);
});
