/**
 * Property tests of every devices kind: random and mutated payloads from random senders are
 * never a crash — a refused transaction is a TelchainError with a clear code (one of the
 * module's catalogue, or the codec's for bytes that are no payload at all) and leaves the
 * state exactly as it was (the block template's state root equals the empty template's).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { BooleanType, ByteListType, ContainerType, type Type, UintNumberType } from "@chainsafe/ssz";
import fc from "fast-check";
import { concatBytes } from "../../bytes.js";
import { Bytes32, Uint53 } from "../../codec/schema.js";
import { TelchainError } from "../../errors.js";
import type { ModuleCall } from "../../module/kind.js";
import { candidate, testKey } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { DEVICES_ERRORS } from "./errors.js";
import { dc, devicesChain, IMEI_1, IMEI_2, IMEI_3, OPERATOR, withImei } from "./fixtures.test.js";
import { devicesCalls } from "./index.js";
import { DeviceEntry, FlagPayload, HistoryEvent, ImeiPayload, TransferPayload } from "./schemas.js";

const OWNER = testKey(0);
const BUYER = testKey(1);
const STRANGER = testKey(2);
const MINER = testKey(9).pub;
const SENDERS = [OWNER, BUYER, STRANGER, OPERATOR];
const IMEIS = [IMEI_1, IMEI_2, IMEI_3, "353918050001243"]; // the last one valid but unregistered

let t: ModuleTestChain;
before(async () => {
  // IMEI_1 offered to BUYER, IMEI_2 reported by its owner, IMEI_3 flagged by a carrier; the 4th unknown
  t = devicesChain();
  await t.mine(...[IMEI_1, IMEI_2, IMEI_3].map((i) => t.call(OWNER, dc.register(i))));
  await t.mine(
    t.call(OWNER, dc.transfer(IMEI_1, BUYER)),
    t.call(OWNER, dc.report(IMEI_2, "stolen")),
    t.call(OPERATOR, dc.flag(IMEI_3, "fraud")),
  );
});
after(() => t.close());

const imeiText = fc.oneof(
  fc.constantFrom(...IMEIS),
  fc.stringMatching(/^[0-9]{15}$/),
  fc.string({ maxLength: 20 }),
  fc.uint8Array({ maxLength: 40 }),
);
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const anyReason = fc.integer({ min: 0, max: 255 });

/** Valid-looking calls of each kind with random fields (the IMEI may be any text or bytes). */
const fields: Record<keyof typeof devicesCalls, fc.Arbitrary<ModuleCall>> = {
  register: imeiText.map((i) => withImei(dc.register(IMEI_1), i)),
  accept: imeiText.map((i) => withImei(dc.accept(IMEI_1), i)),
  "cancel-transfer": imeiText.map((i) => withImei(dc.cancel(IMEI_1), i)),
  recover: imeiText.map((i) => withImei(dc.recover(IMEI_1), i)),
  transfer: fc
    .tuple(imeiText, fc.oneof(bytes32, fc.constantFrom(...SENDERS.map((k) => k.pub))))
    .map(([i, to]) => withImei(devicesCalls.transfer({ imei: IMEI_1, to }), i)),
  "report-stolen": fc
    .tuple(imeiText, anyReason, bytes32)
    .map(([i, reason, evidence]) =>
      withImei(devicesCalls["report-stolen"]({ imei: IMEI_1, reason, evidence }), i),
    ),
  flag: fc
    .tuple(imeiText, anyReason, bytes32)
    .map(([i, reason, evidence]) => withImei(devicesCalls.flag({ imei: IMEI_1, reason, evidence }), i)),
};

/** Byte-level mutations of a call's payload: a changed byte, cut short, trailing bytes, or noise. */
function mutated(call: fc.Arbitrary<ModuleCall>): fc.Arbitrary<ModuleCall> {
  const edit = fc.oneof(
    fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, v]) => (p: Uint8Array) => {
      const b = p.slice();
      if (b.length > 0) b[at % b.length] = v;
      return b;
    }),
    fc.nat().map((n) => (p: Uint8Array) => p.slice(0, n % (p.length + 1))),
    fc.uint8Array({ minLength: 1, maxLength: 8 }).map((extra) => (p: Uint8Array) => concatBytes(p, extra)),
    fc.uint8Array({ maxLength: 80 }).map((noise) => () => noise),
  );
  return fc.tuple(call, edit).map(([c, f]) => ({ ...c, payload: f(c.payload) }));
}

const declared = new Set(Object.keys(DEVICES_ERRORS.codes));

for (const [kind, call] of Object.entries(fields)) {
  test(`${kind}: random and mutated payloads are refused cleanly or accepted, never a crash`, () => {
    const empty = t.c.chain.buildTemplate(MINER, []).block.header.stateRoot;
    const codes = new Set<string>();
    fc.assert(
      fc.property(fc.constantFrom(...SENDERS), fc.oneof(call, mutated(call)), (key, c) => {
        const tx = t.tx(key, c.module, c.kind, c.payload, false);
        const tpl = t.c.chain.buildTemplate(MINER, [candidate(tx)]);
        if (tpl.block.txs.length === 1) return; // a valid call after all
        const e = tpl.rejected[0]?.error;
        assert.ok(e instanceof TelchainError);
        codes.add(e.code);
        assert.ok(declared.has(e.code) || /^CODEC_[A-Z_]+$/.test(e.code), `unclear code ${e.code}`);
        assert.ok(e.message.length > 0);
        assert.deepEqual(tpl.block.header.stateRoot, empty, "a refused transaction leaves no trace");
      }),
      { numRuns: 500 },
    );
    // the runs reached the kind's state checks too, not only the decoder
    const stateful = [...codes].filter((c) => c !== "DEVICES_BAD_IMEI" && !c.startsWith("CODEC_"));
    assert.ok(stateful.length > 0, `only ${[...codes].join(", ")}`);
  });
}

test("the text schemas encode and hash exactly like the byte-list schemas they replaced", () => {
  // the schemas before the kit: IMEI a ByteList[32], carrier ids ByteList[64]
  const u8 = new UintNumberType(1);
  const [imei, by] = [new ByteListType(32), new ByteListType(64)];
  const old = {
    imei: new ContainerType({ imei }),
    transfer: new ContainerType({ imei, to: Bytes32 }),
    flag: new ContainerType({ imei, reason: u8, evidence: Bytes32 }),
    entry: new ContainerType({
      ...{ owner: Bytes32, registeredAt: Uint53, flagged: new BooleanType(), reason: u8 },
      ...{ flaggedBy: by, evidence: Bytes32, since: Uint53, events: new UintNumberType(4) },
    }),
    event: new ContainerType({ event: u8, height: Uint53, reason: u8, by }),
  };
  const utf8 = (s: string) => new TextEncoder().encode(s);
  const same = <A, B>(a: Type<A>, va: A, b: Type<B>, vb: B) => {
    assert.deepEqual(a.serialize(va), b.serialize(vb));
    assert.deepEqual(a.hashTreeRoot(va), b.hashTreeRoot(vb));
  };
  const imeiArb = fc.stringMatching(/^[0-9]{15}$/);
  const idArb = fc.oneof(fc.constant(""), fc.string({ unit: "grapheme", maxLength: 8 }));
  const height = fc.integer({ min: 0, max: 2 ** 40 });
  fc.assert(
    fc.property(imeiArb, idArb, bytes32, fc.integer({ min: 0, max: 255 }), height, (i, id, b32, r, h) => {
      same(ImeiPayload, { imei: i }, old.imei, { imei: utf8(i) });
      same(TransferPayload, { imei: i, to: b32 }, old.transfer, { imei: utf8(i), to: b32 });
      same(FlagPayload, { imei: i, reason: r, evidence: b32 }, old.flag, {
        imei: utf8(i),
        reason: r,
        evidence: b32,
      });
      const entry = {
        owner: b32,
        registeredAt: h,
        flagged: r % 2 === 0,
        reason: r,
        evidence: b32,
        since: h,
        events: r,
      };
      same(DeviceEntry, { ...entry, flaggedBy: id }, old.entry, { ...entry, flaggedBy: utf8(id) });
      same(HistoryEvent, { event: r, height: h, reason: r, by: id }, old.event, {
        event: r,
        height: h,
        reason: r,
        by: utf8(id),
      });
    }),
    { numRuns: 300 },
  );
});
