/**
 * Encrypted memos and view keys: a memo opens for the recipient, the sender and a view key of
 * either, and for no one else; altered bytes, and a memo moved to another transaction (other
 * parties or chain: the associated data), do not open. The size limit; the envelope and
 * view-key decoders under random and mutated input: a declared code, never a crash.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import sodium from "sodium-native";
import { concatBytes, equalBytes } from "../bytes.js";
import { decodeMemoEnvelope, MEMO_MAX_BYTES, MemoEnvelope } from "../codec/memo.js";
import { TelchainError } from "../errors.js";
import { publicKeyFromSeed } from "./ed25519.js";
import { utf8 } from "./hash.js";
import {
  checkViewKeyFor,
  decodeViewKey,
  encodeViewKey,
  memoAssociatedData,
  memoBytes,
  memoKeyPair,
  openMemo,
  sealMemo,
} from "./memo.js";

const seed = (n: number) => new Uint8Array(32).fill(n);
const alice = { seed: seed(1), pub: publicKeyFromSeed(seed(1)), memo: memoKeyPair(seed(1)) };
const bob = { seed: seed(2), pub: publicKeyFromSeed(seed(2)), memo: memoKeyPair(seed(2)) };
const carol = { seed: seed(3), pub: publicKeyFromSeed(seed(3)), memo: memoKeyPair(seed(3)) };
const parties = { chainId: "telchain-dev", sender: alice.pub, recipient: bob.pub };
const text = (b: Uint8Array | undefined) => (b === undefined ? undefined : new TextDecoder().decode(b));

const sealed = (plain = "invoice 2026-11: roaming bundle") =>
  sealMemo(utf8(plain), { ...parties, recipientKey: bob.memo.publicKey, senderKey: alice.memo.publicKey });

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    assert.ok(e instanceof TelchainError, `not a TelchainError: ${e}`);
    assert.ok(e.message.length > 0);
    return e.code;
  }
}

test("the memo key is derived one way from the seed, and is not libsodium's Ed25519 conversion", () => {
  assert.deepEqual(memoKeyPair(seed(1)), alice.memo, "deterministic");
  assert.ok(!equalBytes(alice.memo.secret, bob.memo.secret));
  // libsodium's conversion: the X25519 secret is the Ed25519 signing scalar (a view key that could sign)
  const edSk = Buffer.alloc(64);
  sodium.crypto_sign_seed_keypair(Buffer.alloc(32), edSk, Buffer.from(alice.seed));
  const converted = Buffer.alloc(32);
  sodium.crypto_sign_ed25519_sk_to_curve25519(converted, edSk);
  assert.ok(!equalBytes(alice.memo.secret, converted));
  assert.ok(!equalBytes(alice.memo.secret, alice.seed));
  assert.equal(alice.memo.publicKey.length, 32);
});

test("a memo opens for the recipient, the sender and a view key, and for no one else", () => {
  const m = sealed();
  assert.equal(text(openMemo(m, bob.memo.secret, parties)), "invoice 2026-11: roaming bundle");
  assert.equal(text(openMemo(m, alice.memo.secret, parties)), "invoice 2026-11: roaming bundle");
  const view = decodeViewKey(encodeViewKey({ address: bob.pub, secret: bob.memo.secret }));
  assert.equal(text(openMemo(m, view.secret, parties)), "invoice 2026-11: roaming bundle");
  assert.equal(openMemo(m, carol.memo.secret, parties), undefined, "a third key");
  assert.equal(openMemo(m, bob.seed, parties), undefined, "the recipient's signing seed is not the memo key");
  assert.equal(openMemo(m, new Uint8Array(31), parties), undefined);
});

test("an altered memo, or one moved to another transaction (parties, chain), does not open", () => {
  const m = sealed();
  const flip = (b: Uint8Array, i: number) => {
    const c = b.slice();
    c[i] ^= 1;
    return c;
  };
  for (let i = 0; i < m.ciphertext.length; i += 7)
    assert.equal(openMemo({ ...m, ciphertext: flip(m.ciphertext, i) }, bob.memo.secret, parties), undefined);
  assert.equal(openMemo({ ...m, nonce: flip(m.nonce, 3) }, bob.memo.secret, parties), undefined);
  assert.equal(openMemo({ ...m, toRecipient: flip(m.toRecipient, 40) }, bob.memo.secret, parties), undefined);
  assert.equal(
    openMemo({ ...m, ciphertext: m.ciphertext.slice(0, -1) }, bob.memo.secret, parties),
    undefined,
  );
  // The same envelope in a transfer between other parties or on another chain: the AD differs.
  for (const other of [
    { ...parties, recipient: carol.pub },
    { ...parties, sender: carol.pub },
    { ...parties, sender: bob.pub, recipient: alice.pub },
    { ...parties, chainId: "telchain-main" },
  ]) {
    assert.equal(openMemo(m, bob.memo.secret, other), undefined);
    assert.equal(openMemo(m, alice.memo.secret, other), undefined);
  }
  // The AD is unambiguous: the chain id's length is in it.
  assert.ok(
    !equalBytes(memoAssociatedData("ab", alice.pub, bob.pub), memoAssociatedData("a", alice.pub, bob.pub)),
  );
});

test("a memo is at most 512 bytes: refused before encryption and when decoded", () => {
  assert.equal(memoBytes("x".repeat(MEMO_MAX_BYTES)).length, 512);
  assert.equal(
    codeOf(() => memoBytes("x".repeat(MEMO_MAX_BYTES + 1))),
    "MEMO_TOO_LARGE",
  );
  assert.equal(
    codeOf(() => memoBytes("€".repeat(171))),
    "MEMO_TOO_LARGE",
    "513 bytes of UTF-8",
  );
  assert.equal(
    codeOf(() => memoBytes("€".repeat(170))),
    undefined,
    "510 bytes",
  );
  const full = sealMemo(new Uint8Array(512), {
    ...parties,
    recipientKey: bob.memo.publicKey,
    senderKey: alice.memo.publicKey,
  });
  const bytes = MemoEnvelope.serialize(full);
  assert.equal(bytes.length, 24 + 80 + 80 + 4 + 528);
  assert.equal(openMemo(decodeMemoEnvelope(bytes), bob.memo.secret, parties)?.length, 512);
  // A 529-byte ciphertext (513 bytes of memo) and a 15-byte one, encoded by hand.
  assert.equal(
    codeOf(() => decodeMemoEnvelope(concatBytes(bytes, Uint8Array.of(0)))),
    "MEMO_TOO_LARGE",
  );
  const short = MemoEnvelope.serialize({ ...full, ciphertext: new Uint8Array(16) }).slice(0, -1);
  assert.equal(
    codeOf(() => decodeMemoEnvelope(short)),
    "MEMO_MALFORMED",
  );
  assert.equal(
    codeOf(() => MemoEnvelope.serialize({ ...full, ciphertext: new Uint8Array(529) })),
    "MEMO_TOO_LARGE",
  );
  // The empty memo is a memo (16 bytes: its tag).
  const empty = sealMemo(new Uint8Array(0), {
    ...parties,
    recipientKey: bob.memo.publicKey,
    senderKey: alice.memo.publicKey,
  });
  assert.equal(
    text(openMemo(decodeMemoEnvelope(MemoEnvelope.serialize(empty)), bob.memo.secret, parties)),
    "",
  );
});

test("the envelope decoder: random and mutated bytes give MEMO_MALFORMED or MEMO_TOO_LARGE, never a crash; what decodes is canonical", () => {
  const valid = MemoEnvelope.serialize(sealed());
  const seen = new Set<string>();
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 800 }),
    fc.uint8Array({ minLength: 400, maxLength: 700 }).map((extra) => concatBytes(valid, extra)),
    fc
      .tuple(fc.nat(), fc.integer({ min: 1, max: 255 }), fc.nat(), fc.uint8Array({ maxLength: 600 }))
      .map(([at, x, cut, extra]) => {
        const b = valid.slice(0, cut % (valid.length + 1));
        if (b.length > 0) b[at % b.length] ^= x;
        return at % 3 === 0 ? concatBytes(b, extra) : b;
      }),
  );
  fc.assert(
    fc.property(bytes, (b) => {
      const code = codeOf(() => decodeMemoEnvelope(b));
      if (code === undefined) {
        const m = decodeMemoEnvelope(b);
        assert.ok(equalBytes(MemoEnvelope.serialize(m), b));
        const opened = openMemo(m, bob.memo.secret, parties); // never throws
        // It opens only as it was written, and only when what changed is the sender's copy of
        // the key (24..104 is the recipient's, 184.. the offset and the ciphertext).
        if (opened !== undefined) {
          assert.equal(text(opened), "invoice 2026-11: roaming bundle");
          assert.ok(equalBytes(b.subarray(0, 104), valid.subarray(0, 104)));
          assert.ok(equalBytes(b.subarray(184), valid.subarray(184)));
        }
      } else {
        assert.ok(code === "MEMO_MALFORMED" || code === "MEMO_TOO_LARGE", code);
        seen.add(code);
      }
    }),
    { numRuns: 600 },
  );
  assert.deepEqual([...seen].sort(), ["MEMO_MALFORMED", "MEMO_TOO_LARGE"]);
});

test("view keys: telview1…, round trip, refused clearly when mistyped, for another account, or random", () => {
  const key = encodeViewKey({ address: bob.pub, secret: bob.memo.secret });
  assert.match(key, /^telview1[02-9ac-hj-np-z]{109}$/);
  assert.deepEqual(decodeViewKey(key), { address: bob.pub, secret: bob.memo.secret });
  assert.deepEqual(decodeViewKey(key.toUpperCase()), { address: bob.pub, secret: bob.memo.secret });
  checkViewKeyFor(decodeViewKey(key), bob.pub);
  assert.equal(
    codeOf(() => checkViewKeyFor(decodeViewKey(key), alice.pub)),
    "VIEW_KEY_MISMATCH",
  );
  const typo = `${key.slice(0, 20)}${key[20] === "q" ? "p" : "q"}${key.slice(21)}`;
  assert.equal(
    codeOf(() => decodeViewKey(typo)),
    "VIEW_KEY_INVALID",
  );
  assert.equal(
    codeOf(() => decodeViewKey(key.slice(0, -1))),
    "VIEW_KEY_INVALID",
  );
  assert.equal(
    codeOf(() => decodeViewKey("tel1qqqq")),
    "VIEW_KEY_INVALID",
  );
  assert.equal(
    codeOf(() => decodeViewKey("")),
    "VIEW_KEY_INVALID",
  );
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc
          .tuple(fc.nat(), fc.constantFrom(..."qpzry9x8gf2tvdw0s3jn54khce6mua7l1B!"))
          .map(([at, ch]) => key.slice(0, at % key.length) + ch + key.slice((at % key.length) + 1)),
        fc.nat(key.length).map((n) => key.slice(0, n)),
      ),
      (s) => {
        const code = codeOf(() => decodeViewKey(s));
        if (code === undefined) assert.equal(s.toLowerCase(), key, "only the key itself decodes");
        else assert.equal(code, "VIEW_KEY_INVALID");
      },
    ),
    { numRuns: 500 },
  );
  // It reads and cannot sign: the secret is no Ed25519 seed of the account.
  assert.ok(!equalBytes(publicKeyFromSeed(decodeViewKey(key).secret), bob.pub));
});
