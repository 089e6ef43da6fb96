/**
 * Fixtures of the services tests (no tests here): a chain with funded keys and short periods
 * (heartbeat period 5 blocks, withdrawal delay 3, bond ≥ 1000, 3 listings per provider), the
 * channels stand-in, the calls the way the tests spell them, and readers of the state.
 */
import { toHex } from "../../bytes.js";
import type { GenesisConfig } from "../../chain/genesis.js";
import { type TestKey, testGenesis, testKeys } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { allModules } from "../index.js";
import { standInChannelCalls, standInChannels } from "./channels-standin.test.js";
import { servicesCalls } from "./kinds.js";
import { paramsOf } from "./params.js";
import { KINDS, UNITS } from "./schemas.js";
import { lastListingId, listingsOf, readListing } from "./store.js";
import { listingView } from "./views.js";

/** Two providers, a client, another client, a stranger. */
export const [PROVIDER, PROVIDER2, CLIENT, CLIENT2, NOBODY] = testKeys(0, 1, 2, 3, 4);
export const KEYS = [PROVIDER, PROVIDER2, CLIENT, CLIENT2, NOBODY];
export const FUNDS = 10_000_000_000n;
/** The fee every harness transaction pays. */
export const TX_FEE = 1_000n;
export const PERIOD = 5;
export const DELAY = 3;
export const MIN_BOND = 1_000n;

export function servicesTestGenesis(): GenesisConfig {
  return {
    ...testGenesis(),
    alloc: KEYS.map((k) => ({ address: k.pub, balance: FUNDS })),
    modules: {
      services: {
        params: {
          minBond: MIN_BOND.toString(),
          heartbeatPeriod: PERIOD,
          withdrawDelay: DELAY,
          maxListingsPerProvider: 3,
        },
      },
    },
  };
}

/** The module list with the channels stand-in in place of any real channels module. */
export const testModules = () => [...allModules().filter((m) => m.name !== "channels"), standInChannels];

export const fresh = () => ModuleTestChain.create({ genesis: servicesTestGenesis(), modules: testModules() });

export interface Offer {
  kind?: (typeof KINDS)[number];
  region?: string;
  price?: bigint;
  unit?: (typeof UNITS)[number];
  endpoint?: string;
  bond?: bigint;
}

export const sc = {
  list: (o: Offer = {}) =>
    servicesCalls.list({
      kind: KINDS.indexOf(o.kind ?? "vpn"),
      region: o.region ?? "DE",
      price: o.price ?? 100n,
      unit: UNITS.indexOf(o.unit ?? "mb"),
      endpoint: o.endpoint ?? "socks5://127.0.0.1:1080",
      bond: o.bond ?? MIN_BOND,
    }),
  heartbeat: (listing: number) => servicesCalls.heartbeat({ listing }),
  withdraw: (listing: number) => servicesCalls.withdraw({ listing }),
  rate: (listing: number, channel: number, score: number) => servicesCalls.rate({ listing, channel, score }),
  /** A channel in the stand-in, as given. */
  channel: (
    id: number,
    payer: TestKey,
    payee: TestKey,
    c: { paid?: bigint; status?: "open" | "closing" | "closed" } = {},
  ) =>
    standInChannelCalls.set({
      id,
      payer: payer.pub,
      payee: payee.pub,
      deposit: 10_000n,
      paid: c.paid ?? 500n,
      status: ["open", "closing", "closed"].indexOf(c.status ?? "closed"),
      expiry: 1_000,
      closedAt: 0,
    }),
};

const S = (t: ModuleTestChain) => t.state("services");
export const listingAt = (t: ModuleTestChain, id: number) => readListing(S(t), id);
/** The listing as the routes show it at the head. */
export const viewAt = (t: ModuleTestChain, id: number) => {
  const l = readListing(S(t), id);
  return l && listingView(l, paramsOf(S(t)), t.height);
};
export const countOf = (t: ModuleTestChain, k: TestKey) => listingsOf(S(t), k.pub);
export const lastId = (t: ModuleTestChain) => lastListingId(S(t));

/** Mines empty blocks until the head is at height `h`. */
export async function mineTo(t: ModuleTestChain, h: number): Promise<void> {
  while (t.height < h) await t.mine();
}

/** Every key and value of the services state, and the accounts of the test keys. */
export const snapshot = (t: ModuleTestChain) => ({
  state: t
    .query("services")
    .scan(new Uint8Array(0), 10_000)
    .map((e) => `${toHex(e.key)}=${toHex(e.value)}`),
  accounts: KEYS.map((k) => t.balance(k.pub)),
});
