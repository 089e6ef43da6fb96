import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { decodeAddress } from "./address.js";
import { generateSeed, publicKeyFromSeed, sign, verify } from "./ed25519.js";
import { Keystore, passphraseFromEnv, telchainHome } from "./keystore.js";
import { DEV_MNEMONIC, keyFromMnemonic } from "./mnemonic.js";

const root = mkdtempSync(join(tmpdir(), "telchain-keystore-"));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
interface EditableFile {
  name: string;
  address: string;
  kdf: { N: number };
  cipher: { ciphertext: string };
}
const freshStore = () => new Keystore(join(root, `ks${n++}`));

test("create with a new mnemonic, list without passphrase, unlock round trip, file modes", () => {
  const ks = freshStore();
  assert.deepEqual(ks.list(), []);
  const created = ks.create("alice", "correct horse");
  assert.equal(created.mnemonic?.split(" ").length, 24);
  assert.equal(ks.has("alice"), true);
  assert.equal(ks.has("bob"), false);
  assert.deepEqual(ks.list(), [{ name: "alice", address: created.address }]);
  assert.deepEqual(ks.info("alice"), { name: "alice", address: created.address });

  const key = ks.unlock("alice", "correct horse");
  assert.equal(key.address, created.address);
  assert.equal(key.mnemonic, created.mnemonic);
  assert.deepEqual(decodeAddress(key.address), key.publicKey);
  assert.deepEqual(key.seed32, keyFromMnemonic(created.mnemonic ?? "", 0).seed32);
  const msg = new Uint8Array(32).fill(9);
  assert.equal(verify(key.publicKey, msg, sign(key.seed32, msg)), true);

  assert.equal(statSync(ks.dir).mode & 0o777, 0o700);
  assert.equal(statSync(join(ks.dir, "alice.json")).mode & 0o777, 0o600);
  const raw = readFileSync(join(ks.dir, "alice.json"), "utf8");
  assert.equal(raw.includes(created.mnemonic ?? "?"), false, "mnemonic stored in clear");
  assert.equal(raw.includes(Buffer.from(key.seed32).toString("hex")), false);
});

test("create from a given mnemonic or seed; existing name refused", () => {
  const ks = freshStore();
  const fromMnemonic = ks.create("m", "pw", { mnemonic: DEV_MNEMONIC });
  assert.deepEqual(decodeAddress(fromMnemonic.address), keyFromMnemonic(DEV_MNEMONIC, 0).publicKey);
  const seed = generateSeed();
  const fromSeed = ks.create("s", "pw", { seed });
  assert.equal(fromSeed.mnemonic, undefined);
  assert.deepEqual(decodeAddress(fromSeed.address), publicKeyFromSeed(seed));
  const unlocked = ks.unlock("s", "pw");
  assert.deepEqual(unlocked.seed32, seed);
  assert.equal(unlocked.mnemonic, undefined);
  assert.deepEqual(
    ks.list().map((k) => k.name),
    ["m", "s"],
  );

  assert.throws(() => ks.create("s", "pw"), { code: "KEYSTORE_EXISTS" });
  assert.throws(() => ks.create("x", "pw", { mnemonic: "not a mnemonic" }), { code: "MNEMONIC_INVALID" });
  assert.throws(() => ks.create("x", "pw", { seed: new Uint8Array(31) }), { code: "KEYSTORE_BAD_INPUT" });
});

test("wrong passphrase and missing key", () => {
  const ks = freshStore();
  ks.create("k", "right", { seed: generateSeed() });
  assert.throws(() => ks.unlock("k", "wrong"), { code: "KEYSTORE_BAD_PASSPHRASE" });
  assert.throws(() => ks.unlock("nobody", "right"), { code: "KEYSTORE_NOT_FOUND" });
  assert.throws(() => ks.info("nobody"), { code: "KEYSTORE_NOT_FOUND" });
});

test("tampered files are refused", () => {
  const ks = freshStore();
  const a = ks.create("a", "pw", { seed: generateSeed() });
  const b = ks.create("b", "pw", { seed: generateSeed() });
  const file = join(ks.dir, "a.json");
  const original = readFileSync(file, "utf8");
  const edit = (f: (j: EditableFile) => void) => {
    const j = JSON.parse(original);
    f(j);
    writeFileSync(file, JSON.stringify(j));
  };

  edit((j) => {
    const ct: string = j.cipher.ciphertext;
    j.cipher.ciphertext = (ct[0] === "0" ? "1" : "0") + ct.slice(1);
  });
  assert.throws(() => ks.unlock("a", "pw"), { code: "KEYSTORE_BAD_PASSPHRASE" });

  edit((j) => {
    j.address = b.address; // claim another key's address
  });
  assert.throws(() => ks.unlock("a", "pw"), { code: "KEYSTORE_CORRUPT", message: /address does not match/ });

  edit((j) => {
    j.kdf.N = 2 ** 30;
  });
  assert.throws(() => ks.unlock("a", "pw"), { code: "KEYSTORE_CORRUPT" });

  edit((j) => {
    j.name = "b";
  });
  assert.throws(() => ks.unlock("a", "pw"), { code: "KEYSTORE_CORRUPT" });

  writeFileSync(file, "{not json");
  assert.throws(() => ks.unlock("a", "pw"), { code: "KEYSTORE_CORRUPT" });
  assert.deepEqual(ks.list(), [{ name: "b", address: b.address }]);

  writeFileSync(file, original);
  assert.equal(ks.unlock("a", "pw").address, a.address);
});

test("bad and reserved names are refused (no path traversal)", () => {
  const ks = freshStore();
  for (const bad of [
    "",
    "../evil",
    "a/b",
    "..",
    ".hidden",
    "x".repeat(65),
    "sp ace",
    "dev0",
    "dev9",
    "DEV3",
  ]) {
    assert.throws(() => ks.create(bad, "pw", { seed: generateSeed() }), { code: "KEYSTORE_BAD_NAME" }, bad);
    assert.throws(() => ks.unlock(bad, "pw"), { code: "KEYSTORE_BAD_NAME" }, bad);
    assert.equal(ks.has(bad), false);
  }
  assert.equal(ks.create("dev10", "pw", { seed: generateSeed() }).name, "dev10");
  assert.equal(ks.create("my_key-1.backup", "pw", { seed: generateSeed() }).name, "my_key-1.backup");
});

test("telchainHome and passphraseFromEnv read the environment", () => {
  const saved = { home: process.env.TELCHAIN_HOME, pass: process.env.TELCHAIN_PASSPHRASE };
  try {
    process.env.TELCHAIN_HOME = "/x/y";
    process.env.TELCHAIN_PASSPHRASE = "secret";
    assert.equal(telchainHome(), "/x/y");
    assert.equal(new Keystore().dir, "/x/y/keystore");
    assert.equal(passphraseFromEnv(), "secret");
    delete process.env.TELCHAIN_HOME;
    delete process.env.TELCHAIN_PASSPHRASE;
    assert.match(telchainHome(), /\.telchain$/);
    assert.equal(passphraseFromEnv(), undefined);
  } finally {
    for (const [k, v] of [
      ["TELCHAIN_HOME", saved.home],
      ["TELCHAIN_PASSPHRASE", saved.pass],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});
