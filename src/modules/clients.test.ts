/**
 * The SDK's typed client (src/sdk/index.ts: the core's actions and `modules`) against the real API
 * server over real chains (real LMDB, blocks made by the modules' own transactions) on a real socket:
 * every route the node documents has exactly one function, calling the route it names; and a sample of
 * module functions (a device, a number, a carrier, a voucher class, lists paged with a cursor) answers
 * what the node holds, and a refusal rejects with the route's code.
 */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { createApiServer } from "../api/server.js";
import * as coreActions from "../client/actions/index.js";
import { encodeAddress } from "../crypto/address.js";
import { isTelchainError } from "../errors.js";
import { Mempool } from "../mempool/mempool.js";
import { NodeService } from "../node/service.js";
import * as sdk from "../sdk/index.js";
import { testKeys } from "../testing/chain-harness.js";
import type { ModuleTestChain } from "../testing/module-chain.js";
import { dc, devicesChain, IMEI_1, IMEI_2, IMEI_3 } from "./devices/fixtures.test.js";
import { activeNumber, fresh as numbersChain } from "./numbers/fixtures.test.js";
import { ALICE, carriersChain, ISSUER, ISSUER_OP, vc } from "./vouchers/fixtures.test.js";

const LIMITS = { maxTxs: 100, maxBytes: 1 << 20, maxPerSender: 10, replaceBumpPercent: 10 };

/** The node's API over `t`'s chain on a free loopback port, and an SDK client of it, for `fn`. */
async function withApi(t: ModuleTestChain, fn: (client: sdk.ApiClient, base: string) => Promise<void>) {
  const app = await createApiServer(new NodeService(t.c.chain, new Mempool(LIMITS)));
  try {
    await app.listen({ host: "127.0.0.1", port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await fn(new sdk.ApiClient(base), base);
  } finally {
    await app.close();
    await t.close();
  }
}

/** The routes with no typed function, and why. */
const NOT_JSON: Record<string, string> = {
  getMetrics: "Prometheus text, for a scraper",
  streamVoucherRedemptions: "server-sent events, for an EventSource",
};

/** The core's and the modules' typed functions, as the SDK exports them: [name, where, function]. */
function sdkFunctions(): [name: string, where: string, fn: unknown][] {
  const out: [string, string, unknown][] = [];
  for (const [name, fn] of Object.entries(coreActions)) {
    assert.equal((sdk as Record<string, unknown>)[name], fn, `the SDK exports ${name}`);
    out.push([name, "core", fn]);
  }
  for (const [module, fns] of Object.entries(sdk.modules))
    for (const [name, fn] of Object.entries(fns)) out.push([name, module, fn]);
  return out;
}

test("every route the node documents has exactly one typed function in the SDK, calling that route", async () => {
  await withApi(numbersChain(), async (_client, base) => {
    const doc = (await (await fetch(`${base}/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string; tags: string[] }>>;
    };
    const functions = sdkFunctions();
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), ...op })),
    );
    assert.ok(operations.length > 60, `the document lists the modules' routes too (${operations.length})`);
    const missing: string[] = [];
    for (const op of operations) {
      const found = functions.filter(([name]) => name === op.operationId);
      if (op.operationId in NOT_JSON) {
        assert.equal(found.length, 0, `${op.operationId} has no function: ${NOT_JSON[op.operationId]}`);
        continue;
      }
      if (found.length === 0) missing.push(`${op.method} ${op.path} (${op.operationId})`);
      assert.ok(found.length <= 1, `${op.operationId}: one function, not ${found.map(([, w]) => w)}`);
      const hit = found[0];
      if (hit && hit[1] !== "core") {
        assert.equal(hit[1], op.tags[0], `${op.operationId} is under its module's name`);
        const route = (hit[2] as sdk.RouteAction<[], unknown>).route;
        assert.equal(route.method, op.method, op.operationId);
        assert.equal(route.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}"), op.path, op.operationId);
      }
    }
    assert.deepEqual(missing, [], "routes without a typed function in the SDK");
    const known = new Set(operations.map((op) => op.operationId));
    const stale = functions.filter(([name]) => !known.has(name)).map(([n, w]) => `${w}.${n}`);
    assert.deepEqual(stale, [], "SDK functions of no route");
  });
});

test("devices: getDevice answers clean, stolen and unregistered; listDevices pages with a cursor", async () => {
  const t = devicesChain();
  const [owner] = testKeys(0);
  await t.mine(t.call(owner, dc.register(IMEI_1)), t.call(owner, dc.register(IMEI_2)));
  await t.mine(t.call(owner, dc.report(IMEI_1, "stolen")));
  await withApi(t, async (client) => {
    const { devices } = sdk.modules;
    const stolen = await devices.getDevice(client, { imei: IMEI_1 });
    assert.equal(stolen.status, "stolen");
    assert.equal(stolen.reason, "stolen");
    assert.equal(stolen.owner, encodeAddress(owner.pub));
    assert.equal((await devices.getDevice(client, { imei: IMEI_2 })).status, "clean");
    assert.equal((await devices.getDevice(client, { imei: IMEI_3 })).status, "unregistered");
    const first = await devices.listDevices(client, { owner: encodeAddress(owner.pub), limit: 1 });
    assert.equal(first.items.length, 1);
    assert.ok(first.next, "a cursor to the second page");
    const second = await devices.listDevices(client, {
      owner: encodeAddress(owner.pub),
      limit: 1,
      cursor: first.next ?? undefined,
    });
    assert.deepEqual(
      [...first.items, ...second.items].map((d) => d.imei).sort(),
      [IMEI_1, IMEI_2].sort(),
      "the two pages hold both devices once",
    );
    await assert.rejects(devices.getDevice(client, { imei: "12345" }), (e) => {
      assert.ok(isTelchainError(e));
      assert.equal(e.code, "DEVICES_BAD_IMEI");
      return true;
    });
  });
});

test("numbers and carriers: getNumber (the + in the path), listNumbers by carrier, getCarrier, listCarriers", async () => {
  const t = numbersChain();
  const [, opB, sub] = await activeNumber(t, "+15551230000");
  await withApi(t, async (client) => {
    const { numbers, carriers } = sdk.modules;
    const n = await numbers.getNumber(client, { e164: "+15551230000" });
    assert.equal(n.number, "+15551230000");
    assert.equal(n.carrier, "AAA");
    assert.equal(n.status, "active");
    assert.equal(n.holder, encodeAddress(sub.pub));
    const byCarrier = await numbers.listNumbers(client, { carrier: "AAA" });
    assert.deepEqual(
      byCarrier.items.map((x) => x.number),
      ["+15551230000"],
    );
    assert.equal(byCarrier.next, null);
    const c = await carriers.getCarrier(client, { id: "BBB" });
    assert.deepEqual(c.routingPrefixes, ["1666"]);
    assert.deepEqual(c.operators, [encodeAddress(opB.pub)]);
    const page = await carriers.listCarriers(client, { limit: 1 });
    assert.equal(page.items.length, 1);
    const rest = await carriers.listCarriers(client, { cursor: page.next ?? undefined });
    assert.ok(
      [...page.items, ...rest.items].some((x) => x.id === "AAA") &&
        [...page.items, ...rest.items].some((x) => x.id === "BBB"),
    );
    await assert.rejects(
      carriers.getCarrier(client, { id: "ZZZ" }),
      (e) => isTelchainError(e) && e.code === "NOT_FOUND",
    );
  });
});

test("vouchers: getVoucherClass, listVoucherClasses by issuer, getVoucherBalance (a defineRoute route)", async () => {
  const t = await carriersChain();
  const holder = ALICE;
  await t.mine(t.call(ISSUER_OP, vc.create({ expiry: 500, cap: 10_000n })));
  await t.mine(t.call(ISSUER_OP, vc.issue(1, holder, 60n)));
  await withApi(t, async (client) => {
    const { vouchers } = sdk.modules;
    const c = await vouchers.getVoucherClass(client, { id: "1" });
    assert.equal(c.id, 1);
    assert.equal(c.issuer, ISSUER);
    assert.equal(c.supply, "60");
    const classes = await vouchers.listVoucherClasses(client, { issuer: ISSUER });
    assert.deepEqual(
      classes.items.map((x) => x.id),
      [c.id],
    );
    const b = await vouchers.getVoucherBalance(client, { id: "1", address: encodeAddress(holder.pub) });
    assert.equal(b.amount, "60");
  });
});
