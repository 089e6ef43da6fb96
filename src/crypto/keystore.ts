/**
 * Encrypted keys at rest: one JSON file per key in $TELCHAIN_HOME/keystore/<name>.json.
 * The secret ({seed, mnemonic?}) is encrypted with AES-256-GCM under a key from scrypt(passphrase).
 * Name and address are stored in clear so `list` needs no passphrase; after decryption the address
 * is re-derived from the seed and must match, so an edited file cannot pass off another address.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fromHexOrUndefined, toHex } from "../bytes.js";
import { TelchainError } from "../errors.js";
import { encodeAddress, isAddress } from "./address.js";
import { publicKeyFromSeed, SEED_BYTES } from "./ed25519.js";
import { generateMnemonic, keyFromMnemonic, validateMnemonic } from "./mnemonic.js";

export const KEYSTORE_VERSION = 1;
const NAME_RE = /^[A-Za-z0-9_.-]{1,64}$/;
const RESERVED_RE = /^dev[0-9]$/i;
const KDF = { name: "scrypt", N: 2 ** 15, r: 8, p: 1, dklen: 32 } as const;
/** Refuse files asking for absurd scrypt cost (denial of service by a crafted file). */
const MAX_N = 2 ** 20;
const AAD = Buffer.from("telchain-keystore-v1");

export function telchainHome(): string {
  return process.env.TELCHAIN_HOME ?? join(homedir(), ".telchain");
}

export function passphraseFromEnv(): string | undefined {
  return process.env.TELCHAIN_PASSPHRASE;
}

interface KeystoreFile {
  version: number;
  name: string;
  address: string;
  /**
   * The account this key signs for when it is not the key's own address: after a rotation
   * or a guardian recovery moved an account's authorising key to this key. Public.
   */
  account?: string;
  kdf: { name: "scrypt"; N: number; r: number; p: number; dklen: number; salt: string };
  cipher: { name: "aes-256-gcm"; iv: string; tag: string; ciphertext: string };
}

interface Secret {
  seed: string;
  mnemonic?: string;
}

export interface UnlockedKey {
  name: string;
  address: string;
  /** The account it signs for, when not its own address (KeystoreFile.account). */
  account?: string;
  seed32: Uint8Array;
  publicKey: Uint8Array;
  mnemonic?: string;
}

function scryptKey(passphrase: string, salt: Uint8Array, N: number, r: number, p: number): Buffer {
  // scrypt needs 128 * N * r bytes; Node's default 32 MiB cap is exactly too small for N=2^15, r=8.
  return scryptSync(passphrase.normalize("NFKC"), salt, KDF.dklen, {
    N,
    r,
    p,
    maxmem: 256 * N * r + 1024 * 1024,
  });
}

function checkName(name: string): void {
  if (typeof name !== "string" || !NAME_RE.test(name) || name.startsWith(".")) {
    throw new TelchainError(
      "KEYSTORE_BAD_NAME",
      `key name must be 1-64 characters of A-Z a-z 0-9 _ . - and not start with ".": ${JSON.stringify(name)}`,
    );
  }
  if (RESERVED_RE.test(name)) {
    throw new TelchainError(
      "KEYSTORE_BAD_NAME",
      `key name ${name} is reserved for the built-in dev accounts`,
    );
  }
}

function corrupt(name: string, why: string): TelchainError {
  return new TelchainError("KEYSTORE_CORRUPT", `keystore file for ${name} is invalid: ${why}`);
}

export class Keystore {
  readonly dir: string;

  constructor(dir: string = join(telchainHome(), "keystore")) {
    this.dir = dir;
  }

  private path(name: string): string {
    checkName(name);
    return join(this.dir, `${name}.json`);
  }

  /** False for names that cannot be stored (invalid or reserved) as well as for absent keys. */
  has(name: string): boolean {
    try {
      return existsSync(this.path(name));
    } catch {
      return false;
    }
  }

  /**
   * Stores a key: from `mnemonic` (account 0 of it), from a raw `seed`, or from a new random
   * mnemonic (returned so the caller can show it once).
   */
  create(
    name: string,
    passphrase: string,
    opts: { mnemonic?: string; seed?: Uint8Array } = {},
  ): { name: string; address: string; mnemonic?: string } {
    const file = this.path(name);
    if (opts.mnemonic !== undefined && opts.seed !== undefined) {
      throw new TelchainError("KEYSTORE_BAD_INPUT", "give a mnemonic or a seed, not both");
    }
    if (typeof passphrase !== "string")
      throw new TelchainError("KEYSTORE_BAD_INPUT", "passphrase must be a string");
    let seed32: Uint8Array;
    let mnemonic: string | undefined;
    if (opts.seed !== undefined) {
      if (opts.seed.length !== SEED_BYTES) {
        throw new TelchainError(
          "KEYSTORE_BAD_INPUT",
          `seed must be ${SEED_BYTES} bytes, got ${opts.seed.length}`,
        );
      }
      seed32 = opts.seed;
    } else {
      mnemonic = opts.mnemonic ?? generateMnemonic();
      if (!validateMnemonic(mnemonic)) {
        throw new TelchainError("MNEMONIC_INVALID", "mnemonic is not a valid BIP39 English phrase");
      }
      seed32 = keyFromMnemonic(mnemonic, 0).seed32;
    }
    if (existsSync(file)) throw new TelchainError("KEYSTORE_EXISTS", `a key named ${name} already exists`);
    const address = encodeAddress(publicKeyFromSeed(seed32));

    const salt = randomBytes(32);
    const iv = randomBytes(12);
    const secret: Secret = { seed: toHex(seed32), ...(mnemonic !== undefined ? { mnemonic } : {}) };
    const cipher = createCipheriv("aes-256-gcm", scryptKey(passphrase, salt, KDF.N, KDF.r, KDF.p), iv);
    cipher.setAAD(AAD);
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(secret), "utf8"), cipher.final()]);
    const content: KeystoreFile = {
      version: KEYSTORE_VERSION,
      name,
      address,
      kdf: { ...KDF, salt: salt.toString("hex") },
      cipher: {
        name: "aes-256-gcm",
        iv: iv.toString("hex"),
        tag: cipher.getAuthTag().toString("hex"),
        ciphertext: ciphertext.toString("hex"),
      },
    };

    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    // Write a temp file, then link it into place: the key appears complete or not at all, and
    // link() fails if the name was taken in the meantime.
    const tmp = join(this.dir, `.${name}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    try {
      linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") {
        throw new TelchainError("KEYSTORE_EXISTS", `a key named ${name} already exists`);
      }
      throw e;
    } finally {
      unlinkSync(tmp);
    }
    return { name, address, ...(mnemonic !== undefined ? { mnemonic } : {}) };
  }

  /** Names and addresses of every stored key, sorted by name. No passphrase needed. */
  list(): { name: string; address: string; account?: string }[] {
    if (!existsSync(this.dir)) return [];
    const out: { name: string; address: string; account?: string }[] = [];
    for (const entry of readdirSync(this.dir)) {
      if (!entry.endsWith(".json") || entry.startsWith(".")) continue;
      const name = entry.slice(0, -".json".length);
      if (!NAME_RE.test(name) || RESERVED_RE.test(name)) continue;
      try {
        out.push(this.info(name));
      } catch {
        // unreadable or foreign files are skipped here; unlock/info report them
      }
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * KEYSTORE_NOT_FOUND for `name`, listing the wallets that do exist (and `also`, e.g. the
   * dev accounts on the dev chain), so the error shows what --from could have been.
   */
  notFoundError(name: string, also?: string): TelchainError {
    const names = this.list().map((w) => w.name);
    const existing =
      names.length === 0
        ? `there are no wallets yet (create one with \`telchain wallet new ${NAME_RE.test(name) ? name : "NAME"}\`)`
        : `the wallets are: ${names.join(", ")}`;
    return new TelchainError(
      "KEYSTORE_NOT_FOUND",
      `no wallet named ${JSON.stringify(name)} in ${this.dir}; ${existing}${also ? `; ${also}` : ""}`,
    );
  }

  info(name: string): { name: string; address: string; account?: string } {
    const f = this.read(name);
    return { name: f.name, address: f.address, ...(f.account ? { account: f.account } : {}) };
  }

  /**
   * Records the account this key signs for (after `account/rotate` or a recovery made it the
   * account's authorising key); undefined returns it to its own address. No passphrase: the
   * node decides whether the key may sign for the account.
   */
  setAccount(name: string, account: string | undefined): void {
    const f = this.read(name);
    const content: KeystoreFile = { ...f };
    if (account === undefined || account === f.address) delete content.account;
    else {
      if (!isAddress(account)) throw new TelchainError("KEYSTORE_BAD_INPUT", `not an address: ${account}`);
      content.account = account;
    }
    const file = this.path(name);
    const tmp = join(this.dir, `.${name}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    renameSync(tmp, file);
  }

  unlock(name: string, passphrase: string): UnlockedKey {
    const f = this.read(name);
    const { N, r, p, salt } = f.kdf;
    const decipher = createDecipheriv(
      "aes-256-gcm",
      scryptKey(passphrase, hex(f, salt, 32), N, r, p),
      hex(f, f.cipher.iv, 12),
    );
    decipher.setAAD(AAD);
    decipher.setAuthTag(hex(f, f.cipher.tag, 16));
    let plain: string;
    try {
      plain = Buffer.concat([decipher.update(hex(f, f.cipher.ciphertext)), decipher.final()]).toString(
        "utf8",
      );
    } catch {
      // GCM cannot tell a wrong key from modified ciphertext.
      throw new TelchainError(
        "KEYSTORE_BAD_PASSPHRASE",
        `wrong passphrase for ${name} (or its file was modified)`,
      );
    }
    let secret: Secret;
    try {
      secret = JSON.parse(plain);
    } catch {
      throw corrupt(name, "decrypted content is not JSON");
    }
    const seed32 = typeof secret.seed === "string" ? fromHexOrUndefined(secret.seed) : undefined;
    if (!seed32 || seed32.length !== SEED_BYTES) throw corrupt(name, "decrypted seed is malformed");
    const publicKey = publicKeyFromSeed(seed32);
    if (encodeAddress(publicKey) !== f.address) throw corrupt(name, "stored address does not match the key");
    return {
      name: f.name,
      address: f.address,
      ...(f.account ? { account: f.account } : {}),
      seed32,
      publicKey,
      ...(typeof secret.mnemonic === "string" ? { mnemonic: secret.mnemonic } : {}),
    };
  }

  private read(name: string): KeystoreFile {
    const file = this.path(name);
    let raw: string;
    try {
      raw = readFileSync(file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") throw this.notFoundError(name);
      throw e;
    }
    let f: KeystoreFile;
    try {
      f = JSON.parse(raw);
    } catch {
      throw corrupt(name, "not JSON");
    }
    if (f?.version !== KEYSTORE_VERSION) throw corrupt(name, `unsupported version ${f?.version}`);
    if (f.name !== name) throw corrupt(name, `file names a different key (${f.name})`);
    if (typeof f.address !== "string") throw corrupt(name, "address missing");
    if (f.account !== undefined && (typeof f.account !== "string" || !isAddress(f.account)))
      throw corrupt(name, "account is not an address");
    const k = f.kdf;
    if (
      k?.name !== "scrypt" ||
      !Number.isInteger(k.N) ||
      k.N < 2 ||
      k.N > MAX_N ||
      (k.N & (k.N - 1)) !== 0 ||
      !Number.isInteger(k.r) ||
      k.r < 1 ||
      k.r > 32 ||
      !Number.isInteger(k.p) ||
      k.p < 1 ||
      k.p > 16 ||
      k.dklen !== KDF.dklen
    ) {
      throw corrupt(name, "unsupported or out-of-range kdf parameters");
    }
    if (f.cipher?.name !== "aes-256-gcm") throw corrupt(name, "unsupported cipher");
    return f;
  }
}

/** Strict hex field of a keystore file, with an expected byte length when fixed. */
function hex(f: KeystoreFile, s: unknown, length?: number): Buffer {
  const b = typeof s === "string" ? fromHexOrUndefined(s) : undefined;
  if (!b || (length !== undefined && b.length !== length)) throw corrupt(f.name, "malformed hex field");
  return Buffer.from(b);
}
