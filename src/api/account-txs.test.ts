/**
 * GET /v1/accounts/:address/txs on a real chain through the node service and the API server:
 * sender and recipient both list a transfer with their role, newest first; pages continue
 * exactly; bad input is refused with its code.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { toHex } from "../bytes.js";
import { listAccountTxs } from "../client/actions/accounts.js";
import { ApiClient } from "../client/api-client.js";
import { txHash } from "../codec/hashing.js";
import type { Block, Tx } from "../codec/schema.js";
import { encodeAddress } from "../crypto/address.js";
import { Mempool } from "../mempool/mempool.js";
import { NodeService } from "../node/service.js";
import type { AccountTxView } from "../node/types.js";
import { closeAfterwards, TestChain, testKeys, transferTx } from "../testing/chain-harness.js";
import { createApiServer } from "./server.js";

const [alice, bob, carol] = testKeys(0, 1, 2);
const c = closeAfterwards(TestChain.create());
let app: FastifyInstance;
let client: ApiClient;
const blocks: Block[] = [];
const txs: Tx[] = [];

before(async () => {
  // Block 1: alice -> bob; block 2: bob -> carol, alice -> alice; block 3: carol -> alice.
  const plan = [
    [transferTx(alice, 0, bob.pub, 100n)],
    [transferTx(bob, 0, carol.pub, 20n), transferTx(alice, 1, alice.pub, 3n)],
    [transferTx(carol, 0, alice.pub, 5n)],
  ];
  for (const p of plan) {
    blocks.push(await c.extend(p));
    txs.push(...p);
  }
  const limits = { maxTxs: 100, maxBytes: 1 << 20, maxPerSender: 10, replaceBumpPercent: 10 };
  app = await createApiServer(new NodeService(c.chain, new Mempool(limits)));
  client = new ApiClient(await app.listen({ host: "127.0.0.1", port: 0 }));
});
after(() => app?.close());

/** Every item of an address's list, page after page of `limit`, through the typed client action. */
async function allPages(address: string, limit: number): Promise<{ items: AccountTxView[]; pages: number }> {
  const items: AccountTxView[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listAccountTxs(client, { address, limit, cursor });
    items.push(...page.items);
    cursor = page.next ?? undefined;
    pages++;
  } while (cursor !== undefined);
  return { items, pages };
}

const summary = (items: AccountTxView[]) => items.map((t) => `${t.height}/${t.index} ${t.role} ${t.hash}`);
const hash = (i: number) => toHex(txHash(txs[i]));

test("sender and recipient both list a transfer with their role, newest first", async () => {
  const { items } = await allPages(encodeAddress(alice.pub), 50);
  assert.deepEqual(summary(items), [`3/0 received ${hash(3)}`, `2/1 self ${hash(2)}`, `1/0 sent ${hash(0)}`]);
  assert.deepEqual(summary((await allPages(encodeAddress(bob.pub), 50)).items), [
    `2/0 sent ${hash(1)}`,
    `1/0 received ${hash(0)}`,
  ]);
  const first = items[2];
  assert.deepEqual(first, {
    hash: hash(0),
    height: 1,
    index: 0,
    blockHash: toHex(c.chain.store.mainHash(1) as Uint8Array),
    timestamp: blocks[0].header.timestamp,
    role: "sent",
    sender: encodeAddress(alice.pub),
    nonce: 0,
    fee: "1000",
    expiry: 0,
    module: "coin",
    kind: "transfer",
    payload: { to: encodeAddress(bob.pub), amount: "100" },
    size: first.size,
  });
  assert.ok(first.size > 100);
  assert.deepEqual(await listAccountTxs(client, { address: encodeAddress(testKeys(7)[0].pub) }), {
    items: [],
    next: null,
  });
});

test("pages continue exactly after each other; the last one has next null", async () => {
  const address = encodeAddress(alice.pub);
  const whole = summary((await allPages(address, 50)).items);
  for (const limit of [1, 2, 3]) {
    const paged = await allPages(address, limit);
    assert.deepEqual(summary(paged.items), whole, `limit ${limit}`);
    assert.equal(paged.pages, Math.ceil(whole.length / limit), `limit ${limit}: no empty last page`);
  }
});

test("a bad address, cursor or limit is 400 with its code", async () => {
  const address = encodeAddress(alice.pub);
  const cases: [string, string][] = [
    ["/v1/accounts/tel1nope/txs", "ADDRESS_INVALID"],
    [`/v1/accounts/${address}/txs?cursor=zz`, "BAD_CURSOR"],
    [`/v1/accounts/${address}/txs?cursor=00`, "BAD_CURSOR"],
    [`/v1/accounts/${address}/txs?limit=0`, "BAD_REQUEST"],
    [`/v1/accounts/${address}/txs?limit=101`, "BAD_REQUEST"],
  ];
  for (const [url, code] of cases) {
    const res = await app.inject({ method: "GET", url });
    assert.equal(res.statusCode, 400, url);
    assert.equal(res.json().error.code, code, url);
  }
});
