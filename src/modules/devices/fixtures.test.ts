/**
 * Fixtures of the devices tests (an empty test file): IMEIs, call builders, and a chain on
 * the one module harness whose carriers module is a STAND-IN — its genesis writes its own
 * keys (operator key -> carrier id) and its keeper answers carrierOfOperator, the one thing
 * devices expects of carriers (expected-keepers.ts). carriers-contract.test.ts runs devices
 * against the real carriers module.
 */
import { concatBytes, fromHex, toHex } from "../../bytes.js";
import type { GenesisConfig } from "../../chain/genesis.js";
import type { Module } from "../../module/interface.js";
import type { ModuleCall } from "../../module/kind.js";
import { type TestKey, testGenesis, testKey } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { allModules } from "../index.js";
import type { ExpectedCarriers } from "./expected-keepers.js";
import { devicesCalls } from "./index.js";
import { type DeviceView, lookupDevice } from "./lookup.js";
import { REASONS } from "./schemas.js";

/** Valid IMEIs (Luhn): the classic example and two more. */
export const IMEI_1 = "490154203237518";
export const IMEI_2 = "356938035643809";
export const IMEI_3 = "353918050001235";

export const OPERATOR = testKey(5);
export const NO_EVIDENCE = new Uint8Array(32);
type Reason = (typeof REASONS)[number];

/** The devices calls, the way the tests spell them. */
export const dc = {
  register: (imei: string) => devicesCalls.register({ imei }),
  transfer: (imei: string, to: TestKey) => devicesCalls.transfer({ imei, to: to.pub }),
  accept: (imei: string) => devicesCalls.accept({ imei }),
  cancel: (imei: string) => devicesCalls["cancel-transfer"]({ imei }),
  recover: (imei: string) => devicesCalls.recover({ imei }),
  report: (imei: string, reason: Reason, evidence: Uint8Array = NO_EVIDENCE) =>
    devicesCalls["report-stolen"]({ imei, reason: REASONS.indexOf(reason), evidence }),
  flag: (imei: string, reason: Reason, evidence: Uint8Array = NO_EVIDENCE) =>
    devicesCalls.flag({ imei, reason: REASONS.indexOf(reason), evidence }),
};

const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * The call with its IMEI replaced by any text or bytes (which the builders refuse to encode):
 * the IMEI is every payload's one variable-size field, so it is the payload's tail.
 */
export const withImei = (call: ModuleCall, imei: string | Uint8Array): ModuleCall => ({
  ...call,
  payload: concatBytes(
    call.payload.subarray(0, call.payload.length - 15),
    typeof imei === "string" ? utf8(imei) : imei,
  ),
});

/** A stand-in carriers module: { operators: { hexKey: id } } in genesis, a keeper over it. */
export const standInCarriers: Module = {
  name: "carriers",
  kinds: {},
  genesis(ctx, config) {
    const operators = (config as { operators?: Record<string, string> } | undefined)?.operators ?? {};
    for (const [key, id] of Object.entries(operators)) ctx.state.set(fromHex(key), utf8(id));
  },
  keeper: (state): ExpectedCarriers => ({
    carrierOfOperator(operator) {
      const v = state.get(operator);
      return v && new TextDecoder().decode(v);
    },
  }),
};

/** The test genesis with the given keys as (funded) carrier operators (key -> carrier id). */
export function devicesGenesis(operators: [TestKey, string][]): GenesisConfig {
  const g = testGenesis();
  const funded = new Set(g.alloc.map((a) => toHex(a.address)));
  for (const [k] of operators)
    if (!funded.has(toHex(k.pub))) g.alloc.push({ address: k.pub, balance: 1_000_000n });
  g.modules = { carriers: { operators: Object.fromEntries(operators.map(([k, id]) => [toHex(k.pub), id])) } };
  return g;
}

/** A chain running every module, carriers replaced by the stand-in. */
export function devicesChain(operators: [TestKey, string][] = [[OPERATOR, "TESTCARRIER"]]): ModuleTestChain {
  return ModuleTestChain.create({
    genesis: devicesGenesis(operators),
    modules: [...allModules().filter((m) => m.name !== "carriers"), standInCarriers],
  });
}

/** A device as GET /v1/devices/:imei shows it, at the head. */
export const device = (t: ModuleTestChain, imei: string): DeviceView =>
  lookupDevice(t.state("devices"), imei);
