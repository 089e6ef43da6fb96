/**
 * Write keepers (Module.writeKeeper): a module's kind moves what another module holds through
 * that module's own operations, inside its transaction: the writes land under the owning
 * module's prefix, a refused transaction leaves both modules unchanged, and queries get no
 * write keeper.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ContainerType, UintNumberType } from "@chainsafe/ssz";
import { TelchainError } from "../errors.js";
import { allModules } from "../modules/index.js";
import type { StateView } from "../state/view.js";
import { closeAfterwards, testKey } from "../testing/chain-harness.js";
import { ModuleTestChain } from "../testing/module-chain.js";
import type { Module } from "./interface.js";
import { calls, defineKind } from "./kind.js";

const U32 = new UintNumberType(4);
const KEY = new TextEncoder().encode("units");
const readUnits = (s: { get(k: Uint8Array): Uint8Array | undefined }) => {
  const v = s.get(KEY);
  return v ? U32.deserialize(v) : 0;
};

/** Holds a counter of units; others may take units through its write keeper, never below 0. */
const holder: Module = {
  name: "holder",
  kinds: {
    mint: defineKind({
      payload: new ContainerType({ n: U32 }),
      parse: (p) => p.n,
      apply: (ctx, n) => ctx.state.set(KEY, U32.serialize(readUnits(ctx.state) + n)),
    }),
  },
  keeper: (state) => ({ units: () => readUnits(state) }),
  writeKeeper: (state: StateView) => ({
    take(n: number) {
      const have = readUnits(state);
      if (n > have) throw new TelchainError("TX_BAD_PAYLOAD", `only ${have} units`);
      state.set(KEY, U32.serialize(have - n));
    },
  }),
};
/** Takes units from `holder` and counts them in its own state; fails after taking when asked. */
const taker: Module = {
  name: "taker",
  kinds: {
    take: defineKind({
      payload: new ContainerType({ n: U32, fail: U32 }),
      parse: (p) => p,
      apply(ctx, { n, fail }) {
        ctx.writeKeeper<{ take(n: number): void }>("holder").take(n);
        ctx.state.set(KEY, U32.serialize(readUnits(ctx.state) + n));
        if (fail) throw new TelchainError("TX_BAD_PAYLOAD", "asked to fail after taking");
      },
    }),
  },
};
const holderCalls = calls(
  "holder",
  holder.kinds as { mint: ReturnType<typeof defineKind<{ n: number }, number>> },
);
const takerCalls = calls(
  "taker",
  taker.kinds as {
    take: ReturnType<typeof defineKind<{ n: number; fail: number }, { n: number; fail: number }>>;
  },
);

test("a kind moves another module's holdings through its write keeper; a refusal undoes both", async () => {
  const coin = allModules().filter((m) => m.name === "coin"); // the core reaches modules through the list only
  const t = closeAfterwards(ModuleTestChain.create({ modules: [...coin, holder, taker] }));
  const key = testKey(0);
  await t.mine(t.call(key, holderCalls.mint({ n: 10 })));
  await t.mine(t.call(key, takerCalls.take({ n: 4, fail: 0 })));
  assert.equal(readUnits(t.state("holder")), 6, "taken from the holder's own state");
  assert.equal(readUnits(t.state("taker")), 4, "and counted by the taker");
  t.refuse(t.call(key, takerCalls.take({ n: 7, fail: 0 }), false), "TX_BAD_PAYLOAD");
  t.refuse(t.call(key, takerCalls.take({ n: 2, fail: 1 }), false), "TX_BAD_PAYLOAD");
  await t.mine();
  assert.equal(readUnits(t.state("holder")), 6, "a refused transaction took nothing");
  assert.equal(readUnits(t.state("taker")), 4);
  assert.equal(t.keeper<{ units(): number }>("holder").units(), 6);
});
