/**
 * NodeService.submitBlock, cheap checks first: the header (the block's fixed-size first field)
 * is decoded alone and checked (known, proof of work, parent known, context, side-chain rule)
 * before the transactions are decoded. Property: blocks (next on the head, a side block near
 * the tip, a cheap fork, an orphan), their mutations and random bytes are imported or refused
 * with a declared code, and a refused one writes nothing.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { concatBytes } from "../bytes.js";
import { headerHash } from "../codec/hashing.js";
import { Block, Header } from "../codec/schema.js";
import { CORE_ERROR_CATALOGUES } from "../core-errors.js";
import { isTelchainError } from "../errors.js";
import { Mempool } from "../mempool/mempool.js";
import { allModules } from "../modules/index.js";
import type { Bucket } from "../storage/interface.js";
import { closeAfterwards, mine, T0, TestChain, testKey, transferTx } from "../testing/chain-harness.js";
import { mutated } from "../testing/kind-properties.js";
import { NodeService } from "./service.js";

const declared = new Set(
  [...CORE_ERROR_CATALOGUES, ...allModules().flatMap((m) => (m.errors ? [m.errors] : []))].flatMap((c) =>
    Object.keys(c.codes),
  ),
);

function serviceOver(c: TestChain): NodeService {
  return new NodeService(
    c.chain,
    new Mempool({ maxTxs: 1000, maxBytes: 1 << 24, maxPerSender: 100, replaceBumpPercent: 10 }),
  );
}

function entries(c: TestChain, bucket: Bucket): number {
  let n = 0;
  for (const _ of c.store.range(bucket, new Uint8Array([0]), new Uint8Array(40).fill(0xff))) n++;
  return n;
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isTelchainError(e)) return e.code;
    throw e;
  }
  return "accepted";
}

/** A main chain of 20 blocks and a chain (`other`) holding its first `upTo`, to fork from. */
async function setup(upTo: number) {
  const c = closeAfterwards(TestChain.create());
  const main: Block[] = [];
  for (let i = 0; i < 20; i++) main.push(await c.extend());
  const other = closeAfterwards(TestChain.create());
  other.clock = main[upTo - 1].header.timestamp;
  for (const b of main.slice(0, upTo)) await other.chain.importBlock(b);
  return { c, main, other, service: serviceOver(c) };
}

/** `header` (re-mined) followed by bytes that are no transaction list. */
function headerAndJunk(header: Header): Uint8Array {
  const h = mine({ header, txs: [] }).header;
  return concatBytes(Header.serialize(h), new Uint8Array([164, 0, 0, 0]), new Uint8Array(500).fill(0xee));
}

test("the header is checked before the transactions are decoded", async () => {
  const { c, main, other, service } = await setup(5);
  const next = c.template();
  const before = entries(c, "blocks");
  // The header is fine, on the head: only the full decode finds the transactions malformed.
  assert.equal(await code(service.submitBlock(headerAndJunk(next.header))), "CODEC_MALFORMED");
  // An unknown parent, a weak fork (from block 5 of 20): refused on the header alone, the
  // junk after it is never decoded.
  const orphan = headerAndJunk({ ...next.header, parent: new Uint8Array(32).fill(9) });
  assert.equal(await code(service.submitBlock(orphan)), "BLOCK_UNKNOWN_PARENT");
  const weak = headerAndJunk(other.template([], testKey(8).pub).header);
  assert.equal(await code(service.submitBlock(weak)), "BLOCK_SIDE_CHAIN_TOO_WEAK");
  // A known header: nothing to do, whatever follows it.
  const known = concatBytes(Header.serialize(main[3].header), new Uint8Array(8));
  assert.deepEqual(await service.submitBlock(known), {
    hash: Buffer.from(headerHash(main[3].header)).toString("hex"),
    status: "known",
  });
  assert.equal(entries(c, "blocks"), before, "nothing written");
});

test("property: blocks, their mutations and random bytes are imported or refused with a declared code, a refusal writing nothing", async () => {
  const { c, other, service } = await setup(18);
  // Candidates: the next block with a transfer, a side block near the tip, a cheap fork from
  // genesis, an orphan.
  const next = c.template([transferTx(testKey(0), 0, testKey(1).pub, 9n)]);
  c.clock -= 10; // templates advance the clock; the import must not see it in the future
  const side = other.template([transferTx(testKey(1), 0, testKey(2).pub, 3n)], testKey(8).pub);
  const cheap = closeAfterwards(TestChain.create());
  cheap.clock = T0 + 3;
  const fork = cheap.template([transferTx(testKey(2), 0, testKey(0).pub, 1n)]);
  const orphan = mine({ header: { ...next.header, parent: new Uint8Array(32).fill(4) }, txs: next.txs });
  const candidates = [next, side, fork, orphan].map((b) => Block.serialize(b));
  const codes = new Set<string>();
  await fc.assert(
    fc.asyncProperty(mutated(fc.constantFrom(...candidates)), async (bytes) => {
      const stored = { blocks: entries(c, "blocks"), headers: entries(c, "headers") };
      const result = await code(service.submitBlock(bytes, "peer"));
      codes.add(result);
      if (result === "accepted") return;
      assert.ok(declared.has(result), `undeclared code ${result}`);
      assert.deepEqual({ blocks: entries(c, "blocks"), headers: entries(c, "headers") }, stored, result);
    }),
    { numRuns: 300 },
  );
  for (const expected of ["accepted", "BLOCK_UNKNOWN_PARENT", "BLOCK_SIDE_CHAIN_TOO_WEAK", "BLOCK_BAD_POW"])
    assert.ok(codes.has(expected), `${expected} never seen: ${[...codes].join(", ")}`);
});
