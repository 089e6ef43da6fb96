/** A number's whole life on a real chain: commit → register → set → transfer → renew → expiry → grace → re-registration. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { equalBytes } from "../../bytes.js";
import { candidate, testKeys } from "../../testing/chain-harness.js";
import {
  attest,
  commit,
  enumChain,
  numberOf,
  registerNumber,
  registerTx,
  SIP,
  TEST_PARAMS,
} from "./fixtures.test.js";
import { enumCalls } from "./kinds/index.js";
import { zoneSource } from "./zone-source.js";

const [A, B, C] = testKeys(0, 1, 2);
const N = "+15551234567";
const D = "15551234567";

test("commit, register, set, transfer, renew, expire, grace, and someone else registers", async () => {
  const e = enumChain();
  const before = e.c.balance(A.pub);
  await registerNumber(e, A, N, [SIP("alice")]);
  const reg = numberOf(e, D);
  assert.ok(reg);
  assert.ok(equalBytes(reg.owner, A.pub));
  assert.equal(reg.registeredAt, e.height);
  assert.equal(reg.expiresAt, e.height + TEST_PARAMS.registrationPeriod);
  // 2 tx fees of 1000 + the registration fee of 1000 (burned)
  assert.equal(e.c.balance(A.pub), before - 3000n);
  const zone = zoneSource(e.query("enum"));
  assert.equal(zone.records(D)?.[0].regexp, "!^.*$!sip:alice@example.com!");
  assert.equal(zone.records(D)?.[0].flags, "U");

  // set: owner only
  const newRecords = [
    SIP("alice2"),
    { ...SIP("x"), service: "E2U+voice:tel", regexp: "!^.*$!tel:+15551234567!" },
  ];
  const setBy = (k: typeof A, consume = true) =>
    e.call(k, enumCalls.set({ number: N, records: newRecords }), consume);
  e.refuse(setBy(B, false), "ENUM_NOT_OWNER");
  await e.mine(setBy(A));
  assert.equal(numberOf(e, D)?.records.length, 2);
  assert.equal(zone.records(D)?.[1].service, "E2U+voice:tel");

  // transfer: owner only; ends the old owner's attestation (served for attestationGrace more)
  const transferTo = (from: typeof A, to: typeof A, consume = true) =>
    e.call(from, enumCalls.transfer({ number: N, to: to.pub }), consume);
  e.refuse(transferTo(B, B, false), "ENUM_NOT_OWNER");
  await e.mine(transferTo(A, B));
  assert.ok(equalBytes(numberOf(e, D)?.owner ?? new Uint8Array(), B.pub));
  e.refuse(setBy(A, false), "ENUM_NOT_OWNER");
  assert.ok(zone.records(D), "handover window: still served");
  e.c.clock += TEST_PARAMS.attestationGrace + 20;
  await e.mineEmpty(1);
  assert.equal(zone.records(D), undefined, "old owner's attestation lapsed");
  // the new owner reattests
  const reattest = e.call(B, enumCalls.reattest({ number: N, attestation: attest(e, N, B.pub) }));
  await e.mine(reattest);
  assert.ok(zone.records(D));

  // renew: too early while a whole period remains; later it extends from expiresAt
  const renewBy = (k: typeof A, consume = true) => e.call(k, enumCalls.renew({ number: N }), consume);
  e.refuse(renewBy(A, false), "ENUM_NOT_OWNER");
  const expires = numberOf(e, D)?.expiresAt ?? 0;
  const bBefore = e.c.balance(B.pub);
  await e.mine(renewBy(B));
  assert.equal(numberOf(e, D)?.expiresAt, expires + TEST_PARAMS.registrationPeriod);
  assert.equal(e.c.balance(B.pub), bBefore - 1000n - 500n);
  e.refuse(renewBy(B, false), "ENUM_RENEW_TOO_EARLY");

  // expiry: records stop being served after expiresAt; the number is in grace
  const expiresAt = numberOf(e, D)?.expiresAt ?? 0;
  // C commits early, intending to take the number once free
  const salt = await commit(e, C, N);
  await e.mineEmpty(expiresAt - e.height);
  assert.ok(zone.records(D), "served through expiresAt");
  await e.mineEmpty(1);
  assert.equal(zone.records(D), undefined, "not served after expiresAt");
  // C's commit went stale meanwhile: commit again
  e.refuse(registerTx(e, C, N, salt, undefined, undefined, false), "ENUM_COMMIT_EXPIRED");
  const salt2 = await commit(e, C, N);
  await e.mineEmpty(1);
  e.refuse(registerTx(e, C, N, salt2, undefined, undefined, false), "ENUM_TAKEN"); // grace: still B's
  // the owner could still act during grace
  const setInGrace = e.call(B, enumCalls.set({ number: N, records: [SIP("b")] }), false);
  assert.equal(e.c.chain.buildTemplate(C.pub, [candidate(setInGrace)]).rejected.length, 0);
  // the next block is the last one of the grace period: still B's
  await e.mineEmpty(expiresAt + TEST_PARAMS.gracePeriod - 1 - e.height);
  e.refuse(registerTx(e, C, N, salt2, undefined, undefined, false), "ENUM_TAKEN");
  // past grace, the old owner lost it and anyone may register
  await e.mineEmpty(1);
  e.refuse(e.call(B, enumCalls.renew({ number: N }), false), "ENUM_EXPIRED");
  await e.mine(registerTx(e, C, N, salt2, [SIP("carol")]));
  assert.ok(equalBytes(numberOf(e, D)?.owner ?? new Uint8Array(), C.pub));
  assert.equal(zone.records(D)?.[0].regexp, "!^.*$!sip:carol@example.com!");
});
