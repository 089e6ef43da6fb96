/**
 * GET /v1/devices?owner=: the owner index follows registrations and sales, pages continue
 * exactly, bad input is 400 with a code, and a reorg takes it back to the surviving branch.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "../../api/paging.js";
import { toHex } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import { closeAfterwards, SPACING, testKey } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { assertListRefusals, getFromRoutes } from "../../testing/routes-app.js";
import { dc, devicesChain, IMEI_1, IMEI_2, IMEI_3 } from "./fixtures.test.js";
import { devicesModule } from "./index.js";
import type { DeviceView } from "./lookup.js";

const OWNER = testKey(0);
const BUYER = testKey(1);

const fresh = (): ModuleTestChain => closeAfterwards(devicesChain());

type Answer = Page<DeviceView> & { error?: { code: string } };
const list = (t: ModuleTestChain, query: string) =>
  getFromRoutes<Answer>(devicesModule, t.query("devices"), `/v1/devices?${query}`);
const owner = (key: { pub: Uint8Array }) => `owner=${encodeAddress(key.pub)}`;
async function imeis(t: ModuleTestChain, query: string): Promise<string[]> {
  const r = await list(t, query);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items.map((d) => d.imei);
}
const sorted = [IMEI_1, IMEI_2, IMEI_3].sort();

test("an owner's devices in IMEI order, following a sale; paged with exact cursors", async () => {
  const t = fresh();
  await t.mine(
    t.call(OWNER, dc.register(IMEI_1)),
    t.call(OWNER, dc.register(IMEI_2)),
    t.call(OWNER, dc.register(IMEI_3)),
  );
  assert.deepEqual(await imeis(t, owner(OWNER)), sorted);
  assert.deepEqual(await imeis(t, owner(BUYER)), []);
  const one = await list(t, `${owner(OWNER)}&limit=2`);
  assert.deepEqual(
    one.body.items.map((d) => d.imei),
    sorted.slice(0, 2),
  );
  assert.equal(one.body.items[0]?.status, "clean", "items are the check route's view");
  const two = await list(t, `${owner(OWNER)}&limit=2&cursor=${one.body.next}`);
  assert.deepEqual(
    two.body.items.map((d) => d.imei),
    sorted.slice(2),
  );
  assert.equal(two.body.next, null);

  await t.mine(t.call(OWNER, dc.transfer(IMEI_1, BUYER)));
  assert.deepEqual(await imeis(t, owner(OWNER)), sorted, "an open offer does not move the device");
  await t.mine(t.call(BUYER, dc.accept(IMEI_1)));
  assert.deepEqual(
    await imeis(t, owner(OWNER)),
    sorted.filter((i) => i !== IMEI_1),
  );
  assert.deepEqual(await imeis(t, owner(BUYER)), [IMEI_1]);
  // a stolen report keeps the owner (and the device in the list, with its status)
  await t.mine(t.call(BUYER, dc.report(IMEI_1, "stolen")));
  const stolen = await list(t, owner(BUYER));
  assert.deepEqual(
    stolen.body.items.map((d) => [d.imei, d.status]),
    [[IMEI_1, "stolen"]],
  );
});

test("bad list requests are 400 with a code", async () => {
  const t = fresh();
  const cases: [string, string][] = [
    ["", "BAD_REQUEST"],
    ["owner=", "ADDRESS_INVALID"],
    ["owner=tel1xyz", "ADDRESS_INVALID"],
    [`${owner(OWNER)}&limit=0`, "BAD_REQUEST"],
    [`${owner(OWNER)}&cursor=0g`, "BAD_CURSOR"],
  ];
  await assertListRefusals((query) => list(t, query), cases);
});

test("after a reorg an owner's list is what the surviving branch says", async () => {
  const a = fresh();
  const b = fresh();
  const common = await a.mine(a.call(OWNER, dc.register(IMEI_1)), a.call(OWNER, dc.transfer(IMEI_1, BUYER)));
  await b.c.chain.importBlock(common);
  b.c.clock = a.c.clock;
  // Branch A: the buyer accepts and registers another device.
  await a.mine(a.call(BUYER, dc.accept(IMEI_1)), a.call(BUYER, dc.register(IMEI_2)));
  assert.deepEqual(await imeis(a, owner(BUYER)), [IMEI_1, IMEI_2].sort());
  assert.deepEqual(await imeis(a, owner(OWNER)), []);
  // Branch B (heavier): nothing happens.
  b.c.clock += 1;
  const branch = [await b.mine(), await b.mine()];
  a.c.clock = b.c.clock + SPACING;
  for (const block of branch) await a.c.chain.importBlock(block);
  assert.equal(toHex(a.c.chain.head().hash), toHex(b.c.chain.head().hash), "A reorganised onto B");
  assert.deepEqual(await imeis(a, owner(BUYER)), []);
  assert.deepEqual(await imeis(a, owner(OWNER)), [IMEI_1]);
  assert.deepEqual((await list(a, owner(OWNER))).body, (await list(b, owner(OWNER))).body);
});
