/**
 * History with memos, without a node: a memo opens with the recipient's key and stays
 * "(encrypted)" for another key, for no key and for anything that is not an envelope (never an
 * error); CSV fields are quoted as RFC 4180 says and formulas are neutralised.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { AccountTxView } from "../api/schemas.js";
import { memoJson } from "../codec/memo.js";
import { encodeAddress } from "../crypto/address.js";
import { memoKeyPair } from "../crypto/memo.js";
import { testKey } from "../testing/chain-harness.js";
import { memoBetween } from "../testing/memos.js";
import { CSV_HEADER, csv, csvField, memoText, withMemo } from "./memo-history.js";

const [A, B, C] = [testKey(0), testKey(1), testKey(2)];
const key = (k: typeof A) => memoKeyPair(k.seed);
const CHAIN = "telchain-dev";

function item(memo: unknown, role: AccountTxView["role"] = "received"): AccountTxView {
  return {
    hash: "ab".repeat(32),
    height: 7,
    index: 0,
    blockHash: "cd".repeat(32),
    timestamp: 1_700_000_000,
    role,
    sender: encodeAddress(A.pub),
    nonce: 3,
    fee: "180",
    expiry: 0,
    module: "coin",
    kind: "transfer-memo",
    payload: { to: encodeAddress(B.pub), amount: "2500", memo },
    size: 400,
  };
}
const envelope = (text: string) => memoJson(memoBetween(CHAIN, A, B, text));

test("a memo opens with a party's key; another key, no key, or no envelope leave it (encrypted)", () => {
  const t = item(envelope('plan, "gold"\nNov'));
  assert.deepEqual(withMemo(t, CHAIN, key(B).secret).memo, { opened: true, text: 'plan, "gold"\nNov' });
  assert.deepEqual(withMemo(t, CHAIN, key(A).secret).memo, { opened: true, text: 'plan, "gold"\nNov' });
  assert.deepEqual(withMemo(t, CHAIN, key(C).secret).memo, { opened: false });
  assert.deepEqual(withMemo(t, "telchain-main", key(B).secret).memo, { opened: false }, "another chain");
  assert.equal(memoText(withMemo(t, CHAIN, undefined)), "(encrypted)");
  const plain = { ...item(undefined), kind: "transfer", payload: { to: encodeAddress(B.pub), amount: "5" } };
  assert.equal(withMemo(plain, CHAIN, key(B).secret).memo, undefined);
  assert.equal(memoText(plain), "");
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.uint8Array().map((b) => Buffer.from(b).toString("hex")),
      ),
      (m) => {
        assert.deepEqual(withMemo(item(m), CHAIN, key(B).secret).memo, { opened: false });
      },
    ),
  );
});

test("CSV: the header, RFC 4180 quoting, CRLF, the fee only on what the address sent, formulas neutralised", () => {
  assert.equal(csvField("plain"), "plain");
  assert.equal(csvField("a,b"), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField("two\nlines"), '"two\nlines"');
  assert.equal(csvField("=HYPERLINK(1)"), "'=HYPERLINK(1)");
  assert.equal(csvField("-5"), "'-5");
  assert.equal(csvField("@x,y"), `"'@x,y"`);
  const received = withMemo(item(envelope("=1+1, ok")), CHAIN, key(B).secret);
  const sent = withMemo(item(envelope("x"), "sent"), CHAIN, key(A).secret);
  const doc = csv([received, sent]);
  assert.equal(
    doc,
    [
      CSV_HEADER.join(","),
      `2023-11-14T22:13:20.000Z,7,${"ab".repeat(32)},received,${encodeAddress(A.pub)},coin,transfer-memo,2500,,"'=1+1, ok"`,
      `2023-11-14T22:13:20.000Z,7,${"ab".repeat(32)},sent,${encodeAddress(B.pub)},coin,transfer-memo,2500,180,x`,
      "",
    ].join("\r\n"),
  );
});
