/**
 * SSZ schemas of the ENUM module: transaction payloads and the values it stores.
 * Strings (numbers, NAPTR fields, verifier names) travel as UTF-8 byte lists; the byte
 * bounds here are the codec's outer limits, the semantic limits (255-byte regexp, 16
 * records, 4 KiB of records...) are checked by records.ts with ENUM_BAD_RECORD messages.
 */
import { BooleanType, ByteListType, ContainerType, ListCompositeType, UintNumberType } from "@chainsafe/ssz";
import { Bytes32, Bytes64, Uint53, Uint64 } from "../../codec/schema.js";

/** "+" and at most 15 digits (E.164). */
export const MAX_NUMBER_BYTES = 16;
/** Hard cap of records per number; the genesis param maxRecords may only lower it. */
export const MAX_RECORDS = 16;
export const MAX_VERIFIER_NAME_BYTES = 64;

const Uint16 = new UintNumberType(2);
/** An E.164 number as text: "+15551234567". */
export const NumberText = new ByteListType(MAX_NUMBER_BYTES);

/** One NAPTR record (RFC 3403) as stored and as carried in payloads. */
export const NaptrSsz = new ContainerType(
  {
    order: Uint16,
    preference: Uint16,
    flags: new ByteListType(16),
    service: new ByteListType(255),
    regexp: new ByteListType(512),
    replacement: new ByteListType(512),
  },
  { typeName: "EnumNaptr" },
);
export const NaptrList = new ListCompositeType(NaptrSsz, MAX_RECORDS);
export interface NaptrSsz {
  order: number;
  preference: number;
  flags: Uint8Array;
  service: Uint8Array;
  regexp: Uint8Array;
  replacement: Uint8Array;
}

/** A verifier's signed claim "owner controls number during [validFrom, validUntil]" (see attestation.ts). */
export const AttestationSsz = new ContainerType(
  {
    verifier: Bytes32,
    number: NumberText,
    owner: Bytes32,
    /** Unix seconds. */
    validFrom: Uint53,
    validUntil: Uint53,
    nonce: Bytes32,
    signature: Bytes64,
  },
  { typeName: "EnumAttestation" },
);
export interface Attestation {
  verifier: Uint8Array;
  number: Uint8Array;
  owner: Uint8Array;
  validFrom: number;
  validUntil: number;
  nonce: Uint8Array;
  signature: Uint8Array;
}

// ---- transaction payloads (module "enum") ----

/** enum/commit: hash = commitHash(number, owner = sender, salt) from commit-hash.ts. */
export const CommitPayload = new ContainerType({ hash: Bytes32 }, { typeName: "EnumCommit" });
export interface CommitPayload {
  hash: Uint8Array;
}

/** enum/register: the reveal of a mature commit. */
export const RegisterPayload = new ContainerType(
  { number: NumberText, salt: Bytes32, records: NaptrList, attestation: AttestationSsz },
  { typeName: "EnumRegister" },
);
export interface RegisterPayload {
  number: Uint8Array;
  salt: Uint8Array;
  records: NaptrSsz[];
  attestation: Attestation;
}

/** enum/set: replace the records of a number (owner only). */
export const SetPayload = new ContainerType(
  { number: NumberText, records: NaptrList },
  { typeName: "EnumSet" },
);
export interface SetPayload {
  number: Uint8Array;
  records: NaptrSsz[];
}

/** enum/transfer: hand a number to another address (owner only). */
export const TransferPayload = new ContainerType(
  { number: NumberText, to: Bytes32 },
  { typeName: "EnumTransfer" },
);
export interface TransferPayload {
  number: Uint8Array;
  to: Uint8Array;
}

/** enum/renew: extend the registration by registrationPeriod blocks (owner only). */
export const RenewPayload = new ContainerType({ number: NumberText }, { typeName: "EnumRenew" });
export interface RenewPayload {
  number: Uint8Array;
}

/** enum/reattest: a fresh attestation for a number (owner only). */
export const ReattestPayload = new ContainerType(
  { number: NumberText, attestation: AttestationSsz },
  { typeName: "EnumReattest" },
);
export interface ReattestPayload {
  number: Uint8Array;
  attestation: Attestation;
}

/** enum/verifier-register: the sender's key becomes a verifier; verifierBond is held. */
export const VerifierRegisterPayload = new ContainerType(
  { name: new ByteListType(MAX_VERIFIER_NAME_BYTES) },
  { typeName: "EnumVerifierRegister" },
);
export interface VerifierRegisterPayload {
  name: Uint8Array;
}

/** enum/verifier-revoke: by the verifier itself or the module authority. */
export const VerifierRevokePayload = new ContainerType(
  { verifier: Bytes32 },
  { typeName: "EnumVerifierRevoke" },
);
export interface VerifierRevokePayload {
  verifier: Uint8Array;
}

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
export interface NumberEntry {
  owner: Uint8Array;
  verifier: Uint8Array;
  registeredAt: number;
  expiresAt: number;
  attestedUntil: number;
  records: NaptrSsz[];
}

/** A pending commit. */
export const CommitEntry = new ContainerType({ height: Uint53 }, { typeName: "EnumCommitEntry" });
export interface CommitEntry {
  height: number;
}

export const VerifierEntry = new ContainerType(
  {
    name: new ByteListType(MAX_VERIFIER_NAME_BYTES),
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
export interface VerifierEntry {
  name: Uint8Array;
  bond: bigint;
  registeredAt: number;
  revokedAt: number;
  revokedByAuthority: boolean;
}

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
export interface EnumParams {
  hasAuthority: boolean;
  authority: Uint8Array;
  commitMinAge: number;
  commitMaxAge: number;
  registrationPeriod: number;
  gracePeriod: number;
  attestationGrace: number;
  maxAttestationValidity: number;
  registrationFee: bigint;
  renewFee: bigint;
  verifierBond: bigint;
  maxRecords: number;
}
