/** Commit → reveal: a visible commit or reveal gives nobody else the number. */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { equalBytes } from "../../bytes.js";
import { testKey } from "../../testing/chain-harness.js";
import { commitHash } from "./commit-hash.js";
import { CommitPayload } from "./schemas.js";
import { EnumTestChain, TEST_PARAMS } from "./test-chain.js";

const VICTIM = testKey(0);
const ATTACKER = testKey(1);
const N = "+15551234567";
const D = "15551234567";

const chains: EnumTestChain[] = [];
after(async () => {
  for (const c of chains) await c.close();
});

test("a copied commit hash and a copied reveal are useless to anyone but the committer", async () => {
  const e = EnumTestChain.create();
  chains.push(e);
  const salt = e.salt();
  const hash = commitHash(N, VICTIM.pub, salt);
  // The attacker copies the victim's commit from the mempool into the same block, first.
  await e.mine(
    e.tx(ATTACKER, "commit", CommitPayload.serialize({ hash })),
    e.tx(VICTIM, "commit", CommitPayload.serialize({ hash })),
  );
  await e.mineEmpty(TEST_PARAMS.commitMinAge - 1);
  // The attacker copies the reveal (number, salt): its commit binds the victim as owner.
  e.refuse(e.registerTx(ATTACKER, N, salt, undefined, e.attest(N, ATTACKER.pub), false), "ENUM_NO_COMMIT");
  // The victim's reveal goes through.
  await e.mine(e.registerTx(VICTIM, N, salt));
  assert.ok(equalBytes(e.number(D)?.owner ?? new Uint8Array(), VICTIM.pub));
});

test("a reveal needs a mature, unexpired, unused commit; a taken number cannot be revealed", async () => {
  const e = EnumTestChain.create();
  chains.push(e);
  const salt = await e.commit(VICTIM, N);
  // the same commit twice while it is live
  e.refuse(
    e.tx(VICTIM, "commit", CommitPayload.serialize({ hash: commitHash(N, VICTIM.pub, salt) }), false),
    "ENUM_COMMIT_EXISTS",
  );
  // one block after the commit: immature (commitMinAge 2)
  e.refuse(e.registerTx(VICTIM, N, salt, undefined, undefined, false), "ENUM_COMMIT_IMMATURE");
  // no commit at all for another salt
  e.refuse(e.registerTx(VICTIM, N, e.salt(), undefined, undefined, false), "ENUM_NO_COMMIT");
  // past commitMaxAge: stale
  await e.mineEmpty(TEST_PARAMS.commitMaxAge);
  e.refuse(e.registerTx(VICTIM, N, salt, undefined, undefined, false), "ENUM_COMMIT_EXPIRED");
  assert.equal(e.number(D), undefined);
  // a stale commit may be made again, and then revealed
  await e.commit(VICTIM, N, salt);
  await e.mineEmpty(1);
  // the attacker also committed, properly, for the same number
  const attackerSalt = await e.commit(ATTACKER, N);
  await e.mine(e.registerTx(VICTIM, N, salt));
  // reusing the consumed commit fails
  e.refuse(e.registerTx(VICTIM, N, salt, undefined, undefined, false), "ENUM_NO_COMMIT");
  await e.mineEmpty(1);
  // the attacker's mature reveal meets a taken number
  e.refuse(
    e.registerTx(ATTACKER, N, attackerSalt, undefined, e.attest(N, ATTACKER.pub), false),
    "ENUM_TAKEN",
  );
  assert.ok(equalBytes(e.number(D)?.owner ?? new Uint8Array(), VICTIM.pub));
});
