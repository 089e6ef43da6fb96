/**
 * A module record that can be proven against a block's state root (Module.proofs): given an id
 * in the module's own terms (a number, an IMEI, a carrier id), the state key that holds the
 * record and how its value reads. The node answers `GET /v1/proof/:module/:key?record=` with the
 * value and a Merkle proof; the light client (src/sdk/) derives the same key from the same id,
 * so it checks that the proof is for the record it asked about, and decodes the proven bytes
 * itself instead of trusting the node's JSON.
 *
 * A module declares its proofs in its own `proofs.ts`, which must stay browser-safe (no node:
 * built-ins, no sodium-native, no Buffer): the SDK bundles it for the explorer.
 *
 *   defineProof({
 *     record: "device", about: "a device by IMEI: state, owner, flags",
 *     param: { help: "15-digit IMEI", maxLength: 20, parse: parseImei },
 *     key: (imei) => deviceKey(imei), value: DeviceRecord,
 *   });
 */
import { addressArgument } from "../cli/arguments.js";
import { decodeAddress, encodeAddress } from "../crypto/address.js";
import { TelchainError } from "../errors.js";
import { idParam, idParser } from "./ids.js";

/** What a proven value decodes with: the record's SSZ type or a codec of the same shape. */
export interface ProofValueCodec<T = unknown> {
  deserialize(bytes: Uint8Array): T;
  /** JSON form of a decoded value (SSZ types have it). */
  toJson(value: T): unknown;
}

export interface ModuleProof<T = unknown> {
  /** Record name, lowercase ("device"); a module's first proof is the default of `?record=`. */
  record: string;
  /** One line for the docs and the CLI: what the record is and what its id is. */
  about: string;
  param: {
    help: string;
    maxLength: number;
    /** The canonical id a raw parameter names (throws a coded error for a malformed one). */
    parse(raw: string): string;
  };
  /** The record's key in the module's own state (relative to the module prefix "m/<name>/"). */
  key(id: string): Uint8Array;
  value: ProofValueCodec<T>;
}

/** Declares a proof, keeping its value type for the codec. */
export const defineProof = <T>(proof: ModuleProof<T>): ModuleProof => proof as unknown as ModuleProof;

/**
 * The two parts of a composite id "a/b", split at its first "/" (a voucher balance
 * "7/tel1…", a statement "CARRIER/12"); an id without one is refused with `code`, saying the
 * shape (`shape`, e.g. "CLASS/ADDRESS"). Each part is then parsed by its own rule.
 */
export function splitPair(raw: string, code: string, shape: string): [string, string] {
  const at = raw.indexOf("/");
  if (at < 0)
    throw new TelchainError(code, `this record's id is ${shape}, got ${JSON.stringify(raw.slice(0, 80))}`);
  return [raw.slice(0, at), raw.slice(at + 1)];
}

/** What a proof by a whole-number id or an address declares besides its id rule. */
interface ProofOf<Id, T> {
  record: string;
  about: string;
  key(id: Id): Uint8Array;
  value: ProofValueCodec<T>;
}

/**
 * A record keyed by a whole-number id (1, 2, …), refused with the module's `code` (the same
 * rule as its lookup's idParam); `key` gets the number.
 */
export const proofById = <T>(p: ProofOf<number, T> & { code: string; what: string }): ModuleProof =>
  defineProof({
    record: p.record,
    about: p.about,
    param: idParam(idParser(p.code), p.what),
    key: (id) => p.key(Number(id)),
    value: p.value,
  });

/**
 * A record keyed by an address (tel1…): ADDRESS_INVALID for a malformed one; the canonical id is
 * the address as encoded, `key` gets its 32 bytes.
 */
export const proofByAddress = <T>(p: ProofOf<Uint8Array, T> & { what: string }): ModuleProof =>
  defineProof({
    record: p.record,
    about: p.about,
    param: {
      help: `the ${p.what}'s address (tel1…)`,
      maxLength: 128,
      parse: (raw) => encodeAddress(addressArgument(raw, `the ${p.what}`)),
    },
    key: (id) => p.key(decodeAddress(id)),
    value: p.value,
  });

/** The proof of `record` among a module's proofs; without a record name, the module's default (its first). */
export const proofFor = (proofs: readonly ModuleProof[], record?: string): ModuleProof | undefined =>
  record === undefined ? proofs[0] : proofs.find((p) => p.record === record);
