/** GET /v1/devices/:imei on a real chain, through Fastify's inject with the API's error shape. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeAddress } from "../../crypto/address.js";
import { closeAfterwards, testKeys } from "../../testing/chain-harness.js";
import { routesUnderTest } from "../../testing/routes-app.js";
import { dc, devicesChain, IMEI_1, IMEI_2, IMEI_3, OPERATOR } from "./fixtures.test.js";
import { devicesModule } from "./index.js";

const [MAKER, OWNER] = testKeys(0, 1);
const c = closeAfterwards(devicesChain());
const app = routesUnderTest(devicesModule, c, async () => {
  await c.mine(c.call(MAKER, dc.register(IMEI_1)), c.call(MAKER, dc.register(IMEI_2)));
  await c.mine(c.call(MAKER, dc.transfer(IMEI_1, OWNER)));
  await c.mine(c.call(OWNER, dc.accept(IMEI_1)));
  await c.mine(c.call(OPERATOR, dc.flag(IMEI_1, "fraud", new Uint8Array(32).fill(0xab))));
  await c.mine(c.call(MAKER, dc.transfer(IMEI_2, OWNER)));
});

test("a flagged device: status, reason, carrier, current owner only, history without addresses", async () => {
  const res = await app.inject({ method: "GET", url: `/v1/devices/${IMEI_1}` });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.imei, IMEI_1);
  assert.equal(body.status, "stolen");
  assert.equal(body.reason, "fraud");
  assert.equal(body.flaggedBy, "TESTCARRIER");
  assert.equal(body.evidence, "ab".repeat(32));
  assert.equal(body.owner, encodeAddress(OWNER.pub));
  assert.equal(body.since, 4);
  assert.equal(body.registeredAt, 1);
  assert.deepEqual(
    body.history.map((e: { event: string; height: number }) => [e.event, e.height]),
    [
      ["registered", 1],
      ["transferred", 3],
      ["flagged", 4],
    ],
  );
  assert.ok(!res.body.includes(encodeAddress(MAKER.pub)), "the past owner is not in the answer");
});

test("a clean device with an open offer shows the buyer it is offered to", async () => {
  const body = (await app.inject({ method: "GET", url: `/v1/devices/${IMEI_2}` })).json();
  assert.equal(body.status, "clean");
  assert.equal(body.reason, null);
  assert.equal(body.flaggedBy, null);
  assert.equal(body.owner, encodeAddress(MAKER.pub));
  assert.deepEqual(body.pendingTransfer, { to: encodeAddress(OWNER.pub), since: 5 });
});

test("a valid but unregistered IMEI is 200 unregistered, not 404", async () => {
  const res = await app.inject({ method: "GET", url: `/v1/devices/${IMEI_3}` });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), {
    imei: IMEI_3,
    status: "unregistered",
    reason: null,
    flaggedBy: null,
    evidence: null,
    owner: null,
    since: null,
    registeredAt: null,
    pendingTransfer: null,
    history: [],
    historyTotal: 0,
  });
});

test("a malformed IMEI is 400 DEVICES_BAD_IMEI with the reason", async () => {
  const cases: [string, RegExp][] = [
    ["49015420323751", /must be 15 digits, got 14/],
    ["490154203237519", /check digit is 9, expected 8/],
    ["49015420323751a", /must contain only digits/],
    ["%2B490154203237518", /must contain only digits/],
  ];
  for (const [imei, message] of cases) {
    const res = await app.inject({ method: "GET", url: `/v1/devices/${imei}` });
    assert.equal(res.statusCode, 400, imei);
    assert.equal(res.json().error.code, "DEVICES_BAD_IMEI");
    assert.match(res.json().error.message, message);
  }
});
