/**
 * The write keeper as the market will use it, through a stand-in module `escrow` that declares it
 * the way a consumer does and keeps what it took in its own state: take's and give's rules by
 * code (each refusal undoes the caller's writes too), a give in an end-of-block step of the
 * expiry block, and the conservation invariant Σ balances + custody = supply (with custody equal
 * to what the escrow holds) after every block of a randomized run of issues, transfers, redeems,
 * purchases, takes and gives across an expiry and its pruning.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ContainerType } from "@chainsafe/ssz";
import fc from "fast-check";
import { toHex } from "../../bytes.js";
import type { Tx } from "../../codec/schema.js";
import { Bytes32, Uint53, Uint64 } from "../../codec/schema.js";
import { utf8 } from "../../crypto/hash.js";
import { TelchainError } from "../../errors.js";
import type { Module } from "../../module/interface.js";
import { calls, defineKind } from "../../module/kind.js";
import { entries } from "../../module/store.js";
import { readAccount } from "../../state/accounts.js";
import {
  candidate,
  closeAfterwards,
  mine,
  SPACING,
  signedTx,
  type TestKey,
  testKey,
} from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { allModules } from "../index.js";
import {
  ALICE,
  assertConservation,
  BOB,
  carriersChain,
  classAt,
  ISSUER_OP,
  keeper,
  NOBODY,
  PUB_OP,
  PUBLISHER,
  vc,
} from "./fixtures.test.js";

/** What the escrow declares of vouchers (its expected-keepers.ts, as the market's). */
interface ExpectedVoucherMoves {
  take(classId: number, holder: Uint8Array, amount: bigint, height: number): void;
  give(classId: number, holder: Uint8Array, amount: bigint, height: number): void;
}

const held = entries(Uint64, ([classId, holder]: [number, Uint8Array]) =>
  utf8(`e/${classId}/${toHex(holder)}`),
);
const heldOf = (s: { get(k: Uint8Array): Uint8Array | undefined }, classId: number, holder: Uint8Array) =>
  held.get(s, [classId, holder]) ?? 0n;
const LATER = utf8("later");
const Later = new ContainerType({ classId: Uint53, holder: Bytes32, amount: Uint64 });
const Move = new ContainerType({ classId: Uint53, amount: Uint64, fail: Uint53 });
const moves = (ctx: { writeKeeper<K>(m: string): K }) => ctx.writeKeeper<ExpectedVoucherMoves>("vouchers");

/** Locks a holder's units (take) and releases them (give), now or in its end of block. */
const escrow: Module = {
  name: "escrow",
  kinds: {
    lock: defineKind({
      payload: Move,
      parse: (p) => p,
      apply(ctx, p) {
        moves(ctx).take(p.classId, ctx.sender, p.amount, ctx.block.height);
        held.set(ctx.state, [p.classId, ctx.sender], heldOf(ctx.state, p.classId, ctx.sender) + p.amount);
        if (p.fail) throw new TelchainError("TX_BAD_PAYLOAD", "asked to fail after taking");
      },
    }),
    unlock: defineKind({
      payload: Move,
      parse: (p) => p,
      apply(ctx, p) {
        // custody is the class's, all holders' escrows together: the caller keeps its own per holder
        const have = heldOf(ctx.state, p.classId, ctx.sender);
        // (fail = 1: a careless caller that leaves the check to vouchers' class-wide custody)
        if (have < p.amount && !p.fail)
          throw new TelchainError("TX_BAD_PAYLOAD", `the escrow holds ${have} for the sender`);
        moves(ctx).give(p.classId, ctx.sender, p.amount, ctx.block.height);
        held.set(ctx.state, [p.classId, ctx.sender], have > p.amount ? have - p.amount : 0n);
      },
    }),
    /** Gives back in this block's end-of-block step (after vouchers' own). */
    "unlock-later": defineKind({
      payload: Move,
      parse: (p) => p,
      apply(ctx, p) {
        ctx.state.set(LATER, Later.serialize({ classId: p.classId, holder: ctx.sender, amount: p.amount }));
      },
    }),
  },
  endBlock(ctx) {
    const v = ctx.state.get(LATER);
    if (!v) return;
    ctx.state.delete(LATER);
    const l = Later.deserialize(v);
    try {
      moves(ctx).give(l.classId, l.holder, l.amount, ctx.block.height);
      held.set(ctx.state, [l.classId, l.holder], heldOf(ctx.state, l.classId, l.holder) - l.amount);
    } catch {
      // an expired escrow stays in custody: the escrow's decision
    }
  },
};
type EscrowKinds = {
  lock: ReturnType<typeof defineKind<{ classId: number; amount: bigint; fail: number }, unknown>>;
};
const ec = calls("escrow", {
  ...escrow.kinds,
  "unlock-later": escrow.kinds["unlock-later"],
} as unknown as EscrowKinds & {
  unlock: EscrowKinds["lock"];
  "unlock-later": EscrowKinds["lock"];
});
const lock = (classId: number, amount: bigint, fail = 0) => ec.lock({ classId, amount, fail });
const unlock = (classId: number, amount: bigint, careless = false) =>
  ec.unlock({ classId, amount, fail: careless ? 1 : 0 });
const unlockLater = (classId: number, amount: bigint) => ec["unlock-later"]({ classId, amount, fail: 0 });

const withEscrow = () => carriersChain([...allModules(), escrow]);

test("take and give: their rules by code, and a refusal undoes the caller's writes", async () => {
  const t = closeAfterwards(await withEscrow());
  await t.mine(
    t.call(ISSUER_OP, vc.create({ expiry: 100 })),
    t.call(ISSUER_OP, vc.create({ expiry: 100, transferable: false })),
    t.call(ISSUER_OP, vc.create({ expiry: t.height + 2 })),
  );
  await t.mine(
    t.call(ISSUER_OP, vc.issue(1, ALICE, 50n)),
    t.call(ISSUER_OP, vc.issue(2, ALICE, 50n)),
    t.call(ISSUER_OP, vc.issue(3, ALICE, 50n)),
  );
  await t.mine(t.call(ALICE, lock(1, 20n)));
  assert.equal(keeper(t).balance(1, ALICE.pub), 30n, "taken out of the balance");
  assert.equal(classAt(t, 1)?.custody, 20n, "into custody");
  assert.equal(heldOf(t.state("escrow"), 1, ALICE.pub), 20n);
  const cases: [TestKey, ReturnType<typeof lock>, string][] = [
    [ALICE, lock(9, 1n), "VOUCHERS_NO_CLASS"],
    [ALICE, lock(3, 1n), "VOUCHERS_EXPIRED"],
    [ALICE, lock(2, 1n), "VOUCHERS_NOT_TRANSFERABLE"],
    [ALICE, lock(1, 31n), "VOUCHERS_INSUFFICIENT"],
    [BOB, lock(1, 1n), "VOUCHERS_INSUFFICIENT"],
    [ALICE, lock(1, 0n), "VOUCHERS_BAD_AMOUNT"],
    [ALICE, unlock(1, 21n, true), "VOUCHERS_CUSTODY_SHORT"],
    [BOB, unlock(1, 21n, true), "VOUCHERS_CUSTODY_SHORT"],
    [ALICE, unlock(1, 0n), "VOUCHERS_BAD_AMOUNT"],
    [ALICE, unlock(9, 1n, true), "VOUCHERS_NO_CLASS"],
    [ALICE, unlock(3, 1n, true), "VOUCHERS_EXPIRED"],
  ];
  for (const [key, call, code] of cases) t.refuse(t.call(key, call, false), code);
  t.refuse(t.call(ALICE, lock(1, 5n, 1), false), "TX_BAD_PAYLOAD");
  assert.equal(classAt(t, 1)?.custody, 20n, "the take of the refused transaction was undone");
  await t.mine(t.call(ALICE, unlock(1, 20n)));
  assert.equal(keeper(t).balance(1, ALICE.pub), 50n);
  assert.equal(classAt(t, 1)?.custody, 0n);
  assertConservation(t);
});

test("a give in the end of block of the expiry block works; after it the escrow stays in custody", async () => {
  const t = closeAfterwards(await withEscrow());
  const expiry = t.height + 4;
  await t.mine(t.call(ISSUER_OP, vc.create({ expiry })));
  await t.mine(t.call(ISSUER_OP, vc.issue(1, ALICE, 10n)), t.call(ISSUER_OP, vc.issue(1, BOB, 10n)));
  await t.mine(t.call(ALICE, lock(1, 10n)), t.call(BOB, lock(1, 10n)));
  assert.equal(classAt(t, 1)?.holders, 0, "every unit in custody");
  assert.equal(t.height, expiry - 1);
  // the expiry block: Alice's units come back in the escrow's end of block, after vouchers' pruning step
  await t.mine(t.call(ALICE, unlockLater(1, 10n)));
  assert.equal(keeper(t).balance(1, ALICE.pub, expiry), 10n);
  assert.equal(classAt(t, 1)?.custody, 10n);
  // the next block: Bob's come too late, the escrow keeps them in custody
  await t.mine(t.call(BOB, unlockLater(1, 10n)));
  const c = classAt(t, 1);
  assert.equal(c?.custody, 10n);
  assert.equal(c?.prunedAt, expiry + 1, "Alice's returned balance was pruned in the block after the expiry");
  assert.equal(c?.pruned, 10n);
  assertConservation(t);
});

/** One step of the randomized run: who does what (refusals are fine: they change nothing). */
type Step =
  | {
      op: "issue" | "transfer" | "redeem" | "lock" | "unlock" | "buy";
      who: number;
      to: number;
      cls: number;
      n: bigint;
    }
  | { op: "idle" };
const PEOPLE = [ALICE, BOB, NOBODY, PUB_OP];

function callOf(s: Step) {
  if (s.op === "idle") return undefined;
  const to = PEOPLE[s.to];
  switch (s.op) {
    case "issue":
      return { key: ISSUER_OP, call: vc.issue(s.cls, to, s.n) };
    case "transfer":
      return { key: PEOPLE[s.who], call: vc.transfer(s.cls, to, s.n) };
    case "redeem":
      return { key: PEOPLE[s.who], call: vc.redeem(s.cls, s.n, `sub-${s.who}`) };
    case "lock":
      return { key: PEOPLE[s.who], call: lock(s.cls, s.n) };
    case "unlock":
      return { key: PEOPLE[s.who], call: unlock(s.cls, s.n) };
    case "buy":
      return { key: PEOPLE[s.who], call: vc.buy(s.cls, Number(s.n % 3n) + 1) };
  }
}

const REJECTED = new Map<string, number>();
/** Mines a block of whatever of `txs` the template accepts (one per signer, at its account nonce). */
async function mineAccepted(
  t: ModuleTestChain,
  calls: { key: TestKey; call: ReturnType<typeof lock> }[],
): Promise<number> {
  const seen = new Set<string>();
  const txs: Tx[] = [];
  for (const { key, call } of calls) {
    if (seen.has(toHex(key.pub))) continue;
    seen.add(toHex(key.pub));
    const nonce = readAccount(t.c.chain.state, key.pub).nonce;
    txs.push(signedTx(key, nonce, call.module, call.kind, call.payload));
  }
  t.c.clock += SPACING;
  const tpl = t.c.chain.buildTemplate(testKey(9).pub, txs.map(candidate));
  for (const r of tpl.rejected) REJECTED.set(r.error.code, (REJECTED.get(r.error.code) ?? 0) + 1);
  await t.c.chain.importBlock(mine(tpl.block));
  return tpl.block.txs.length;
}

/** What the escrow holds of a class, summed over the people. */
const escrowed = (t: ModuleTestChain, cls: number) =>
  PEOPLE.reduce((s, k) => s + heldOf(t.state("escrow"), cls, k.pub), 0n);

test("conservation: Σ balances + custody = supply, and custody = what the escrow holds, after every block", async () => {
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 1, arbitrary: fc.constant<Step>({ op: "idle" }) },
    {
      weight: 6,
      arbitrary: fc.record({
        op: fc.constantFrom("issue", "transfer", "redeem", "lock", "unlock", "buy"),
        who: fc.nat(PEOPLE.length - 1),
        to: fc.nat(PEOPLE.length - 1),
        cls: fc.integer({ min: 1, max: 3 }),
        n: fc.oneof(
          { weight: 5, arbitrary: fc.bigInt({ min: 1n, max: 40n }) },
          { weight: 1, arbitrary: fc.constantFrom(0n, 1n, (1n << 64n) - 1n) },
        ),
      }),
    },
  );
  let included = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(step, { minLength: 2, maxLength: 6 }), { minLength: 20, maxLength: 30 }),
      async (blocks) => {
        const t = await withEscrow();
        try {
          const expiry = t.height + 12;
          await t.mine(
            t.call(ISSUER_OP, vc.create({ expiry, cap: 2_000n })),
            t.call(ISSUER_OP, vc.create({ expiry: expiry + 1_000 })),
            t.call(ISSUER_OP, vc.create({ expiry: expiry + 1_000, transferable: false })),
          );
          await t.mine(
            t.call(
              ISSUER_OP,
              vc.publish(1, {
                units: 7n,
                price: 3n,
                stock: 50,
                end: expiry - 2,
                publisher: [PUBLISHER, PUB_OP, 300],
              }),
            ),
            t.call(ISSUER_OP, vc.publish(2, { units: 5n, price: 2n, stock: 50, end: expiry + 500 })),
            t.call(ISSUER_OP, vc.publish(3, { units: 1n, price: 1n, stock: 50, end: expiry + 500 })),
          );
          await t.mine(
            ...[1, 2, 3].flatMap((cls) =>
              PEOPLE.slice(0, 2).map((k) => t.call(ISSUER_OP, vc.issue(cls, k, 100n))),
            ),
          );
          for (const b of blocks) {
            const cs = b.map(callOf).filter((c) => c !== undefined);
            included += await mineAccepted(t, cs);
            assertConservation(t);
            for (const cls of [1, 2, 3])
              assert.equal(classAt(t, cls)?.custody, escrowed(t, cls), `class ${cls} custody`);
          }
        } finally {
          await t.close();
        }
      },
    ),
    { numRuns: 10 },
  );
  assert.ok(included > 150, `only ${included} transactions were accepted; ${JSON.stringify([...REJECTED])}`);
});
