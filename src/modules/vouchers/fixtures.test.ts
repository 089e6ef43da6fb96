/**
 * Fixtures of the vouchers tests (no tests here): a chain with funded keys and three carriers
 * registered with the real carriers module (AAA the issuer, BBB a publisher, CCC a third),
 * the calls the way the tests spell them, and readers of the state at the head, including the
 * conservation check Σ balances + custody = supply walked through each class's holder list.
 */
import assert from "node:assert/strict";
import type { GenesisConfig } from "../../chain/genesis.js";
import type { Tx } from "../../codec/schema.js";
import type { Module } from "../../module/interface.js";
import { calls, type ModuleCall } from "../../module/kind.js";
import { signedTx, type TestKey, testGenesis, testKeys } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { allModules } from "../index.js";
import { supplyOf, type VouchersKeeper } from "./keeper.js";
import { vouchersCalls } from "./kinds/index.js";
import { UNITS } from "./schemas.js";
import { lastId, readBalanceEntry, readClass, readHolderSlot } from "./store.js";

export const [ISSUER_OP, PUB_OP, OTHER_OP, ALICE, BOB, NOBODY] = testKeys(0, 1, 2, 3, 4, 5);
export const [ISSUER, PUBLISHER, OTHER] = ["AAA", "BBB", "CCC"];
export const FUNDS = 10_000_000_000n;
/** The fee every harness transaction pays. */
export const TX_FEE = 1_000n;

export function vouchersTestGenesis(): GenesisConfig {
  return {
    ...testGenesis(),
    alloc: [0, 1, 2, 3, 4, 5].map((i) => ({ address: testKeys(i)[0].pub, balance: FUNDS })),
  };
}

// biome-ignore lint/style/noNonNullAssertion: the module list has a carriers module
const carriersKinds = allModules().find((m) => m.name === "carriers")!.kinds;
const carriers = calls("carriers", carriersKinds) as Record<string, (payload: unknown) => ModuleCall>;
export const registerCarrier = (id: string, prefix: string) =>
  carriers.register({ id, name: `Carrier ${id}`, routingPrefixes: [prefix], sipIngress: [] });

export const fresh = (modules?: Module[]) =>
  ModuleTestChain.create({ genesis: vouchersTestGenesis(), modules });

/** A chain with AAA, BBB and CCC registered (block 1). */
export async function carriersChain(modules?: Module[]): Promise<ModuleTestChain> {
  const t = fresh(modules);
  await t.mine(
    t.call(ISSUER_OP, registerCarrier(ISSUER, "1555")),
    t.call(PUB_OP, registerCarrier(PUBLISHER, "4930")),
    t.call(OTHER_OP, registerCarrier(OTHER, "4420")),
  );
  return t;
}

export interface ClassInput {
  unit?: (typeof UNITS)[number];
  name?: string;
  description?: string;
  expiry: number;
  transferable?: boolean;
  cap?: bigint;
}

export const vc = {
  create: (c: ClassInput) =>
    vouchersCalls["class-create"]({
      unit: UNITS.indexOf(c.unit ?? "megabyte"),
      name: c.name ?? "1 GB roaming data",
      description: c.description ?? "",
      expiry: c.expiry,
      transferable: c.transferable ?? true,
      cap: c.cap === undefined ? [] : [c.cap],
    }),
  issue: (classId: number, to: TestKey, amount: bigint) =>
    vouchersCalls.issue({ classId, to: to.pub, amount }),
  transfer: (classId: number, to: TestKey, amount: bigint) =>
    vouchersCalls.transfer({ classId, to: to.pub, amount }),
  redeem: (classId: number, amount: bigint, subscriber = "+4915112345678") =>
    vouchersCalls.redeem({ classId, amount, subscriber }),
  publish: (
    classId: number,
    o: { units: bigint; price: bigint; stock: number; end: number; publisher?: [string, TestKey, number] },
  ) =>
    vouchersCalls["offer-publish"]({
      classId,
      units: o.units,
      price: o.price,
      stock: o.stock,
      end: o.end,
      publisher: o.publisher
        ? [{ carrier: o.publisher[0], payee: o.publisher[1].pub, feeBps: o.publisher[2] }]
        : [],
    }),
  buy: (offerId: number, count = 1) => vouchersCalls["offer-buy"]({ offerId, count }),
};

/** A call paying `fee`. */
export function paidCall(t: ModuleTestChain, key: TestKey, call: ModuleCall, fee: bigint): Tx {
  const { nonce } = t.call(key, call).body;
  return signedTx(key, nonce, call.module, call.kind, call.payload, { fee });
}

const S = (t: ModuleTestChain) => t.state("vouchers");
export const classAt = (t: ModuleTestChain, id: number) => readClass(S(t), id);
export const keeper = (t: ModuleTestChain) => t.keeper<VouchersKeeper>("vouchers");
/** The raw stored balance (whatever the expiry). */
export const stored = (t: ModuleTestChain, id: number, who: TestKey) =>
  readBalanceEntry(S(t), id, who.pub)?.amount ?? 0n;

/** The holders of a class from its holder list, with their stored balances. */
export function holdersOf(
  t: ModuleTestChain,
  id: number,
): { holder: Uint8Array; amount: bigint; slot: number }[] {
  const c = readClass(S(t), id);
  const out: { holder: Uint8Array; amount: bigint; slot: number }[] = [];
  for (let slot = 0; slot < (c?.holders ?? 0); slot++) {
    const holder = readHolderSlot(S(t), id, slot);
    assert.ok(holder, `class ${id}: slot ${slot} of ${c?.holders} is empty`);
    const b = readBalanceEntry(S(t), id, holder);
    assert.ok(b && b.amount > 0n, `class ${id}: the holder in slot ${slot} has no balance`);
    assert.equal(b.slot, slot, `class ${id}: the balance of slot ${slot} names slot ${b.slot}`);
    out.push({ holder, amount: b.amount, slot });
  }
  return out;
}

/** Asserts Σ balances + custody = supply = issued − redeemed − pruned for every class, and the holder list's shape. */
export function assertConservation(t: ModuleTestChain): void {
  for (let id = 1; id <= lastId(S(t), "class"); id++) {
    const c = readClass(S(t), id);
    assert.ok(c, `class ${id} exists`);
    const sum = holdersOf(t, id).reduce((s, h) => s + h.amount, 0n);
    assert.equal(
      sum + c.custody,
      supplyOf(c),
      `class ${id}: Σ balances ${sum} + custody ${c.custody} = supply`,
    );
    assert.equal(supplyOf(c), c.issued - c.redeemed - c.pruned);
  }
}
