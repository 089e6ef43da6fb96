/** Commit → reveal: a visible commit or reveal gives nobody else the number. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { equalBytes } from "../../bytes.js";
import { testKeys } from "../../testing/chain-harness.js";
import { commitHash } from "./attestation.js";
import { attest, commit, enumChain, newSalt, numberOf, registerTx, TEST_PARAMS } from "./fixtures.test.js";
import { enumCalls } from "./kinds/index.js";

const [VICTIM, ATTACKER] = testKeys(0, 1);
const N = "+15551234567";
const D = "15551234567";

test("a copied commit hash and a copied reveal are useless to anyone but the committer", async () => {
  const e = enumChain();
  const salt = newSalt();
  const hash = commitHash(N, VICTIM.pub, salt);
  // The attacker copies the victim's commit from the mempool into the same block, first.
  await e.mine(e.call(ATTACKER, enumCalls.commit({ hash })), e.call(VICTIM, enumCalls.commit({ hash })));
  await e.mineEmpty(TEST_PARAMS.commitMinAge - 1);
  // The attacker copies the reveal (number, salt): its commit binds the victim as owner.
  e.refuse(registerTx(e, ATTACKER, N, salt, undefined, attest(e, N, ATTACKER.pub), false), "ENUM_NO_COMMIT");
  // The victim's reveal goes through.
  await e.mine(registerTx(e, VICTIM, N, salt));
  assert.ok(equalBytes(numberOf(e, D)?.owner ?? new Uint8Array(), VICTIM.pub));
});

test("a reveal needs a mature, unexpired, unused commit; a taken number cannot be revealed", async () => {
  const e = enumChain();
  const salt = await commit(e, VICTIM, N);
  // the same commit twice while it is live
  e.refuse(
    e.call(VICTIM, enumCalls.commit({ hash: commitHash(N, VICTIM.pub, salt) }), false),
    "ENUM_COMMIT_EXISTS",
  );
  // one block after the commit: immature (commitMinAge 2)
  e.refuse(registerTx(e, VICTIM, N, salt, undefined, undefined, false), "ENUM_COMMIT_IMMATURE");
  // no commit at all for another salt
  e.refuse(registerTx(e, VICTIM, N, newSalt(), undefined, undefined, false), "ENUM_NO_COMMIT");
  // past commitMaxAge: stale
  await e.mineEmpty(TEST_PARAMS.commitMaxAge);
  e.refuse(registerTx(e, VICTIM, N, salt, undefined, undefined, false), "ENUM_COMMIT_EXPIRED");
  assert.equal(numberOf(e, D), undefined);
  // a stale commit may be made again, and then revealed
  await commit(e, VICTIM, N, salt);
  await e.mineEmpty(1);
  // the attacker also committed, properly, for the same number
  const attackerSalt = await commit(e, ATTACKER, N);
  await e.mine(registerTx(e, VICTIM, N, salt));
  // reusing the consumed commit fails
  e.refuse(registerTx(e, VICTIM, N, salt, undefined, undefined, false), "ENUM_NO_COMMIT");
  await e.mineEmpty(1);
  // the attacker's mature reveal meets a taken number
  e.refuse(
    registerTx(e, ATTACKER, N, attackerSalt, undefined, attest(e, N, ATTACKER.pub), false),
    "ENUM_TAKEN",
  );
  assert.ok(equalBytes(numberOf(e, D)?.owner ?? new Uint8Array(), VICTIM.pub));
});
