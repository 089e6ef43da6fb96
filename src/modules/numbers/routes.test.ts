/** GET /v1/numbers/:e164 through Fastify's inject: the dip answer, 400 and 404. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeAddress } from "../../crypto/address.js";
import { closeAfterwards, testKeys } from "../../testing/chain-harness.js";
import { routesUnderTest } from "../../testing/routes-app.js";
import { claim, confirm, fresh, port, registerCarrier, TEST_PARAMS } from "./fixtures.test.js";
import { numbersModule } from "./index.js";

const [opA, opB, sub] = testKeys(0, 1, 2);
const t = closeAfterwards(fresh());
const app = routesUnderTest(numbersModule, t, async () => {
  await t.mine(
    t.call(opA, registerCarrier("AAA", ["1555000"])),
    t.call(opB, registerCarrier("BBB", ["1666"])),
  );
  await t.mine(t.call(sub, claim("+15551230000", "AAA")), t.call(sub, claim("+15551230001", "AAA")));
  await t.mine(t.call(opA, confirm("+15551230000")));
  await t.mine(t.call(sub, port("+15551230000", "BBB")));
});

test("an active number with a pending port, in every accepted spelling", async () => {
  for (const path of ["%2B15551230000", "15551230000", "+15551230000"]) {
    const res = await app.inject({ method: "GET", url: `/v1/numbers/${path}` });
    assert.equal(res.statusCode, 200, path);
    assert.deepEqual(res.json(), {
      number: "+15551230000",
      holder: encodeAddress(sub.pub),
      carrier: "AAA",
      routingNumber: "1555000",
      ported: false,
      status: "active",
      deposit: TEST_PARAMS.claimDeposit,
      claimedAt: 2,
      confirmBy: null,
      confirmedAt: 3,
      pendingPort: { toCarrier: "BBB", requestedAt: 4, deadline: 4 + TEST_PARAMS.portDeadline },
      history: [
        { seq: 0, kind: "claimed", height: 2, fromCarrier: null, toCarrier: "AAA", routingNumber: null },
        {
          seq: 1,
          kind: "confirmed",
          height: 3,
          fromCarrier: null,
          toCarrier: "AAA",
          routingNumber: "1555000",
        },
      ],
    });
  }
});

test("a pending claim", async () => {
  const res = await app.inject({ method: "GET", url: "/v1/numbers/15551230001" });
  assert.equal(res.statusCode, 200);
  const v = res.json();
  assert.equal(v.status, "pending-confirmation");
  assert.equal(v.routingNumber, null);
  assert.equal(v.confirmBy, 2 + TEST_PARAMS.confirmDeadline);
  assert.equal(v.pendingPort, undefined);
});

test("400 NUMBERS_BAD_NUMBER, 404 for a number nobody claims", async () => {
  const bad = await app.inject({ method: "GET", url: "/v1/numbers/+1555" });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, "NUMBERS_BAD_NUMBER");
  const missing = await app.inject({ method: "GET", url: "/v1/numbers/15551239999" });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, "NOT_FOUND");
});
