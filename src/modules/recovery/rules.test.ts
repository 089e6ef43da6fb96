/**
 * The rules on a real chain: the veto and its trace, the guardians' lock (a locked account cannot
 * send or be debited, but can veto), the guardian-change delay (a thief holding the key cannot set
 * a short delay or new guardians at once; cancel-change), stalled proposals never blocking a new
 * one, one live approval per guardian, the owner as guardian counting once, carrier guardians, and
 * every refusal by its code.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Bytes32, container, Uint64 } from "../../codec/schema.js";
import { encodeAddress } from "../../crypto/address.js";
import type { Module } from "../../module/interface.js";
import { calls, defineKind } from "../../module/kind.js";
import { closeAfterwards, type TestKey, testKeys } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { allModules } from "../index.js";
import {
  fresh,
  G1,
  G2,
  G3,
  keyOf,
  MAX_DELAY,
  MIN_DELAY,
  mineTo,
  NEW,
  OP,
  OWNER,
  pay,
  rc,
  recoveryGenesis,
  registerCarrier,
  STRANGER,
  THIEF,
  viewOf,
} from "./fixtures.test.js";
import { recoveryCalls } from "./index.js";

const addr = (k: TestKey) => encodeAddress(k.pub);
const chain = () => closeAfterwards(fresh());

/** Three guardians, two approve, the given delay; returns the chain. */
async function guarded(delay = 5, guardians = [G1, G2, G3], threshold = 2): Promise<ModuleTestChain> {
  const t = chain();
  await t.mine(t.call(OWNER, rc.set(guardians, threshold, delay)));
  return t;
}

test("the first guardians apply at once; the account's veto cancels a started recovery and leaves a trace", async () => {
  const t = await guarded();
  assert.deepEqual(viewOf(t, OWNER)?.guardians, [addr(G1), addr(G2), addr(G3)]);
  assert.equal(viewOf(t, OWNER)?.since, t.height);
  await t.mine(t.call(G1, rc.propose(OWNER, THIEF)), t.call(G2, rc.propose(OWNER, THIEF)));
  assert.equal(viewOf(t, OWNER)?.recovery?.key, addr(THIEF));
  // Only the account itself vetoes: not a stranger, not a guardian.
  t.refuse(t.call(STRANGER, rc.veto(OWNER), false), "RECOVERY_NOT_OWNER");
  t.refuse(t.call(G3, rc.veto(OWNER), false), "RECOVERY_NOT_OWNER");
  await t.mine(t.call(OWNER, rc.veto(OWNER)));
  const vetoedAt = t.height;
  const v = viewOf(t, OWNER);
  assert.equal(v?.recovery, null);
  assert.deepEqual(v?.vetoes, {
    count: 1,
    latest: [{ height: vetoedAt, started: true, keys: [addr(THIEF)] }],
  });
  await mineTo(t, vetoedAt + 6);
  t.refuse(t.call(STRANGER, rc.execute(OWNER), false), "RECOVERY_NONE");
  t.refuse(t.call(OWNER, rc.veto(OWNER), false), "RECOVERY_NONE");
  assert.equal(encodeAddress(keyOf(t, OWNER)), addr(OWNER), "the key never changed");
  // A veto of open proposals too; the trace keeps the latest 8, the count all.
  for (let i = 0; i < 9; i++) await t.mine(t.call(G3, rc.propose(OWNER, NEW)), t.call(OWNER, rc.veto(OWNER)));
  const after = viewOf(t, OWNER)?.vetoes;
  assert.equal(after?.count, 10);
  assert.equal(after?.latest.length, 8);
  assert.deepEqual(after?.latest.at(-1), { height: t.height, started: false, keys: [addr(NEW)] });
  assert.equal(after?.latest[0].height, t.height - 7);
});

/** A stand-in module whose kind debits any account (as a pull payment would) and credits the sender. */
const Pull = container("TestPull", { from: Bytes32, amount: Uint64 });
const puller: Module = {
  name: "puller",
  kinds: {
    pull: defineKind({
      payload: Pull,
      parse: (p) => p,
      apply(ctx, p) {
        ctx.accounts.debit(p.from, p.amount);
        ctx.accounts.credit(ctx.sender, p.amount);
      },
    }),
  },
};
const pull = calls("puller", puller.kinds).pull;

test("a guardian's lock: nothing leaves the account and it sends nothing but recovery transactions (it can veto); unlock, expiry, execution lift it", async () => {
  const t = closeAfterwards(
    ModuleTestChain.create({ genesis: recoveryGenesis(), modules: [...allModules(), puller] }),
  );
  await t.mine(t.call(OWNER, rc.set([G1, G2, G3], 2, 5)));
  t.refuse(t.call(STRANGER, rc.lock(OWNER), false), "RECOVERY_NOT_GUARDIAN");
  await t.mine(t.call(G1, rc.lock(OWNER)));
  const lockedAt = t.height;
  assert.equal(viewOf(t, OWNER)?.lockedUntil, lockedAt + 5);
  t.refuse(t.call(OWNER, pay(STRANGER.pub, 1n), false), "ACCOUNT_LOCKED");
  t.refuse(t.call(OWNER, rc.set([G1], 1, 3), false), "ACCOUNT_LOCKED");
  t.refuse(t.call(STRANGER, pull({ from: OWNER.pub, amount: 1n }), false), "ACCOUNT_LOCKED");
  t.refuse(t.call(G2, rc.lock(OWNER), false), "RECOVERY_LOCKED");
  // The locked account can still veto.
  await t.mine(t.call(G2, rc.propose(OWNER, THIEF)));
  await t.mine(t.call(OWNER, rc.veto(OWNER)));
  assert.equal(viewOf(t, OWNER)?.vetoes.count, 1);
  // Any guardian unlocks; then coins move again.
  t.refuse(t.call(STRANGER, rc.unlock(OWNER), false), "RECOVERY_NOT_GUARDIAN");
  await t.mine(t.call(G3, rc.unlock(OWNER)));
  assert.equal(viewOf(t, OWNER)?.lockedUntil, null);
  t.refuse(t.call(G3, rc.unlock(OWNER), false), "RECOVERY_NOT_LOCKED");
  await t.mine(t.call(OWNER, pay(STRANGER.pub, 1n)), t.call(STRANGER, pull({ from: OWNER.pub, amount: 2n })));
  // A lock ends by itself at height lockedAt + delay.
  await t.mine(t.call(G1, rc.lock(OWNER)));
  const until = t.height + 5;
  await mineTo(t, until - 2);
  t.refuse(t.call(OWNER, pay(STRANGER.pub, 1n), false), "ACCOUNT_LOCKED");
  await t.mine();
  await t.mine(t.call(OWNER, pay(STRANGER.pub, 1n)));
  assert.equal(t.height, until);
  // Executing a recovery lifts the guardians' lock.
  await t.mine(
    t.call(G1, rc.lock(OWNER)),
    t.call(G1, rc.propose(OWNER, NEW)),
    t.call(G2, rc.propose(OWNER, NEW)),
  );
  await mineTo(t, t.height + 4);
  await t.mine(t.call(STRANGER, rc.execute(OWNER)));
  assert.equal(viewOf(t, OWNER)?.lockedUntil, null);
  assert.equal(encodeAddress(keyOf(t, OWNER)), addr(NEW));
});

test("a thief with the key cannot set a short delay or new guardians at once: a change waits the current delay; the owner cancels it", async () => {
  const t = await guarded(10);
  const thiefAsOwner = OWNER; // the stolen key signs as the owner
  t.refuse(t.call(thiefAsOwner, rc.set([THIEF], 1, 0), false), "RECOVERY_BAD_DELAY");
  t.refuse(t.call(thiefAsOwner, rc.set([THIEF], 1, MIN_DELAY - 1), false), "RECOVERY_BAD_DELAY");
  t.refuse(t.call(thiefAsOwner, rc.set([THIEF], 1, MAX_DELAY + 1), false), "RECOVERY_BAD_DELAY");
  await t.mine(t.call(thiefAsOwner, rc.set([THIEF], 1, MIN_DELAY)));
  const requested = t.height;
  let v = viewOf(t, OWNER);
  assert.deepEqual([v?.guardians, v?.delay], [[addr(G1), addr(G2), addr(G3)], 10], "the old rules hold");
  assert.deepEqual(v?.pending, {
    guardians: [addr(THIEF)],
    threshold: 1,
    delay: MIN_DELAY,
    requestedAt: requested,
    appliesAt: requested + 10,
  });
  t.refuse(t.call(THIEF, rc.propose(OWNER, THIEF), false), "RECOVERY_NOT_GUARDIAN");
  t.refuse(t.call(thiefAsOwner, rc.set([THIEF], 1, MIN_DELAY), false), "RECOVERY_UNCHANGED");
  t.refuse(t.call(thiefAsOwner, rc.set([G1, G2, G3], 2, 10), false), "RECOVERY_UNCHANGED");
  // The owner cancels it; a cancel with nothing pending is refused.
  t.refuse(t.call(STRANGER, rc.cancel(OWNER), false), "RECOVERY_NOT_OWNER");
  await t.mine(t.call(OWNER, rc.cancel(OWNER)));
  assert.equal(viewOf(t, OWNER)?.pending, null);
  t.refuse(t.call(OWNER, rc.cancel(OWNER), false), "RECOVERY_NO_PENDING");

  // Uncancelled, a change applies at its height and clears the proposals made under the old rules.
  await t.mine(t.call(OWNER, rc.set([G1, THIEF], 1, MIN_DELAY)));
  const appliesAt = t.height + 10;
  await t.mine(t.call(G2, rc.propose(OWNER, NEW)));
  await mineTo(t, appliesAt - 2);
  v = viewOf(t, OWNER);
  assert.equal(v?.proposals.length, 1);
  assert.equal(v?.pending?.appliesAt, appliesAt);
  t.refuse(t.call(THIEF, rc.propose(OWNER, THIEF), false), "RECOVERY_NOT_GUARDIAN");
  await t.mine();
  v = viewOf(t, OWNER);
  assert.deepEqual(
    [v?.guardians, v?.threshold, v?.delay, v?.since],
    [[addr(G1), addr(THIEF)], 1, MIN_DELAY, appliesAt],
  );
  assert.deepEqual([v?.pending, v?.proposals], [null, []]);
  t.refuse(t.call(OWNER, rc.cancel(OWNER), false), "RECOVERY_NO_PENDING");
  t.refuse(t.call(G2, rc.propose(OWNER, NEW), false), "RECOVERY_NOT_GUARDIAN");
  await t.mine(t.call(THIEF, rc.propose(OWNER, THIEF)));
  assert.equal(viewOf(t, OWNER)?.recovery?.executableAt, t.height + MIN_DELAY);
});

test("a stalled proposal expires after the delay and never blocks a new one; a guardian's approval moves; a second approval is refused", async () => {
  const t = await guarded(4, [G1, G2, G3], 3);
  const [K1, K2] = testKeys(20, 21);
  await t.mine(t.call(G1, rc.propose(OWNER, K1)));
  const opened = t.height;
  await t.mine(t.call(G2, rc.propose(OWNER, K2)));
  assert.deepEqual(
    viewOf(t, OWNER)?.proposals.map((p) => [p.key, p.approvers]),
    [
      [addr(K1), [addr(G1)]],
      [addr(K2), [addr(G2)]],
    ],
    "two stalled proposals side by side",
  );
  t.refuse(t.call(G1, rc.propose(OWNER, K1), false), "RECOVERY_ALREADY_APPROVED");
  await mineTo(t, opened + 3);
  assert.deepEqual(
    viewOf(t, OWNER)?.proposals.map((p) => p.key),
    [addr(K2)],
    "K1's proposal is gone at height openedAt + delay",
  );
  // The same key again after it expired: a fresh proposal.
  await t.mine(t.call(G1, rc.propose(OWNER, K1)));
  assert.equal(viewOf(t, OWNER)?.proposals.find((p) => p.key === addr(K1))?.openedAt, t.height);
  // G2 moves its approval from K2 to K1: K2's proposal had only G2 and is gone.
  await t.mine(t.call(G2, rc.propose(OWNER, K1)));
  assert.deepEqual(
    viewOf(t, OWNER)?.proposals.map((p) => [p.key, p.approvals]),
    [[addr(K1), 2]],
  );
  await t.mine(t.call(G3, rc.propose(OWNER, K1)));
  assert.equal(viewOf(t, OWNER)?.recovery?.key, addr(K1));
  t.refuse(t.call(G1, rc.propose(OWNER, K2), false), "RECOVERY_IN_PROGRESS");
});

test("the owner as a guardian counts once", async () => {
  const t = await guarded(5, [OWNER, G1, G2], 2);
  await t.mine(t.call(OWNER, rc.propose(OWNER, NEW)));
  t.refuse(t.call(OWNER, rc.propose(OWNER, NEW), false), "RECOVERY_ALREADY_APPROVED");
  assert.equal(viewOf(t, OWNER)?.recovery, null);
  assert.deepEqual(viewOf(t, OWNER)?.proposals[0].approvers, [addr(OWNER)]);
  await t.mine(t.call(G1, rc.propose(OWNER, NEW)));
  assert.equal(viewOf(t, OWNER)?.recovery?.key, addr(NEW));
  t.refuse(t.call(OWNER, rc.set([OWNER, OWNER], 1, 5), false), "RECOVERY_DUPLICATE_GUARDIAN");
});

test("a carrier guardian acts through its operator; a key that is also an address guardian acts for that entry only", async () => {
  const t = chain();
  await t.mine(t.call(OP, registerCarrier("AAA", "1555")));
  t.refuse(t.call(OWNER, rc.set(["carrier:ZZZ", G1], 2, 5), false), "RECOVERY_UNKNOWN_CARRIER");
  await t.mine(t.call(OWNER, rc.set(["carrier:AAA", G1], 2, 5)));
  await t.mine(t.call(OP, rc.propose(OWNER, NEW)));
  assert.deepEqual(viewOf(t, OWNER)?.proposals[0].approvers, ["carrier:AAA"]);
  await t.mine(t.call(G1, rc.propose(OWNER, NEW)));
  assert.equal(viewOf(t, OWNER)?.recovery?.key, addr(NEW));

  // OP is named itself and operates AAA: one key, one approval.
  const u = chain();
  await u.mine(u.call(OP, registerCarrier("AAA", "1555")));
  await u.mine(u.call(OWNER, rc.set([OP, "carrier:AAA", G1], 2, 5)));
  await u.mine(u.call(OP, rc.propose(OWNER, NEW)));
  assert.deepEqual(viewOf(u, OWNER)?.proposals[0].approvers, [addr(OP)]);
  u.refuse(u.call(OP, rc.propose(OWNER, NEW), false), "RECOVERY_ALREADY_APPROVED");
  assert.equal(viewOf(u, OWNER)?.recovery, null);
});

test("refusals: each its own code, nothing changes", async () => {
  const t = await guarded();
  const identity = new Uint8Array(32);
  identity[0] = 1; // the identity point: nobody can sign with it
  const eleven = testKeys(10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 22);
  const set = (p: Parameters<(typeof recoveryCalls)["set-guardians"]>[0]) =>
    recoveryCalls["set-guardians"](p);
  const cases: [TestKey, ReturnType<typeof rc.set>, string][] = [
    [STRANGER, rc.set([], 1, 5), "RECOVERY_BAD_GUARDIANS"],
    [STRANGER, rc.set(eleven, 1, 5), "RECOVERY_BAD_GUARDIANS"],
    [STRANGER, rc.set([G1, G2, G1], 1, 5), "RECOVERY_DUPLICATE_GUARDIAN"],
    [STRANGER, rc.set([G1, G2], 0, 5), "RECOVERY_BAD_THRESHOLD"],
    [STRANGER, rc.set([G1, G2], 3, 5), "RECOVERY_BAD_THRESHOLD"],
    [
      STRANGER,
      set({ guardians: [{ address: identity, carrier: "" }], threshold: 1, delay: 5 }),
      "RECOVERY_BAD_GUARDIAN",
    ],
    [
      STRANGER,
      set({ guardians: [{ address: G1.pub, carrier: "AAA" }], threshold: 1, delay: 5 }),
      "RECOVERY_BAD_GUARDIAN",
    ],
    [OWNER, rc.set([G1, G2, G3], 2, 5), "RECOVERY_UNCHANGED"],
    [G1, rc.propose(STRANGER, NEW), "RECOVERY_NO_GUARDIANS"],
    [STRANGER, rc.propose(OWNER, NEW), "RECOVERY_NOT_GUARDIAN"],
    [G1, recoveryCalls.propose({ account: OWNER.pub, key: identity }), "RECOVERY_BAD_KEY"],
    [G1, rc.propose(OWNER, OWNER), "RECOVERY_SAME_KEY"],
    [STRANGER, rc.execute(OWNER), "RECOVERY_NONE"],
    [STRANGER, rc.execute(STRANGER), "RECOVERY_NONE"],
    [OWNER, rc.veto(OWNER), "RECOVERY_NONE"],
    [STRANGER, rc.veto(STRANGER), "RECOVERY_NO_GUARDIANS"],
    [G1, rc.cancel(OWNER), "RECOVERY_NOT_OWNER"],
    [OWNER, rc.cancel(OWNER), "RECOVERY_NO_PENDING"],
    [G1, rc.unlock(OWNER), "RECOVERY_NOT_LOCKED"],
    [G1, rc.lock(STRANGER), "RECOVERY_NO_GUARDIANS"],
  ];
  const before = viewOf(t, OWNER);
  for (const [who, call, code] of cases) t.refuse(t.call(who, call, false), code);
  assert.deepEqual(viewOf(t, OWNER), before);
  assert.equal(viewOf(t, STRANGER), undefined);
});
