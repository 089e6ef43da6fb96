/**
 * devices against the REAL carriers module, through its keeper (expected-keepers.ts): a
 * carrier registered with carriers/register flags and clears devices; other keys cannot.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { ContainerType, Type } from "@chainsafe/ssz";
import { TextType } from "../../codec/text.js";
import type { ModuleCall } from "../../module/kind.js";
import { testKey } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { allModules } from "../index.js";
import type { ExpectedCarriers } from "./expected-keepers.js";
import { dc, device, IMEI_1 } from "./fixtures.test.js";

const OWNER = testKey(0);
const OPERATOR = testKey(1);
const STRANGER = testKey(2);

/**
 * carriers/register of the module list's carriers module. Its text fields take strings once
 * they are the kit's text type, UTF-8 bytes before: same encoding either way.
 */
function registerCarrier(id: string, name: string, prefix: string): ModuleCall {
  const payload = allModules().find((m) => m.name === "carriers")?.kinds.register.payload as ContainerType<
    Record<string, Type<unknown>>
  >;
  const f = payload.fields;
  const value = (t: unknown, s: string) => (t instanceof TextType ? s : new TextEncoder().encode(s));
  const prefixes = f.routingPrefixes as unknown as { elementType: unknown };
  const fields = { id: value(f.id, id), name: value(f.name, name), sipIngress: [] };
  const bytes = payload.serialize({ ...fields, routingPrefixes: [value(prefixes.elementType, prefix)] });
  return { module: "carriers", kind: "register", payload: bytes };
}

let chain: ModuleTestChain | undefined;
after(() => chain?.close());

test("an operator of a carrier registered through carriers/register flags and clears a device", async () => {
  const t = ModuleTestChain.create();
  chain = t;
  await t.mine(
    t.call(OPERATOR, registerCarrier("ACME", "Acme Telecom", "1555000")),
    t.call(OWNER, dc.register(IMEI_1)),
  );
  const carriers = t.keeper<ExpectedCarriers>("carriers");
  assert.equal(carriers.carrierOfOperator(OPERATOR.pub), "ACME", "the keeper answers what carriers wrote");
  assert.equal(carriers.carrierOfOperator(STRANGER.pub), undefined);

  t.refuse(t.call(STRANGER, dc.flag(IMEI_1, "fraud"), false), "DEVICES_NOT_CARRIER");
  await t.mine(t.call(OPERATOR, dc.flag(IMEI_1, "fraud")));
  assert.equal(device(t, IMEI_1).status, "stolen");
  assert.equal(device(t, IMEI_1).flaggedBy, "ACME");
  assert.equal(device(t, IMEI_1).reason, "fraud");

  // the owner may not clear a carrier's flag; the carrier may
  t.refuse(t.call(OWNER, dc.recover(IMEI_1), false), "DEVICES_NOT_FLAGGER");
  await t.mine(t.call(OPERATOR, dc.recover(IMEI_1)));
  assert.equal(device(t, IMEI_1).status, "clean");
  assert.deepEqual(device(t, IMEI_1).history.at(-1)?.by, "ACME");
});
