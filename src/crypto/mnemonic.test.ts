import assert from "node:assert/strict";
import { test } from "node:test";
import { fromHex, toHex } from "../bytes.js";
import { decodeAddress } from "./address.js";
import { publicKeyFromSeed, sign, verify } from "./ed25519.js";
import {
  accountPath,
  DEV_ACCOUNT_COUNT,
  DEV_MNEMONIC,
  deriveEd25519,
  devAccount,
  generateMnemonic,
  keyFromMnemonic,
  mnemonicToSeed,
  validateMnemonic,
} from "./mnemonic.js";

// SLIP-0010 "Test vector 1 for ed25519" (public keys there are 00 || 32-byte key).
const SLIP10_SEED = fromHex("000102030405060708090a0b0c0d0e0f");
const SLIP10_VECTOR_1 = [
  {
    path: "m",
    chain: "90046a93de5380a72b5e45010748567d5ea02bbf6522f979e05c0d8d8ca9fffb",
    priv: "2b4be7f19ee27bbf30c667b642d5f4aa69fd169872f8fc3059c08ebae2eb19e7",
    pub: "00a4b2856bfec510abab89753fac1ac0e1112364e7d250545963f135f2a33188ed",
  },
  {
    path: "m/0H",
    chain: "8b59aa11380b624e81507a27fedda59fea6d0b779a778918a2fd3590e16e9c69",
    priv: "68e0fe46dfb67e368c75379acec591dad19df3cde26e63b93a8e704f1dade7a3",
    pub: "008c8a13df77a28f3445213a0f432fde644acaa215fc72dcdf300d5efaa85d350c",
  },
  {
    path: "m/0H/1H",
    chain: "a320425f77d1b5c2505a6b1b27382b37368ee640e3557c315416801243552f14",
    priv: "b1d0bad404bf35da785a64ca1ac54b2617211d2777696fbffaf208f746ae84f2",
    pub: "001932a5270f335bed617d5b935c80aedb1a35bd9fc1e31acafd5372c30f5c1187",
  },
  {
    path: "m/0H/1H/2H",
    chain: "2e69929e00b5ab250f49c3fb1c12f252de4fed2c1db88387094a0f8c4c9ccd6c",
    priv: "92a5b23c0b8a99e37d07df3fb9966917f5d06e02ddbd909c7e184371463e9fc9",
    pub: "00ae98736566d30ed0e9d2f4486a64bc95740d89c7db33f52121f8ea8f76ff0fc1",
  },
  {
    path: "m/0H/1H/2H/2H",
    chain: "8f6d87f93d750e0efccda017d662a1b31a266e4a6f5993b15f5c1f07f74dd5cc",
    priv: "30d1dc7e5fc04c31219ab25a27ae00b50f6fd66622f6e9c913253d6511d1e662",
    pub: "008abae2d66361c879b900d204ad2cc4984fa2aa344dd7ddc46007329ac76c429c",
  },
  {
    path: "m/0H/1H/2H/2H/1000000000H",
    chain: "68789923a0cac2cd5a29172a475fe9e0fb14cd6adb5ad98a3fa70333e7afa230",
    priv: "8f94d394a8e8fd6b1bc2f3f49f5c47e385281d5c17e65324b0f62483e37e8793",
    pub: "003c24da049451555d51a7014a37337aa4e12d41e485abccfa46b47dfb2af54b7a",
  },
];

test("SLIP-0010 ed25519 test vector 1: chain codes, private keys, public keys", () => {
  for (const v of SLIP10_VECTOR_1) {
    const { seed32, chainCode } = deriveEd25519(SLIP10_SEED, v.path);
    assert.equal(toHex(chainCode), v.chain, v.path);
    assert.equal(toHex(seed32), v.priv, v.path);
    assert.equal(toHex(publicKeyFromSeed(seed32)), v.pub.slice(2), v.path);
  }
});

test("derivation paths: ' h H accepted, non-hardened and malformed refused", () => {
  const a = deriveEd25519(SLIP10_SEED, "m/0'/1'").seed32;
  assert.deepEqual(deriveEd25519(SLIP10_SEED, "m/0h/1H").seed32, a);
  assert.throws(() => deriveEd25519(SLIP10_SEED, "m/0'/1"), {
    code: "DERIVATION_PATH_INVALID",
    message: /not hardened/,
  });
  for (const bad of ["", "n/0'", "m/", "m/x'", "m/-1'", "m/2147483648'", "m//0'"]) {
    assert.throws(() => deriveEd25519(SLIP10_SEED, bad), { code: "DERIVATION_PATH_INVALID" }, bad);
  }
  assert.equal(accountPath(3), "m/44'/6645'/3'/0'/0'");
});

test("mnemonic: 24 words, validates, seed is deterministic and passphrase-dependent", () => {
  const m = generateMnemonic();
  assert.equal(m.split(" ").length, 24);
  assert.equal(validateMnemonic(m), true);
  assert.notEqual(generateMnemonic(), m);
  assert.deepEqual(mnemonicToSeed(m), mnemonicToSeed(m));
  assert.equal(mnemonicToSeed(m).length, 64);
  assert.notDeepEqual(mnemonicToSeed(m, "x"), mnemonicToSeed(m));

  const k0 = keyFromMnemonic(m, 0);
  assert.deepEqual(keyFromMnemonic(m, 0), k0);
  assert.notDeepEqual(keyFromMnemonic(m, 1).publicKey, k0.publicKey);
  const msg = new Uint8Array(32).fill(1);
  assert.equal(verify(k0.publicKey, msg, sign(k0.seed32, msg)), true);

  // Last word changed: a valid-looking phrase with a bad checksum is refused.
  const badChecksum = Array(12).fill("abandon").join(" ");
  assert.equal(validateMnemonic(badChecksum), false);
  assert.throws(() => mnemonicToSeed(badChecksum), { code: "MNEMONIC_INVALID" });
  assert.throws(() => keyFromMnemonic("not a real mnemonic at all", 0), { code: "MNEMONIC_INVALID" });
});

test("BIP39 reference vector: all-zero entropy with passphrase TREZOR", () => {
  const m = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
  assert.equal(
    toHex(mnemonicToSeed(m, "TREZOR")),
    "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04",
  );
});

test("dev accounts: 10 distinct, deterministic, named dev0..dev9, addresses decode to their keys", () => {
  assert.equal(validateMnemonic(DEV_MNEMONIC), true);
  const seen = new Set<string>();
  for (let i = 0; i < DEV_ACCOUNT_COUNT; i++) {
    const acct = devAccount(i);
    assert.equal(acct.name, `dev${i}`);
    assert.deepEqual(acct.publicKey, publicKeyFromSeed(acct.seed32));
    assert.deepEqual(decodeAddress(acct.address), acct.publicKey);
    assert.deepEqual(acct.publicKey, keyFromMnemonic(DEV_MNEMONIC, i).publicKey);
    seen.add(acct.address);
  }
  assert.equal(seen.size, DEV_ACCOUNT_COUNT);
  assert.throws(() => devAccount(DEV_ACCOUNT_COUNT), RangeError);
  assert.throws(() => devAccount(-1), RangeError);
});
