/**
 * Fixtures of the channels tests (no tests here): a chain with funded keys and a short dispute
 * window, the calls the way the tests spell them, vouchers, and readers of the state at the head.
 */
import { toHex } from "../../bytes.js";
import type { GenesisConfig } from "../../chain/genesis.js";
import { TEST_CHAIN_ID, type TestKey, testGenesis, testKeys } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { channelsCalls } from "./kinds/index.js";
import { custodyOf, lastChannelId, openChannelsOf, readChannel } from "./store.js";
import { signVoucher } from "./voucher.js";

/** A client (payer), a provider (payee), another payer, a stranger, a new key for the payer. */
export const [PAYER, PAYEE, PAYER2, NOBODY, NEWKEY] = testKeys(0, 1, 2, 3, 4);
export const FUNDS = 10_000_000_000n;
export const TX_FEE = 1_000n;
/** The test chain's parameters: a 5-block dispute window, channels live at most 1,000 blocks, 3 per payer. */
export const WINDOW = 5;
export const LIFE = 1_000;
export const MAX_OPEN = 3;

export function channelsTestGenesis(): GenesisConfig {
  return {
    ...testGenesis(),
    alloc: [0, 1, 2, 3, 4].map((i) => ({ address: testKeys(i)[0].pub, balance: FUNDS })),
    modules: {
      channels: { params: { disputeWindow: WINDOW, maxChannelLife: LIFE, maxOpenPerPayer: MAX_OPEN } },
    },
  };
}

export const fresh = () => ModuleTestChain.create({ genesis: channelsTestGenesis() });

export const cc = {
  open: (payee: TestKey, deposit: bigint, expiry: number) =>
    channelsCalls.open({ payee: payee.pub, deposit, expiry }),
  topUp: (channel: number, amount: bigint, expiry = 0) =>
    channelsCalls["top-up"]({ channel, amount, expiry }),
  close: (v: { channel: number; amount: bigint; signature: Uint8Array }) => channelsCalls.close(v),
  startClose: (channel: number, amount: bigint) => channelsCalls["start-close"]({ channel, amount }),
  settle: (channel: number) => channelsCalls.settle({ channel }),
  reclaim: (channel: number) => channelsCalls.reclaim({ channel }),
};

/** A voucher signed by `key` (the payer's key) on the test chain (or another). */
export const voucher = (key: TestKey, channel: number, amount: bigint, chainId = TEST_CHAIN_ID) =>
  signVoucher(key.seed, chainId, channel, amount);

const S = (t: ModuleTestChain) => t.state("channels");
export const channelAt = (t: ModuleTestChain, id: number) => readChannel(S(t), id);
export const custody = (t: ModuleTestChain) => custodyOf(S(t));
export const openOf = (t: ModuleTestChain, k: TestKey) => openChannelsOf(S(t), k.pub);
export const lastId = (t: ModuleTestChain) => lastChannelId(S(t));

/** Mines empty blocks until the next block is at height `h`. */
export async function nextBlockAt(t: ModuleTestChain, h: number): Promise<void> {
  while (t.height < h - 1) await t.mine();
}

/** Every key and value of the channels state, and the accounts of the test keys. */
export const snapshot = (t: ModuleTestChain) => ({
  state: t
    .query("channels")
    .scan(new Uint8Array(0), 10_000)
    .map((e) => `${toHex(e.key)}=${toHex(e.value)}`),
  accounts: [PAYER, PAYEE, PAYER2, NOBODY, NEWKEY].map((k) => t.balance(k.pub)),
});

/** Σ deposits of the channels not closed, read channel by channel. */
export function openDeposits(t: ModuleTestChain): bigint {
  let sum = 0n;
  for (let id = 1; id <= lastId(t); id++) {
    const c = channelAt(t, id);
    if (c && c.status !== 2) sum += c.deposit;
  }
  return sum;
}
