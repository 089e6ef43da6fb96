/**
 * The carriers contract (expected-carriers.ts) against the REAL carriers module: a carrier
 * registered with carriers/register can flag and clear devices; other keys cannot.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { Tx } from "../../codec/schema.js";
import { modulePrefix } from "../../module/registry.js";
import { prefixedReader } from "../../state/overlay.js";
import { candidate, signedTx, TestChain, type TestKey, testKey } from "../../testing/chain-harness.js";
import { CarrierDataPayload } from "../carriers/schemas.js";
import { carrierOfOperator } from "../carriers/store.js";
import { carriersReader } from "./expected-carriers.js";
import { lookupDevice } from "./lookup.js";
import { FlagPayload, ImeiPayload } from "./schemas.js";
import { IMEI_1, utf8 } from "./test-chain.js";

const OWNER = testKey(0);
const OPERATOR = testKey(1);
const STRANGER = testKey(2);

let chain: TestChain | undefined;
after(() => chain?.close());

test("an operator of a carrier registered through carriers/register flags and clears a device", async () => {
  const c = TestChain.create();
  chain = c;
  const nonces = new Map<TestKey, number>();
  const tx = (key: TestKey, module: string, kind: string, payload: Uint8Array): Tx => {
    const n = nonces.get(key) ?? 0;
    nonces.set(key, n + 1);
    return signedTx(key, n, module, kind, payload);
  };
  const flag = (key: TestKey) =>
    tx(
      key,
      "devices",
      "flag",
      FlagPayload.serialize({ imei: utf8(IMEI_1), reason: 2, evidence: new Uint8Array(32) }),
    );

  await c.extend([
    tx(
      OPERATOR,
      "carriers",
      "register",
      CarrierDataPayload.serialize({
        id: "ACME",
        name: "Acme Telecom",
        routingPrefixes: ["1555000"],
        sipIngress: [],
      }),
    ),
    tx(OWNER, "devices", "register", ImeiPayload.serialize({ imei: utf8(IMEI_1) })),
  ]);
  const carriersState = prefixedReader(c.chain.state, modulePrefix("carriers"));
  assert.equal(carrierOfOperator(carriersState, OPERATOR.pub), "ACME");
  assert.equal(
    carriersReader(carriersState).carrierOf(OPERATOR.pub),
    "ACME",
    "the contract reads what carriers wrote",
  );
  assert.equal(carriersReader(carriersState).carrierOf(STRANGER.pub), undefined);

  // a key that operates no carrier (its tx is refused, so its nonce is not used up)
  const refused = c.chain.buildTemplate(testKey(9).pub, [candidate(flag(STRANGER))]).rejected;
  nonces.delete(STRANGER);
  assert.equal(refused[0]?.error.code, "DEVICES_NOT_CARRIER");

  await c.extend([flag(OPERATOR)]);
  const devices = () => lookupDevice(prefixedReader(c.chain.state, modulePrefix("devices")), IMEI_1);
  assert.equal(devices().status, "stolen");
  assert.equal(devices().flaggedBy, "ACME");
  assert.equal(devices().reason, "fraud");

  await c.extend([tx(OPERATOR, "devices", "recover", ImeiPayload.serialize({ imei: utf8(IMEI_1) }))]);
  assert.equal(devices().status, "clean");
  assert.deepEqual(devices().history.at(-1)?.by, "ACME");
});
