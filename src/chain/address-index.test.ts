/**
 * The address index on a real chain (LMDB, proof of work): its entries match a model computed
 * from the blocks, a reorg leaves exactly the index of a node that only saw the winning branch,
 * and an old datadir (no index, no mark) is indexed again to the same entries, also after a
 * crash in the middle of that.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { compareBytes, equalBytes, toHex } from "../bytes.js";
import { txHash } from "../codec/hashing.js";
import type { Tx } from "../codec/schema.js";
import type { TxKind } from "../module/interface.js";
import { ModuleRegistry } from "../module/registry.js";
import { allModules } from "../modules/index.js";
import {
  closeAfterwards,
  payloadFromJson,
  signedTx,
  TestChain,
  type TestKey,
  testGenesis,
  testKeys,
  transferTx,
} from "../testing/chain-harness.js";
import {
  addressIndexEntries,
  positionOf,
  ROLE_RECEIVED,
  ROLE_SELF,
  ROLE_SENT,
  rebuildAddressIndex,
} from "./address-index.js";
import { Chain } from "./chain.js";
import { parseCall } from "./execute.js";

const keys = testKeys(0, 1, 2, 3);
const [alice, bob, carol, dave] = keys;

/** Every entry of the address index, in key order, as hex. */
function indexOf(c: TestChain): string[] {
  const all = c.store.range("addrtx", new Uint8Array(0), new Uint8Array(45).fill(0xff));
  return [...all].map((e) => `${toHex(e.key)}=${toHex(e.value)}`);
}

/** An address's list as the store scans it: height, index, role, hash (newest first). */
function listOf(c: TestChain, address: Uint8Array): string[] {
  return c.chain.store.scanAddressIndex(address, 10_000).map(({ key, value }) => {
    const { height, index } = positionOf(key.subarray(32));
    return `${height}/${index} role ${value[0]} ${toHex(value.subarray(1))}`;
  });
}

test("roles: the sender sent, a party received, a sender that is its own party is self; parties count once", () => {
  const tx = (sender: TestKey) => ({ body: { sender: sender.pub } }) as Tx;
  const kind = { parties: (to: Uint8Array[]) => to } as unknown as TxKind;
  const entries = addressIndexEntries(7, [
    { tx: tx(alice), hash: new Uint8Array(32).fill(1), kind, args: [bob.pub, bob.pub] },
    { tx: tx(carol), hash: new Uint8Array(32).fill(2), kind, args: [carol.pub, dave.pub] },
    { tx: tx(dave), hash: new Uint8Array(32).fill(3), kind: {} as TxKind, args: undefined },
  ]);
  const seen = entries.map((e) => {
    const who = keys.findIndex((k) => equalBytes(k.pub, e.key.subarray(0, 32)));
    return [who, positionOf(e.key.subarray(32)), e.value[0], e.value[1]];
  });
  assert.deepEqual(seen, [
    [0, { height: 7, index: 0 }, ROLE_SENT, 1],
    [1, { height: 7, index: 0 }, ROLE_RECEIVED, 1],
    [2, { height: 7, index: 1 }, ROLE_SELF, 2],
    [3, { height: 7, index: 1 }, ROLE_RECEIVED, 2],
    [3, { height: 7, index: 2 }, ROLE_SENT, 3],
  ]);
  // Many parties (the map path) count the same way: each address once, in order of first mention.
  const many = [
    bob.pub,
    carol.pub,
    bob.pub,
    alice.pub,
    ...Array.from({ length: 8 }, () => dave.pub),
    carol.pub,
  ];
  const crowd = addressIndexEntries(9, [
    { tx: tx(alice), hash: new Uint8Array(32).fill(4), kind, args: many },
  ]);
  assert.deepEqual(
    crowd.map((e) => [keys.findIndex((k) => equalBytes(k.pub, e.key.subarray(0, 32))), e.value[0]]),
    [
      [0, ROLE_SELF],
      [1, ROLE_RECEIVED],
      [2, ROLE_RECEIVED],
      [3, ROLE_RECEIVED],
    ],
  );
  // Newest first: a later block, then a later position in the block, sorts first.
  const later = addressIndexEntries(8, [{ tx: tx(alice), hash: new Uint8Array(32), kind, args: [] }]);
  assert.ok(compareBytes(later[0].key, entries[0].key) < 0);
  assert.ok(compareBytes(entries[4].key, entries[3].key) < 0);
});

test("the kinds whose arguments name a counterparty declare it as their party", () => {
  const modules = new ModuleRegistry(allModules());
  const declared = modules
    .all()
    .flatMap((m) => Object.entries(m.kinds).flatMap(([name, k]) => (k.parties ? [`${m.name}/${name}`] : [])));
  assert.deepEqual(declared.sort(), [
    "allowances/grant",
    "allowances/pull",
    "channels/open",
    "coin/transfer",
    "coin/transfer-memo",
    "devices/transfer",
    "enum/transfer",
    "enum/verifier-revoke",
    "recovery/cancel-change",
    "recovery/execute",
    "recovery/lock",
    "recovery/propose",
    "recovery/unlock",
    "recovery/veto",
    "vouchers/issue",
    "vouchers/transfer",
    "vouchers/transfer-memo",
  ]);
  const to = `0x${toHex(bob.pub)}`;
  const calls: [string, string, unknown][] = [
    ["coin", "transfer", { to, amount: "1" }],
    ["devices", "transfer", { imei: "356938035643809", to }],
    ["enum", "transfer", { number: "+15551234567", to }],
    ["enum", "verifier-revoke", { verifier: to }],
    ["vouchers", "issue", { classId: 1, to, amount: "5" }],
    ["vouchers", "transfer", { classId: 1, to, amount: "5" }],
  ];
  for (const [module, kind, json] of calls) {
    const { kind: k, args } = parseCall(
      signedTx(alice, 0, module, kind, payloadFromJson(module, kind, json)),
      modules,
    );
    assert.deepEqual(k.parties?.(args), [bob.pub], `${module}/${kind}`);
  }
});

test("property: random transfers among a few keys; each key's list is the model's, newest first", async () => {
  const transfer = fc.record({
    from: fc.nat({ max: 2 }),
    to: fc.nat({ max: 3 }),
    amount: fc.integer({ min: 1, max: 999 }),
  });
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(transfer, { maxLength: 4 }), { minLength: 1, maxLength: 5 }),
      async (blocks) => {
        const c = TestChain.create();
        try {
          const nonces = [0, 0, 0];
          const model = new Map<string, string[]>();
          for (const block of blocks) {
            const txs = block.map((t) =>
              transferTx(keys[t.from], nonces[t.from]++, keys[t.to].pub, BigInt(t.amount)),
            );
            const height = (await c.extend(txs)).header.height;
            block.forEach((t, index) => {
              const hash = toHex(txHash(txs[index]));
              const roles =
                t.from === t.to
                  ? [[t.from, ROLE_SELF]]
                  : [
                      [t.from, ROLE_SENT],
                      [t.to, ROLE_RECEIVED],
                    ];
              for (const [who, role] of roles) {
                const id = toHex(keys[who].pub);
                model.set(id, [`${height}/${index} role ${role} ${hash}`, ...(model.get(id) ?? [])]);
              }
            });
          }
          for (const k of keys) assert.deepEqual(listOf(c, k.pub), model.get(toHex(k.pub)) ?? []);
        } finally {
          await c.close();
        }
      },
    ),
    { numRuns: 12 },
  );
});

test("a reorg leaves the index of a node that only saw the winning branch", async () => {
  const a = closeAfterwards(TestChain.create());
  const b = closeAfterwards(TestChain.create());
  // Common block 1, then branch A (two blocks) on a, branch B (three blocks) on b.
  const common = await a.extend([transferTx(alice, 0, bob.pub, 10n), transferTx(carol, 0, carol.pub, 3n)]);
  await b.chain.importBlock(common);
  b.clock = a.clock;
  await a.extend([transferTx(alice, 1, dave.pub, 5_000n), transferTx(bob, 0, alice.pub, 7n)]);
  await a.extend([transferTx(dave, 0, carol.pub, 1n)]);
  b.clock += 1; // other timestamps: other blocks
  const branch = [
    await b.extend([transferTx(bob, 0, carol.pub, 4n)]),
    await b.extend([transferTx(alice, 1, alice.pub, 2n), transferTx(carol, 1, bob.pub, 6n)]),
    await b.extend([transferTx(alice, 2, bob.pub, 1n)]),
  ];
  const before = keys.map((k) => listOf(a, k.pub));
  a.clock = b.clock;
  let last: Awaited<ReturnType<Chain["importBlock"]>> | undefined;
  for (const block of branch) last = await a.chain.importBlock(block);
  assert.equal(last?.disconnected.length, 2, "branch A was disconnected");
  assert.deepEqual(indexOf(a), indexOf(b));
  for (const k of keys) assert.deepEqual(listOf(a, k.pub), listOf(b, k.pub));
  assert.notDeepEqual(
    keys.map((k) => listOf(a, k.pub)),
    before,
  );
  assert.ok(listOf(a, dave.pub).length === 0, "dave's transactions were only on the losing branch");
});

/** A chain of blocks with transfers, of which the index is then thrown away. */
async function chainWithTxs(): Promise<{ c: TestChain; entries: string[] }> {
  const c = closeAfterwards(TestChain.create());
  const nonces = [0, 0, 0];
  for (let h = 1; h <= 7; h++) {
    const from = h % 3;
    const txs = [transferTx(keys[from], nonces[from]++, keys[(h + 1) % 4].pub, BigInt(h))];
    if (h % 2 === 0) txs.push(transferTx(keys[(h + 1) % 3], nonces[(h + 1) % 3]++, dave.pub, 1n));
    await c.extend(txs);
  }
  const entries = indexOf(c);
  assert.ok(entries.length >= 14);
  c.store.write((batch) => {
    for (const e of c.store.range("addrtx", new Uint8Array(0), new Uint8Array(45).fill(0xff)))
      batch.del("addrtx", e.key);
    batch.del("meta", new TextEncoder().encode("addrtx-indexed"));
  });
  assert.deepEqual(indexOf(c), []);
  assert.equal(c.chain.store.addressIndexed(), false);
  return { c, entries };
}

const reopen = (c: TestChain, onIndexProgress?: (done: number, total: number) => void) =>
  Chain.open({
    store: c.store,
    genesis: testGenesis(),
    modules: c.chain.modules,
    signatures: c.chain.signatures,
    onIndexProgress,
  });

test("opening a datadir made before the index indexes its main chain, with progress, then marks it", async () => {
  const { c, entries } = await chainWithTxs();
  const progress: [number, number][] = [];
  const chain = reopen(c, (done, total) => progress.push([done, total]));
  assert.deepEqual(progress, [[7, 7]]);
  assert.deepEqual(indexOf(c), entries);
  assert.equal(chain.store.addressIndexed(), true);
  // Indexed once: the next open does nothing.
  progress.length = 0;
  reopen(c, (done, total) => progress.push([done, total]));
  assert.deepEqual(progress, []);
});

test("a rebuild that crashes between batches leaves no mark, and the next open completes it", async () => {
  const { c, entries } = await chainWithTxs();
  const crash = new Error("crash after a batch");
  assert.throws(
    () =>
      rebuildAddressIndex(
        c.chain.store,
        c.chain.modules,
        7,
        (done) => {
          if (done === 2) throw crash;
        },
        2,
      ),
    crash,
  );
  assert.ok(indexOf(c).length > 0 && indexOf(c).length < entries.length, "one batch was written");
  assert.equal(c.chain.store.addressIndexed(), false);
  const progress: number[] = [];
  rebuildAddressIndex(c.chain.store, c.chain.modules, 7, (done) => progress.push(done), 3);
  assert.deepEqual(progress, [3, 6, 7]);
  assert.deepEqual(indexOf(c), entries);
  assert.equal(c.chain.store.addressIndexed(), true);
});

test("a new datadir is marked indexed by its genesis", () => {
  assert.equal(closeAfterwards(TestChain.create()).chain.store.addressIndexed(), true);
});
