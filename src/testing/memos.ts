/**
 * Memo envelopes for property tests of the kinds that carry one (coin/transfer-memo,
 * vouchers/transfer-memo): random envelopes of every valid size, the bounds (16 and 528 bytes
 * of ciphertext) more often, and real ones sealed to random keys.
 */
import fc from "fast-check";
import { MEMO_MAX_BYTES, MEMO_TAG_BYTES, type MemoEnvelope } from "../codec/memo.js";
import { utf8 } from "../crypto/hash.js";
import { memoKeyPair, sealMemo } from "../crypto/memo.js";
import type { TestKey } from "./chain-harness.js";

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const MAX = MEMO_MAX_BYTES + MEMO_TAG_BYTES;

export const memoEnvelope: fc.Arbitrary<MemoEnvelope> = fc.oneof(
  fc.record({
    nonce: bytes(24),
    toRecipient: bytes(80),
    toSender: bytes(80),
    ciphertext: fc.oneof(
      fc.constantFrom(MEMO_TAG_BYTES, MEMO_TAG_BYTES + 1, MAX - 1, MAX).chain(bytes),
      fc.uint8Array({ minLength: MEMO_TAG_BYTES, maxLength: MAX }),
    ),
  }),
  fc
    .tuple(fc.uint8Array({ maxLength: MEMO_MAX_BYTES }), bytes(32), bytes(32), bytes(32), bytes(32))
    .map(([plain, a, b, sender, recipient]) =>
      sealMemo(plain, {
        chainId: "telchain-dev",
        sender,
        recipient,
        recipientKey: memoKeyPair(a).publicKey,
        senderKey: memoKeyPair(b).publicKey,
      }),
    ),
);

/** `text` sealed from `from` to `to` on `chainId`, to the keys their wallets (test keys) derive. */
export const memoBetween = (chainId: string, from: TestKey, to: TestKey, text: string): MemoEnvelope =>
  sealMemo(utf8(text), {
    chainId,
    sender: from.pub,
    recipient: to.pub,
    recipientKey: memoKeyPair(to.seed).publicKey,
    senderKey: memoKeyPair(from.seed).publicKey,
  });
