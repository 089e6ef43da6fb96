/**
 * SSZ schemas of the ENUM module: transaction payloads and the values it stores, and their
 * types. Text fields (numbers, NAPTR fields, verifier names) are UTF-8 text types encoded
 * exactly as the byte lists they replaced; the byte bounds here are the codec's outer
 * limits, the semantic limits (255-byte regexp, 16 records, 4 KiB of records...) are
 * checked by records.ts with ENUM_BAD_RECORD messages.
 */
import { BooleanType, ContainerType, ListCompositeType, UintNumberType, type ValueOf } from "@chainsafe/ssz";
import { Bytes32, Bytes64, Uint53, Uint64 } from "../../codec/schema.js";
import { text } from "../../codec/text.js";

/** Hard cap of records per number; the genesis param maxRecords may only lower it. */
export const MAX_RECORDS = 16;

const Uint16 = new UintNumberType(2);
/** An E.164 number as text: "+15551234567" ("+" and at most 15 digits); parsed by the kinds. */
const NumberText = text({
  maxBytes: 16,
  describe: "an E.164 number (+ and digits)",
  code: "ENUM_BAD_NUMBER",
});
const RecordText = (maxBytes: number) =>
  text({ maxBytes, describe: "NAPTR text (UTF-8)", code: "ENUM_BAD_RECORD" });
/** 1-64 printable ASCII characters without surrounding spaces. */
export const VerifierName = text({
  maxBytes: 64,
  pattern: /^[\x21-\x7e](?:[\x20-\x7e]{0,62}[\x21-\x7e])?$/,
  describe: "1-64 printable ASCII characters without surrounding spaces",
  code: "ENUM_BAD_VERIFIER_NAME",
});

/** One NAPTR record (RFC 3403) as stored and as carried in payloads. */
export const NaptrSsz = new ContainerType(
  {
    order: Uint16,
    preference: Uint16,
    /** "U" for terminal ENUM rules (RFC 6116), "" for non-terminal. */
    flags: RecordText(16),
    /** Enumservice, e.g. "E2U+sip", "E2U+voice:tel", "E2U+pstn:tel". */
    service: RecordText(255),
    /** Substitution expression, e.g. "!^.*$!sip:alice@example.com!". */
    regexp: RecordText(512),
    /** Replacement domain name; "." when the regexp is used (RFC 3403). */
    replacement: RecordText(512),
  },
  { typeName: "EnumNaptr" },
);
export type NaptrRecord = ValueOf<typeof NaptrSsz>;
export const NaptrList = new ListCompositeType(NaptrSsz, MAX_RECORDS);

/** A verifier's signed claim "owner controls number during [validFrom, validUntil]" (see attestation.ts). */
export const AttestationSsz = new ContainerType(
  {
    verifier: Bytes32,
    number: text({ maxBytes: 16, describe: "E.164 text", code: "ENUM_BAD_ATTESTATION" }),
    owner: Bytes32,
    /** Unix seconds. */
    validFrom: Uint53,
    validUntil: Uint53,
    nonce: Bytes32,
    signature: Bytes64,
  },
  { typeName: "EnumAttestation" },
);
export type Attestation = ValueOf<typeof AttestationSsz>;

// ---- transaction payloads (module "enum") ----

/** enum/commit: hash = commitHash(number, owner = sender, salt) from commit-hash.ts. */
export const CommitPayload = new ContainerType({ hash: Bytes32 }, { typeName: "EnumCommit" });
/** enum/register: the reveal of a mature commit. */
export const RegisterPayload = new ContainerType(
  { number: NumberText, salt: Bytes32, records: NaptrList, attestation: AttestationSsz },
  { typeName: "EnumRegister" },
);
/** enum/set: replace the records of a number (owner only). */
export const SetPayload = new ContainerType(
  { number: NumberText, records: NaptrList },
  { typeName: "EnumSet" },
);
/** enum/transfer: hand a number to another address (owner only). */
export const TransferPayload = new ContainerType(
  { number: NumberText, to: Bytes32 },
  { typeName: "EnumTransfer" },
);
/** enum/renew: extend the registration by registrationPeriod blocks (owner only). */
export const RenewPayload = new ContainerType({ number: NumberText }, { typeName: "EnumRenew" });
/** enum/reattest: a fresh attestation for a number (owner only). */
export const ReattestPayload = new ContainerType(
  { number: NumberText, attestation: AttestationSsz },
  { typeName: "EnumReattest" },
);
/** enum/verifier-register: the sender's key becomes a verifier; verifierBond is held. */
export const VerifierRegisterPayload = new ContainerType(
  { name: VerifierName },
  { typeName: "EnumVerifierRegister" },
);
/** enum/verifier-revoke: by the verifier itself or the module authority. */
export const VerifierRevokePayload = new ContainerType(
  { verifier: Bytes32 },
  { typeName: "EnumVerifierRevoke" },
);

// ---- stored values (keys: see store.ts) ----

/** A registered number. */
export const NumberEntry = new ContainerType(
  {
    owner: Bytes32,
    /** The verifier of the latest accepted attestation. */
    verifier: Bytes32,
    registeredAt: Uint53,
    /** Last height at which the records are served (registration height + registrationPeriod, renewals add). */
    expiresAt: Uint53,
    /** validUntil (unix seconds) of the latest attestation. */
    attestedUntil: Uint53,
    records: NaptrList,
  },
  { typeName: "EnumNumberEntry" },
);
export type NumberEntry = ValueOf<typeof NumberEntry>;

/** A pending commit. */
export const CommitEntry = new ContainerType({ height: Uint53 }, { typeName: "EnumCommitEntry" });
export type CommitEntry = ValueOf<typeof CommitEntry>;

export const VerifierEntry = new ContainerType(
  {
    name: VerifierName,
    /** Bond held while active. */
    bond: Uint64,
    registeredAt: Uint53,
    /** Height of revocation, 0 while active. */
    revokedAt: Uint53,
    /** True when the authority revoked it (bond burned, its attestations stop counting). */
    revokedByAuthority: new BooleanType(),
  },
  { typeName: "EnumVerifierEntry" },
);
export type VerifierEntry = ValueOf<typeof VerifierEntry>;

/** The module's parameters, fixed at genesis (see params.ts). */
export const ParamsEntry = new ContainerType(
  {
    hasAuthority: new BooleanType(),
    authority: Bytes32,
    commitMinAge: Uint53,
    commitMaxAge: Uint53,
    registrationPeriod: Uint53,
    gracePeriod: Uint53,
    attestationGrace: Uint53,
    maxAttestationValidity: Uint53,
    registrationFee: Uint64,
    renewFee: Uint64,
    verifierBond: Uint64,
    maxRecords: Uint53,
  },
  { typeName: "EnumParams" },
);
export type EnumParams = ValueOf<typeof ParamsEntry>;
