/**
 * Fixtures of the allowances tests (no tests here): a chain with funded keys, the calls the way
 * the tests spell them, and readers of the state at the head.
 */
import { toHex } from "../../bytes.js";
import type { GenesisConfig } from "../../chain/genesis.js";
import { type TestKey, testGenesis, testKeys } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { ZERO_ADDRESS } from "./kinds/common.js";
import { allowancesCalls } from "./kinds/index.js";
import { lastGrantId, openGrantsOf, readGrant } from "./store.js";
import { grantView } from "./views.js";

/** A subscriber (payer), a carrier (grantee), a shop (a recipient), another payer, a stranger. */
export const [PAYER, CARRIER, SHOP, PAYER2, NOBODY] = testKeys(0, 1, 2, 3, 4);
export const FUNDS = 10_000_000_000n;
/** The fee every harness transaction pays. */
export const TX_FEE = 1_000n;

export function allowancesTestGenesis(): GenesisConfig {
  return {
    ...testGenesis(),
    alloc: [0, 1, 2, 3, 4].map((i) => ({ address: testKeys(i)[0].pub, balance: FUNDS })),
  };
}

export const fresh = () => ModuleTestChain.create({ genesis: allowancesTestGenesis() });

export interface GrantInput {
  limit: bigint;
  period: number;
  cap?: bigint;
  expiry?: number;
  recipients?: TestKey[];
}

export const ac = {
  grant: (to: TestKey, g: GrantInput) =>
    allowancesCalls.grant({
      grantee: to.pub,
      limit: g.limit,
      period: g.period,
      cap: g.cap ?? 0n,
      expiry: g.expiry ?? 0,
      recipients: (g.recipients ?? []).map((k) => k.pub),
    }),
  change: (grant: number, expectedLimit: bigint, limit: bigint) =>
    allowancesCalls.change({ grant, expectedLimit, limit }),
  revoke: (grant: number) => allowancesCalls.revoke({ grant }),
  pull: (grant: number, amount: bigint, to?: TestKey) =>
    allowancesCalls.pull({ grant, amount, to: to?.pub ?? ZERO_ADDRESS }),
};

const S = (t: ModuleTestChain) => t.state("allowances");
export const grantAt = (t: ModuleTestChain, id: number) => readGrant(S(t), id);
/** The grant as the routes show it at the head (computed at head + 1). */
export const viewAt = (t: ModuleTestChain, id: number) => {
  const g = readGrant(S(t), id);
  return g && grantView(g, t.height);
};
export const openOf = (t: ModuleTestChain, k: TestKey) => openGrantsOf(S(t), k.pub);
export const lastId = (t: ModuleTestChain) => lastGrantId(S(t));

/** Mines empty blocks until the next block is at height `h`. */
export async function nextBlockAt(t: ModuleTestChain, h: number): Promise<void> {
  while (t.height < h - 1) await t.mine();
}

/** Every key and value of the allowances state, and the accounts of the test keys. */
export const snapshot = (t: ModuleTestChain) => ({
  state: t
    .query("allowances")
    .scan(new Uint8Array(0), 10_000)
    .map((e) => `${toHex(e.key)}=${toHex(e.value)}`),
  accounts: [PAYER, CARRIER, SHOP, PAYER2, NOBODY].map((k) => t.balance(k.pub)),
});
