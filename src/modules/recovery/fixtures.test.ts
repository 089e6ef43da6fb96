/**
 * Fixtures of the recovery tests (no tests here): a genesis with short delays (3 to 1,000 blocks)
 * and funded keys, the carriers, numbers, devices and vouchers calls built from the module list
 * (the recovery module imports none of them), the recovery calls the way the tests spell them,
 * and readers of an account's recovery at the head.
 */
import type { GenesisConfig } from "../../chain/genesis.js";
import { calls, type ModuleCall } from "../../module/kind.js";
import { authorisingKey } from "../../state/account-auth.js";
import { type TestKey, testGenesis, testKeys } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { allModules } from "../index.js";
import { recoveryCalls } from "./index.js";
import { readRecord } from "./store.js";
import { recoveryView } from "./views.js";

/** Carrier AAA's operator, the owner, three guardians, the new key, a thief's key, a stranger. */
export const [OP, OWNER, G1, G2, G3, NEW, THIEF, STRANGER] = testKeys(0, 3, 4, 5, 6, 7, 8, 2);
export const FUNDS = 1_000_000_000n;
export const MIN_DELAY = 3;
export const MAX_DELAY = 1_000;
/** The fee of every harness transaction. */
export const FEE = 1_000n;

export function recoveryGenesis(): GenesisConfig {
  const g = testGenesis();
  return {
    ...g,
    alloc: [OP, OWNER, G1, G2, G3, THIEF, STRANGER].map((k) => ({ address: k.pub, balance: FUNDS })),
    modules: {
      recovery: { params: { minDelay: MIN_DELAY, maxDelay: MAX_DELAY } },
      numbers: { params: { claimDeposit: "50000", portFee: "2000", confirmDeadline: 5, portDeadline: 4 } },
    },
  };
}

export const fresh = () => ModuleTestChain.create({ genesis: recoveryGenesis() });

const kindsOf = (name: string) => {
  const m = allModules().find((x) => x.name === name);
  if (!m) throw new Error(`no module ${name}`);
  return calls(name, m.kinds) as Record<string, (payload: unknown) => ModuleCall>;
};
export const carriers = kindsOf("carriers");
export const numbers = kindsOf("numbers");
/** A coin transfer. */
export const pay = (to: Uint8Array, amount: bigint) => kindsOf("coin").transfer({ to, amount });
export const registerCarrier = (id: string, prefix: string) =>
  carriers.register({ id, name: `Carrier ${id}`, routingPrefixes: [prefix], sipIngress: [] });

type G = TestKey | `carrier:${string}`;
const guardianOf = (g: G) =>
  typeof g === "string"
    ? { address: new Uint8Array(32), carrier: g.slice(8) }
    : { address: g.pub, carrier: "" };

/** The recovery calls, the way the tests spell them. */
export const rc = {
  set: (guardians: G[], threshold: number, delay: number) =>
    recoveryCalls["set-guardians"]({ guardians: guardians.map(guardianOf), threshold, delay }),
  cancel: (account: TestKey) => recoveryCalls["cancel-change"]({ account: account.account ?? account.pub }),
  propose: (account: TestKey, key: TestKey) => recoveryCalls.propose({ account: account.pub, key: key.pub }),
  execute: (account: TestKey) => recoveryCalls.execute({ account: account.pub }),
  veto: (account: TestKey) => recoveryCalls.veto({ account: account.pub }),
  lock: (account: TestKey) => recoveryCalls.lock({ account: account.pub }),
  unlock: (account: TestKey) => recoveryCalls.unlock({ account: account.pub }),
};

/** The account's recovery as GET /v1/recovery/:address shows it at the head (undefined: none). */
export function viewOf(t: ModuleTestChain, account: TestKey) {
  const r = readRecord(t.state("recovery"), account.pub);
  return r && recoveryView(account.pub, r, t.height);
}

/** The key that signs for `account` at the head. */
export const keyOf = (t: ModuleTestChain, account: TestKey) => authorisingKey(t.c.chain.state, account.pub);

/** Mines empty blocks until the head is `height`. */
export async function mineTo(t: ModuleTestChain, height: number): Promise<void> {
  while (t.height < height) await t.mine();
}
