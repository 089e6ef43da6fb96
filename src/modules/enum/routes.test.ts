/** The ENUM HTTP routes on a real chain, through Fastify's inject. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import { testKey } from "../../testing/chain-harness.js";
import { routesUnderTest } from "../../testing/routes-app.js";
import { commitHash } from "./attestation.js";
import { commit, enumChain, registerNumber, SIP, TEST_PARAMS, VERIFIER } from "./fixtures.test.js";
import { enumModule } from "./index.js";

const A = testKey(0);
const e = enumChain();
let pendingSalt: Uint8Array;
let pendingHeight: number;
const app = routesUnderTest(enumModule, e, async () => {
  await registerNumber(e, A, "+15551234567", [SIP("alice")]);
  pendingSalt = await commit(e, A, "+15551234568");
  pendingHeight = e.height;
});

test("GET /v1/enum/:e164 with %2B, a raw + or bare digits", async () => {
  for (const path of ["%2B15551234567", "+15551234567", "15551234567"]) {
    const res = await app.inject({ method: "GET", url: `/v1/enum/${path}` });
    assert.equal(res.statusCode, 200, path);
    const body = res.json();
    assert.equal(body.number, "+15551234567");
    assert.equal(body.owner, encodeAddress(A.pub));
    assert.equal(body.verifier, encodeAddress(VERIFIER.pub));
    assert.equal(body.status, "active");
    assert.equal(body.served, true);
    assert.equal(body.expiresAt, body.registeredAt + TEST_PARAMS.registrationPeriod);
    assert.deepEqual(body.records, [{ ...SIP("alice"), flags: "U" }]);
    assert.deepEqual(Object.keys(body), [
      "number",
      "owner",
      "verifier",
      "registeredAt",
      "expiresAt",
      "attestedUntil",
      "served",
      "status",
      "records",
    ]);
  }
});

test("malformed numbers are 400 ENUM_BAD_NUMBER, unregistered ones 404", async () => {
  for (const path of ["%2B1555", "%2B999123456", "abc"]) {
    const res = await app.inject({ method: "GET", url: `/v1/enum/${path}` });
    assert.equal(res.statusCode, 400, path);
    assert.equal(res.json().error.code, "ENUM_BAD_NUMBER");
  }
  const res = await app.inject({ method: "GET", url: "/v1/enum/%2B15551239999" });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().error.code, "NOT_FOUND");
});

test("GET /v1/enum/verifiers lists the genesis verifier", async () => {
  const res = await app.inject({ method: "GET", url: "/v1/enum/verifiers" });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json().verifiers, [
    {
      address: encodeAddress(VERIFIER.pub),
      name: "test verifier",
      bond: "0",
      registeredAt: 0,
      active: true,
      revokedAt: null,
      revokedBy: null,
    },
  ]);
});

test("GET /v1/enum/commits/:hash tells when the reveal may come", async () => {
  const hash = toHex(commitHash("+15551234568", A.pub, pendingSalt));
  const expected = {
    hash,
    sender: encodeAddress(A.pub),
    height: pendingHeight,
    matureAt: pendingHeight + TEST_PARAMS.commitMinAge,
    expiresAt: pendingHeight + TEST_PARAMS.commitMaxAge,
  };
  const any = await app.inject({ method: "GET", url: `/v1/enum/commits/${hash}` });
  assert.deepEqual(any.json(), expected);
  const mine = await app.inject({
    method: "GET",
    url: `/v1/enum/commits/${hash}?sender=${encodeAddress(A.pub)}`,
  });
  assert.deepEqual(mine.json(), expected);
  const theirs = await app.inject({
    method: "GET",
    url: `/v1/enum/commits/${hash}?sender=${encodeAddress(testKey(1).pub)}`,
  });
  assert.equal(theirs.statusCode, 404);
  const consumed = toHex(new Uint8Array(32));
  assert.equal((await app.inject({ method: "GET", url: `/v1/enum/commits/${consumed}` })).statusCode, 404);
});
