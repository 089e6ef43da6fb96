/**
 * Fixtures of the agreements tests (no tests here): a chain with short cycles (10 blocks) and
 * 60 s periods allowed, three carriers registered with the real carriers module (AAA the
 * seller, BBB the buyer, CCC a third party), the calls the way the tests spell them, Merkle
 * sets of usage records, and readers of the views and the ledger at the head.
 *
 * Time: the test chain's genesis is at T0 and every block is SPACING (10 s) later, so with the
 * anchor at T0 and 60 s periods, period N ends at block 6(N + 1).
 */
import type { GenesisConfig } from "../../../chain/genesis.js";
import { merkleProof, merkleRoot } from "../../../chain/merkle.js";
import type { Tx } from "../../../codec/schema.js";
import { sha256, utf8 } from "../../../crypto/hash.js";
import { calls, type ModuleCall } from "../../../module/kind.js";
import { signedTx, T0, type TestKey, testGenesis, testKeys } from "../../../testing/chain-harness.js";
import { ModuleTestChain } from "../../../testing/module-chain.js";
import { allModules } from "../../index.js";
import { readObligations, readWithheld } from "../ledger.js";
import { recordLeaf, type UsageRecord } from "../rating/record.js";
import { agreementCalls } from "./kinds/index.js";
import { readAgreement, readDispute } from "./store.js";
import { agreementView, disputeView, periodView } from "./views.js";

export const [SELLER_OP, BUYER_OP, OTHER_OP, ARBITER, NOBODY] = testKeys(0, 1, 2, 3, 4);
export const [SELLER, BUYER, OTHER] = ["AAA", "BBB", "CCC"];
export const CYCLE_BLOCKS = 10;
export const PERIOD = 60;
export const DEADLINE = 60;
export const WINDOW = 100;
export const DECK = sha256(utf8("service,prefix,rate,initial,increment,connect_fee\nvoice,,100,60,60,0\n"));
export const DECK_2 = sha256(utf8("service,prefix,rate,initial,increment,connect_fee\nvoice,,90,60,60,0\n"));

export function settlementTestGenesis(): GenesisConfig {
  const g = testGenesis();
  return {
    ...g,
    alloc: [0, 1, 2, 3, 4].map((i) => ({ address: testKeys(i)[0].pub, balance: 10_000_000n })),
    modules: { settlement: { params: { cycleBlocks: CYCLE_BLOCKS, minPeriodSeconds: 60 } } },
  };
}

// biome-ignore lint/style/noNonNullAssertion: the module list has a carriers module
const carriersKinds = allModules().find((m) => m.name === "carriers")!.kinds;
const carriers = calls("carriers", carriersKinds) as Record<string, (payload: unknown) => ModuleCall>;
export const registerCarrier = (id: string, prefix: string) =>
  carriers.register({ id, name: `Carrier ${id}`, routingPrefixes: [prefix], sipIngress: [] });

export type TermsInput = Partial<{
  periodSeconds: number;
  anchor: number;
  toleranceBps: number;
  commitDeadline: number;
  arbiter: TestKey | null;
  disputeWindow: number;
}>;

export function terms(over: TermsInput = {}) {
  const arbiter = over.arbiter === undefined ? ARBITER : over.arbiter;
  return {
    periodSeconds: over.periodSeconds ?? PERIOD,
    anchor: over.anchor ?? T0,
    toleranceBps: over.toleranceBps ?? 100,
    commitDeadline: over.commitDeadline ?? DEADLINE,
    arbiter: arbiter ? [arbiter.pub] : [],
    disputeWindow: over.disputeWindow ?? WINDOW,
  };
}

/** Totals of a commitment; root and count default to one record. */
export interface Totals {
  charge: bigint;
  root?: Uint8Array;
  count?: number;
  voice?: bigint;
  sms?: bigint;
  data?: bigint;
}

export const ac = {
  propose: (over: TermsInput = {}, seller = SELLER, buyer = BUYER, deckHash = DECK) =>
    agreementCalls["agreement-propose"]({ seller, buyer, deckHash, terms: terms(over) }),
  accept: (agreementId: number, deckHash = DECK) =>
    agreementCalls["agreement-accept"]({ agreementId, deckHash }),
  version: (agreementId: number, fromPeriod: number, deckHash = DECK_2) =>
    agreementCalls["agreement-version"]({ agreementId, deckHash, fromPeriod }),
  versionAccept: (agreementId: number, fromPeriod: number, deckHash = DECK_2) =>
    agreementCalls["agreement-version-accept"]({ agreementId, deckHash, fromPeriod }),
  terminate: (agreementId: number) => agreementCalls["agreement-terminate"]({ agreementId }),
  publish: (deck: string | Uint8Array, over: TermsInput = {}) =>
    agreementCalls["offer-publish"]({
      deck: typeof deck === "string" ? utf8(deck) : deck,
      terms: terms(over),
    }),
  acceptOffer: (offerId: number) => agreementCalls["offer-accept"]({ offerId }),
  withdraw: (offerId: number) => agreementCalls["offer-withdraw"]({ offerId }),
  commit: (agreementId: number, period: number, t: Totals) =>
    agreementCalls["usage-commit"]({
      agreementId,
      period,
      root: t.root ?? sha256(utf8(`root ${t.charge}`)),
      count: t.count ?? 1,
      voice: t.voice ?? 0n,
      sms: t.sms ?? 0n,
      data: t.data ?? 0n,
      charge: t.charge,
    }),
  concede: (agreementId: number, period: number) =>
    agreementCalls["dispute-concede"]({ agreementId, period }),
  proposeFigure: (agreementId: number, period: number, figure: bigint) =>
    agreementCalls["dispute-propose"]({ agreementId, period, figure }),
  acceptFigure: (agreementId: number, period: number, figure: bigint) =>
    agreementCalls["dispute-accept"]({ agreementId, period, figure }),
  decide: (agreementId: number, period: number, figure: bigint) =>
    agreementCalls["dispute-decide"]({ agreementId, period, figure }),
  evidence: (agreementId: number, period: number, set: UsageSet, i: number, path?: Uint8Array[]) =>
    agreementCalls["dispute-evidence"]({
      agreementId,
      period,
      record: set.records[i],
      index: i,
      path: path ?? set.proof(i),
    }),
};

/** Usage records sorted by id with their Merkle root, count and proofs (rating/record.ts). */
export interface UsageSet {
  records: UsageRecord[];
  root: Uint8Array;
  count: number;
  proof(i: number): Uint8Array[];
}

/** `n` voice records starting `start` (unix seconds), 60 s apart within a period, ids r-<tag>-<i>. */
export function usageSet(tag: string, n: number, start: number): UsageSet {
  const records: UsageRecord[] = [];
  for (let i = 0; i < n; i++)
    records.push({
      recordId: `r-${tag}-${String(i).padStart(3, "0")}`,
      service: "voice",
      start: start + (i % 50),
      quantity: BigInt(30 + i),
      calling: "+15551230000",
      called: `+4930123456${i % 10}`,
    });
  records.sort((a, b) => (a.recordId < b.recordId ? -1 : 1));
  const leaves = records.map(recordLeaf);
  return { records, root: merkleRoot(leaves), count: n, proof: (i) => merkleProof(leaves, i) };
}

/** A call paying `fee` (a large offer's fee is above the harness's default). */
export function paidCall(
  t: ModuleTestChain,
  key: TestKey,
  call: ModuleCall,
  fee: bigint,
  consume = true,
): Tx {
  const { nonce } = t.call(key, call, consume).body;
  return signedTx(key, nonce, call.module, call.kind, call.payload, { fee });
}

export const fresh = () => ModuleTestChain.create({ genesis: settlementTestGenesis() });

/** A chain with AAA, BBB and CCC registered (block 1). */
export async function carriersChain(): Promise<ModuleTestChain> {
  const t = fresh();
  await t.mine(
    t.call(SELLER_OP, registerCarrier(SELLER, "1555")),
    t.call(BUYER_OP, registerCarrier(BUYER, "4930")),
    t.call(OTHER_OP, registerCarrier(OTHER, "4420")),
  );
  return t;
}

/** Carriers registered, then agreement 1 (AAA sells to BBB, `over` terms) proposed and accepted (blocks 2, 3). */
export async function agreementChain(over: TermsInput = {}): Promise<ModuleTestChain> {
  const t = await carriersChain();
  await t.mine(t.call(SELLER_OP, ac.propose(over)));
  await t.mine(t.call(BUYER_OP, ac.accept(1)));
  return t;
}

/**
 * Mines empty blocks until the head's timestamp is at least `ts`: a refusal checked now
 * (t.refuse builds at the head's time) and the next block are both at `ts` or later.
 */
export async function untilTime(t: ModuleTestChain, ts: number): Promise<void> {
  while (t.c.clock < ts) await t.mine();
}

/** The end of period `n` with the fixtures' anchor and length. */
export const endOf = (n: number, length = PERIOD) => T0 + (n + 1) * length;

const S = (t: ModuleTestChain) => t.state("settlement");
export function agreement(t: ModuleTestChain, id: number) {
  const a = readAgreement(S(t), id);
  return a && agreementView(a, t.c.chain.head().header.timestamp);
}
export function period(t: ModuleTestChain, id: number, n: number) {
  const a = readAgreement(S(t), id);
  if (!a) throw new Error(`no agreement ${id}`);
  return periodView(S(t), a, n);
}
export function dispute(t: ModuleTestChain, id: number, n: number) {
  const d = readDispute(S(t), [id, n]);
  return d && disputeView(d);
}
/** The obligations of a cycle as [buyer, seller, amount] rows. */
export const obligations = (t: ModuleTestChain, cycle: number) =>
  readObligations(S(t), cycle).map((o) => [o.buyer, o.seller, o.amount]);
export const withheld = (t: ModuleTestChain, carrier: string) => {
  const w = readWithheld(S(t), carrier);
  return [w.payable, w.receivable];
};
export const cycleNow = (t: ModuleTestChain) => Math.floor(t.height / CYCLE_BLOCKS);
