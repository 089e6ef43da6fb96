/** The text fields encode and hash exactly as the byte lists they replaced (genesis hashes, state roots, txs). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { BooleanType, ByteListType, ContainerType, ListCompositeType, UintNumberType } from "@chainsafe/ssz";
import { Bytes32, Bytes64, Uint53, Uint64 } from "../../codec/schema.js";
import { SIP } from "./fixtures.test.js";
import { NumberEntry, RegisterPayload, VerifierEntry } from "./schemas.js";

const Bytes = (n: number) => new ByteListType(n);
const OldNaptr = new ContainerType({
  order: new UintNumberType(2),
  preference: new UintNumberType(2),
  flags: Bytes(16),
  service: Bytes(255),
  regexp: Bytes(512),
  replacement: Bytes(512),
});
const OldList = new ListCompositeType(OldNaptr, 16);
const OldAttestation = new ContainerType({
  verifier: Bytes32,
  number: Bytes(16),
  owner: Bytes32,
  validFrom: Uint53,
  validUntil: Uint53,
  nonce: Bytes32,
  signature: Bytes64,
});
const OldNumberEntry = new ContainerType({
  owner: Bytes32,
  verifier: Bytes32,
  registeredAt: Uint53,
  expiresAt: Uint53,
  attestedUntil: Uint53,
  records: OldList,
});
const OldVerifierEntry = new ContainerType({
  name: Bytes(64),
  bond: Uint64,
  registeredAt: Uint53,
  revokedAt: Uint53,
  revokedByAuthority: new BooleanType(),
});
const OldRegister = new ContainerType({
  number: Bytes(16),
  salt: Bytes32,
  records: OldList,
  attestation: OldAttestation,
});

const utf8 = (s: string) => new TextEncoder().encode(s);
const records = [SIP("alice"), { ...SIP("bob"), service: "E2U+voice:tel", flags: "" }];
const oldRecords = records.map((r) => ({
  ...r,
  flags: utf8(r.flags),
  service: utf8(r.service),
  regexp: utf8(r.regexp),
  replacement: utf8(r.replacement),
}));
const key = (b: number) => new Uint8Array(32).fill(b);

test("numbers, verifiers and register payloads keep their encodings and roots", () => {
  const entry = { owner: key(1), verifier: key(2), registeredAt: 3, expiresAt: 4, attestedUntil: 5 };
  const pairs: [Uint8Array, Uint8Array, Uint8Array, Uint8Array][] = [
    [
      NumberEntry.serialize({ ...entry, records }),
      OldNumberEntry.serialize({ ...entry, records: oldRecords }),
      NumberEntry.hashTreeRoot({ ...entry, records }),
      OldNumberEntry.hashTreeRoot({ ...entry, records: oldRecords }),
    ],
  ];
  const v = { bond: 7n, registeredAt: 1, revokedAt: 0, revokedByAuthority: false };
  pairs.push([
    VerifierEntry.serialize({ ...v, name: "telchain dev verifier" }),
    OldVerifierEntry.serialize({ ...v, name: utf8("telchain dev verifier") }),
    VerifierEntry.hashTreeRoot({ ...v, name: "telchain dev verifier" }),
    OldVerifierEntry.hashTreeRoot({ ...v, name: utf8("telchain dev verifier") }),
  ]);
  const a = {
    verifier: key(3),
    owner: key(4),
    validFrom: 1,
    validUntil: 2,
    nonce: key(5),
    signature: new Uint8Array(64),
  };
  const reg = {
    number: "+15551234567",
    salt: key(6),
    records,
    attestation: { ...a, number: "+15551234567" },
  };
  const old = {
    number: utf8("+15551234567"),
    salt: key(6),
    records: oldRecords,
    attestation: { ...a, number: utf8("+15551234567") },
  };
  pairs.push([
    RegisterPayload.serialize(reg),
    OldRegister.serialize(old),
    RegisterPayload.hashTreeRoot(reg),
    OldRegister.hashTreeRoot(old),
  ]);
  for (const [bytes, oldBytes, root, oldRoot] of pairs) {
    assert.deepEqual(bytes, oldBytes);
    assert.deepEqual(root, oldRoot);
  }
  assert.deepEqual(RegisterPayload.deserialize(OldRegister.serialize(old)), reg);
});
