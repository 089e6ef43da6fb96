/**
 * BIP39 mnemonics and SLIP-0010 Ed25519 key derivation (hardened steps only, as Ed25519 requires).
 * Account i lives at m/44'/6645'/i'/0'/0'.
 */
import { createHmac } from "node:crypto";
import {
  generateMnemonic as bip39Generate,
  validateMnemonic as bip39Validate,
  mnemonicToSeedSync,
} from "@scure/bip39";
import { wordlist } from "@scure/bip39/wordlists/english.js";
import { TelchainError } from "../errors.js";
import { encodeAddress } from "./address.js";
import { publicKeyFromSeed } from "./ed25519.js";

export const COIN_TYPE = 6645;
const HARDENED = 0x8000_0000;
const SLIP10_ED25519_KEY = Buffer.from("ed25519 seed", "utf8");

/** A fresh 24-word English mnemonic (256 bits of entropy). */
export function generateMnemonic(): string {
  return bip39Generate(wordlist, 256);
}

export function validateMnemonic(mnemonic: string): boolean {
  return bip39Validate(mnemonic, wordlist);
}

/** BIP39 seed (64 bytes). Refuses a mnemonic whose words or checksum are wrong: a typo would silently give another wallet. */
export function mnemonicToSeed(mnemonic: string, passphrase = ""): Uint8Array {
  if (!validateMnemonic(mnemonic)) {
    throw new TelchainError(
      "MNEMONIC_INVALID",
      "mnemonic is not a valid BIP39 English phrase (unknown word or bad checksum)",
    );
  }
  return mnemonicToSeedSync(mnemonic, passphrase);
}

function hmacSha512(key: Uint8Array, ...parts: Uint8Array[]): { left: Uint8Array; right: Uint8Array } {
  const h = createHmac("sha512", key);
  for (const p of parts) h.update(p);
  const out = new Uint8Array(h.digest());
  return { left: out.slice(0, 32), right: out.slice(32) };
}

/** Parses `m/44'/6645'/0'` into hardened child indexes; every segment must be hardened (' or h or H). */
export function parseHardenedPath(path: string): number[] {
  const segments = path.split("/");
  if (segments[0] !== "m")
    throw new TelchainError("DERIVATION_PATH_INVALID", `path must start with "m": ${path}`);
  return segments.slice(1).map((seg) => {
    const m = /^(\d+)['hH]$/.exec(seg);
    if (!m) {
      throw new TelchainError(
        "DERIVATION_PATH_INVALID",
        /^\d+$/.test(seg)
          ? `segment "${seg}" is not hardened; Ed25519 (SLIP-0010) supports hardened derivation only`
          : `bad path segment "${seg}" in ${path}`,
      );
    }
    const index = Number(m[1]);
    if (index >= HARDENED)
      throw new TelchainError("DERIVATION_PATH_INVALID", `index ${m[1]} must be below 2^31`);
    return index;
  });
}

/** SLIP-0010 Ed25519 derivation. `seed32` is the Ed25519 private key (seed) of the derived node. */
export function deriveEd25519(seed: Uint8Array, path: string): { seed32: Uint8Array; chainCode: Uint8Array } {
  const indexes = parseHardenedPath(path);
  let { left: key, right: chainCode } = hmacSha512(SLIP10_ED25519_KEY, seed);
  for (const index of indexes) {
    const ser = new Uint8Array(4);
    new DataView(ser.buffer).setUint32(0, index + HARDENED);
    ({ left: key, right: chainCode } = hmacSha512(chainCode, Uint8Array.of(0), key, ser));
  }
  return { seed32: key, chainCode };
}

export function accountPath(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i >= HARDENED)
    throw new RangeError(`account index out of range: ${i}`);
  return `m/44'/${COIN_TYPE}'/${i}'/0'/0'`;
}

export function keyFromMnemonic(
  mnemonic: string,
  index: number,
  passphrase = "",
): { seed32: Uint8Array; publicKey: Uint8Array } {
  const { seed32 } = deriveEd25519(mnemonicToSeed(mnemonic, passphrase), accountPath(index));
  return { seed32, publicKey: publicKeyFromSeed(seed32) };
}

/** The well-known development mnemonic. Its keys are public: dev/test networks only. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";
export const DEV_ACCOUNT_COUNT = 10;

export interface DevAccount {
  name: string;
  seed32: Uint8Array;
  publicKey: Uint8Array;
  address: string;
}

let devBip39Seed: Uint8Array | undefined;

export function devAccount(i: number): DevAccount {
  if (!Number.isInteger(i) || i < 0 || i >= DEV_ACCOUNT_COUNT) {
    throw new RangeError(`dev account index must be 0..${DEV_ACCOUNT_COUNT - 1}, got ${i}`);
  }
  devBip39Seed ??= mnemonicToSeed(DEV_MNEMONIC); // PBKDF2 with 2048 rounds: compute once
  const { seed32 } = deriveEd25519(devBip39Seed, accountPath(i));
  const publicKey = publicKeyFromSeed(seed32);
  return { name: `dev${i}`, seed32: seed32.slice(), publicKey, address: encodeAddress(publicKey) };
}
