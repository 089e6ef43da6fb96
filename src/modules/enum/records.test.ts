import assert from "node:assert/strict";
import { test } from "node:test";
import { validateRecords } from "./records.js";
import { NaptrList, type NaptrRecord } from "./schemas.js";

const good: NaptrRecord = {
  order: 100,
  preference: 10,
  flags: "u",
  service: "E2U+sip",
  regexp: "!^.*$!sip:alice@example.com!",
  replacement: ".",
};

function bad(r: Partial<NaptrRecord>, why: RegExp, index = 0): void {
  const records = index === 0 ? [{ ...good, ...r }] : [good, { ...good, ...r }];
  assert.throws(
    () => validateRecords(records),
    (e: { code: string; message: string }) =>
      e.code === "ENUM_BAD_RECORD" && e.message.startsWith(`record ${index}:`) && why.test(e.message),
    JSON.stringify(r),
  );
}

test("good ENUM NAPTRs pass, flags are stored upper-case", () => {
  const out = validateRecords([
    good,
    { ...good, service: "E2U+voice:tel", regexp: "!^\\+(.*)$!tel:+\\1!" },
    { ...good, service: "E2U+pstn:tel", regexp: "/^.*$/tel:+15551234567;npdi/i" },
    { ...good, service: "e2u+email:mailto", regexp: "!^.*$!mailto:info@example.com!" },
    { ...good, service: "E2U+sip+voice:tel", regexp: "#^.*$#sip:x\\#y@example.com#" },
    { order: 10, preference: 1, flags: "", service: "E2U+sip", regexp: "", replacement: "sip.example.com." },
    { order: 10, preference: 2, flags: "", service: "E2U+sip", regexp: "!^.*$!\\0!", replacement: "." },
  ]);
  assert.equal(out[0].flags, "U");
  assert.equal(out[5].replacement, "sip.example.com.");
  assert.deepEqual(NaptrList.deserialize(NaptrList.serialize(out)), out);
});

test("each malformed field is refused with its record index", () => {
  bad({ order: 65536 }, /order must be 0..65535/);
  bad({ preference: -1 }, /preference/, 1);
  bad({ flags: "S" }, /flags must be "" or "U"/);
  bad({ service: "sip" }, /not an enumservice/);
  bad({ service: "E2U" }, /not an enumservice/);
  bad({ service: "E2U+1sip" }, /not an enumservice/, 1);
  bad({ service: `E2U+${"a".repeat(33)}` }, /not an enumservice/);
  bad({ regexp: "!^.*$!sip:a@b.c" }, /regexp needs the form/);
  bad({ regexp: "!^.*$!sip:a@b.c!g" }, /flags "g"/);
  bad({ regexp: "!^.*$!sip:a@b.c!i!" }, /flags "i!"/);
  bad({ regexp: "1^.*1x1" }, /delimiter "1"/);
  bad({ regexp: "!!sip:a@b.c!" }, /ere\) is empty/);
  bad({ regexp: `!^.*$!sip:${"a".repeat(250)}@b.c!` }, /longer than 255/);
  bad({ regexp: "!^.*$!sip:é@b.c!" }, /printable ASCII/);
  bad({ regexp: "" }, /terminal \("U"\) record needs a regexp/);
  bad({ replacement: "sip.example.com" }, /must have replacement "\."/);
  bad({ flags: "", replacement: "sip.example.com" }, /either regexp or replacement/);
  bad({ flags: "", regexp: "" }, /needs a replacement domain/);
  bad({ flags: "", regexp: "", replacement: `${"a".repeat(64)}.com` }, /longer than 63/);
  bad({ flags: "", regexp: "", replacement: "a..com" }, /empty label/);
  bad({ flags: "", regexp: "", replacement: "bad name.com" }, /characters other than/);
  bad({ flags: "", regexp: "", replacement: `${"abcdefghi.".repeat(26)}com` }, /longer than 255 bytes/);
});

test("count and total size are bounded", () => {
  assert.equal(validateRecords(Array(16).fill(good)).length, 16);
  assert.throws(() => validateRecords(Array(17).fill(good)), /17 records, at most 16/);
  assert.throws(() => validateRecords(Array(3).fill(good), 2), { code: "ENUM_BAD_RECORD" });
  const big = { ...good, regexp: `!^.*$!sip:${"a".repeat(230)}@b.c!` };
  assert.throws(() => validateRecords(Array(16).fill(big)), /bytes, at most 4096/);
});

test("payload records that are not UTF-8 are refused", () => {
  const bytes = NaptrList.serialize([{ ...good, service: "E2U+sip\u00e9" }]);
  bytes[bytes.indexOf(0xc3)] = 0xff; // the first byte of "é"
  assert.throws(
    () => NaptrList.deserialize(bytes),
    (e: { code: string; message: string }) =>
      e.code === "ENUM_BAD_RECORD" && /not valid UTF-8/.test(e.message),
  );
});

test("the computed size of the records is their SSZ size", async () => {
  const big = { ...good, regexp: `!^.*$!sip:${"a".repeat(200)}@b.c!` };
  const n = 15;
  const size = NaptrList.serialize(Array(n).fill(big)).length;
  assert.ok(size < 4096);
  validateRecords(Array(n).fill(big));
  const bigger = { ...big, regexp: `!^.*$!sip:${"a".repeat(200 + Math.ceil((4097 - size) / n))}@b.c!` };
  assert.ok(NaptrList.serialize(Array(n).fill(bigger)).length > 4096);
  assert.throws(() => validateRecords(Array(n).fill(bigger)), /at most 4096/);
});
