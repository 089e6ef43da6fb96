/**
 * Fixtures of the numbers tests (no tests here): a genesis with short deadlines and small
 * amounts, six funded keys, call shortcuts, and the real carriers module's calls, built from
 * the module list (the numbers module imports nothing of carriers).
 */
import type { GenesisConfig } from "../../chain/genesis.js";
import type { ModuleCall } from "../../module/kind.js";
import { calls } from "../../module/kind.js";
import { parseE164 } from "../../telephony/e164.js";
import { testGenesis, testKey } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { allModules } from "../index.js";
import { numbersCalls } from "./kinds/index.js";
import { numberView } from "./routes.js";
import { readRecord } from "./store.js";

export const TEST_PARAMS = { claimDeposit: "50000", portFee: "2000", confirmDeadline: 5, portDeadline: 4 };
export const FEE = 1_000n; // signedTx's default fee

export function numbersTestGenesis(base: GenesisConfig = testGenesis()): GenesisConfig {
  return {
    ...base,
    alloc: [0, 1, 2, 3, 4, 5].map((i) => ({ address: testKey(i).pub, balance: 1_000_000n })),
    modules: { ...base.modules, numbers: { params: TEST_PARAMS } },
  };
}

export const fresh = (genesis = numbersTestGenesis()) => ModuleTestChain.create({ genesis });

export const claim = (number: string, carrier: string) => numbersCalls.claim({ number, carrier });
export const confirm = (number: string, routingNumber = "") =>
  numbersCalls.confirm({ number, routingNumber });
export const port = (number: string, toCarrier: string) => numbersCalls.port({ number, toCarrier });
export const accept = (number: string, routingNumber = "") =>
  numbersCalls["accept-port"]({ number, routingNumber });
export const release = (number: string) => numbersCalls.release({ number });

// biome-ignore lint/style/noNonNullAssertion: the module list has a carriers module
const carriersKinds = allModules().find((m) => m.name === "carriers")!.kinds;
/** The real carriers module's calls (register, update, rotate-keys). */
export const carriers = calls("carriers", carriersKinds) as Record<string, (payload: unknown) => ModuleCall>;
export const registerCarrier = (id: string, routingPrefixes: string[]) =>
  carriers.register({ id, name: `Carrier ${id}`, routingPrefixes, sipIngress: [] });

/** What GET /v1/numbers/:e164 answers at the head (undefined = 404). */
export const view = (t: ModuleTestChain, number: string) =>
  numberView(t.state("numbers"), parseE164(number, "NUMBERS_BAD_NUMBER").digits, t.height);
export const record = (t: ModuleTestChain, number: string) =>
  readRecord(t.state("numbers"), parseE164(number, "NUMBERS_BAD_NUMBER").digits);

/**
 * Carriers AAA (prefix 1555000, operated by key 0) and BBB (1666, key 1), and `number` claimed by
 * key 2 with AAA and confirmed: the keys [opA, opB, holder].
 */
export async function activeNumber(t: ModuleTestChain, number = "+15551230000") {
  const [opA, opB, holder] = [testKey(0), testKey(1), testKey(2)];
  await t.mine(
    t.call(opA, registerCarrier("AAA", ["1555000"])),
    t.call(opB, registerCarrier("BBB", ["1666"])),
  );
  await t.mine(t.call(holder, claim(number, "AAA")));
  await t.mine(t.call(opA, confirm(number)));
  return [opA, opB, holder] as const;
}
