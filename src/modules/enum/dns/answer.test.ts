import assert from "node:assert/strict";
import { test } from "node:test";
import dnsPacket from "dns-packet";
import type { NaptrRecord } from "../types.js";
import { answerQuery, type QueryOutcome, type Transport } from "./answer.js";
import { decodeResponse, InMemoryZoneSource, sipRecord } from "./fixtures.test.js";

const NAME = "7.6.5.4.3.2.1.5.5.5.1.e164.arpa";
const source = new InMemoryZoneSource()
  .set("15551234567", [sipRecord("alice"), sipRecord("bob", 100, 20)])
  .set("15550000000", []);
source.height = 4242;
const zone = { apexes: ["e164.arpa", "e164.telchain.example"], source };

function query(
  name: string,
  type: string,
  extra: { edns?: { size?: number; version?: number; do?: boolean }; id?: number; flags?: number } = {},
): Buffer {
  const additionals: dnsPacket.Answer[] = [];
  if (extra.edns) {
    additionals.push({
      type: "OPT",
      name: ".",
      udpPayloadSize: extra.edns.size ?? 4096,
      extendedRcode: 0,
      ednsVersion: extra.edns.version ?? 0,
      flags: extra.edns.do ? dnsPacket.DNSSEC_OK : 0,
      flag_do: extra.edns.do ?? false,
      options: [],
    });
  }
  return dnsPacket.encode({
    id: extra.id ?? 0x1234,
    type: "query",
    flags: extra.flags ?? dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type: type as dnsPacket.RecordType, class: "IN" }],
    additionals,
  });
}

function reply(outcome: QueryOutcome): Buffer {
  assert.equal(outcome.kind, "reply");
  if (outcome.kind !== "reply") throw new Error("unreachable");
  return outcome.packet;
}

function ask(packet: Buffer, transport: Transport = "udp") {
  const raw = reply(answerQuery(packet, zone, transport));
  return { raw, decoded: decodeResponse(raw) };
}

test("a served number's NAPTR query gets its records, authoritative, with a 60 s TTL", () => {
  const { decoded } = ask(query(NAME, "NAPTR"));
  assert.equal(decoded.id, 0x1234);
  assert.equal(decoded.rcode, "NOERROR");
  assert.equal(decoded.flag_qr, true);
  assert.equal(decoded.flag_aa, true);
  assert.equal(decoded.flag_rd, true, "RD is copied from the query");
  assert.equal(decoded.flag_ra, false);
  assert.deepEqual(decoded.questions, [{ name: NAME, type: "NAPTR", class: "IN" }]);
  assert.deepEqual(
    decoded.answers.map((a) => ({ name: a.name, ttl: a.ttl, data: a.data })),
    [
      {
        name: NAME,
        ttl: 60,
        data: {
          order: 100,
          preference: 10,
          flags: "U",
          services: "E2U+sip",
          regexp: "!^.*$!sip:alice@example.com!",
          replacement: ".",
        },
      },
      {
        name: NAME,
        ttl: 60,
        data: {
          order: 100,
          preference: 20,
          flags: "U",
          services: "E2U+sip",
          regexp: "!^.*$!sip:bob@example.com!",
          replacement: ".",
        },
      },
    ],
  );
  assert.deepEqual(decoded.authorities, []);
  assert.deepEqual(decoded.additionals, [], "no OPT without EDNS in the query");
});

test("the same number is served under every apex", () => {
  const { decoded } = ask(query("7.6.5.4.3.2.1.5.5.5.1.e164.telchain.example", "NAPTR"));
  assert.equal(decoded.rcode, "NOERROR");
  assert.equal(decoded.answers.length, 2);
});

test("an unknown number is NXDOMAIN with the apex SOA (serial = head height) for negative caching", () => {
  const { decoded } = ask(query("8.6.5.4.3.2.1.5.5.5.1.e164.arpa", "NAPTR"));
  assert.equal(decoded.rcode, "NXDOMAIN");
  assert.equal(decoded.flag_aa, true);
  assert.deepEqual(decoded.answers, []);
  assert.equal(decoded.authorities.length, 1);
  const soa = decoded.authorities[0];
  assert.equal(soa?.type, "SOA");
  assert.equal(soa?.name, "e164.arpa");
  assert.equal(soa?.ttl, 60);
  assert.deepEqual(soa?.data, {
    mname: "ns1.e164.arpa",
    rname: "hostmaster.e164.arpa",
    serial: 4242,
    refresh: 3600,
    retry: 600,
    expire: 86400,
    minimum: 60,
  });
});

test("labels that are not single digits are NXDOMAIN", () => {
  for (const name of [
    "x.e164.arpa",
    "12.5.5.1.e164.arpa",
    "_sip._udp.7.6.5.4.3.2.1.5.5.5.1.e164.arpa",
    "ns1.e164.arpa",
  ]) {
    const { decoded } = ask(query(name, "NAPTR"));
    assert.equal(decoded.rcode, "NXDOMAIN", name);
    assert.equal(decoded.authorities[0]?.type, "SOA", name);
  }
});

test("other types at a number, empty non-terminals and a number without records are NODATA with the SOA", () => {
  for (const [name, type] of [
    [NAME, "A"],
    [NAME, "AAAA"],
    [NAME, "TXT"],
    ["5.5.5.1.e164.arpa", "NAPTR"],
    ["1.e164.arpa", "NAPTR"],
    ["0.0.0.0.0.0.0.5.5.5.1.e164.arpa", "NAPTR"],
  ] as const) {
    const { decoded } = ask(query(name, type));
    assert.equal(decoded.rcode, "NOERROR", `${type} ${name}`);
    assert.equal(decoded.flag_aa, true);
    assert.deepEqual(decoded.answers, [], `${type} ${name}`);
    assert.equal(decoded.authorities[0]?.type, "SOA", `${type} ${name}`);
  }
});

test("ANY at a number returns its NAPTR set", () => {
  const { decoded } = ask(query(NAME, "ANY"));
  assert.equal(decoded.rcode, "NOERROR");
  assert.deepEqual(
    decoded.answers.map((a) => a.type),
    ["NAPTR", "NAPTR"],
  );
});

test("the apex answers SOA and NS (no glue), and NODATA for other types", () => {
  const soa = ask(query("e164.arpa", "SOA")).decoded;
  assert.equal(soa.rcode, "NOERROR");
  assert.equal(soa.flag_aa, true);
  assert.equal(soa.answers?.[0]?.type, "SOA");
  assert.equal((soa.answers[0]?.data as { serial: number } | undefined)?.serial, 4242);

  const ns = ask(query("e164.arpa", "NS")).decoded;
  assert.deepEqual(
    ns.answers?.map((a) => [a.type, a.name, a.data]),
    [["NS", "e164.arpa", "ns1.e164.arpa"]],
  );
  assert.deepEqual(ns.additionals, []);

  const any = ask(query("e164.arpa", "ANY")).decoded;
  assert.deepEqual(
    any.answers?.map((a) => a.type),
    ["SOA", "NS"],
  );

  const naptr = ask(query("e164.arpa", "NAPTR")).decoded;
  assert.equal(naptr.rcode, "NOERROR");
  assert.deepEqual(naptr.answers, []);
  assert.equal(naptr.authorities?.[0]?.type, "SOA");
});

test("names outside every apex, other classes and zone transfers are REFUSED without AA", () => {
  const cases: Buffer[] = [
    query("example.com", "A"),
    query("arpa", "SOA"),
    query("xe164.arpa", "NAPTR"),
    query(".", "NS"),
    query("e164.arpa", "AXFR"),
    dnsPacket.encode({ id: 1, type: "query", questions: [{ name: "e164.arpa", type: "SOA", class: "CH" }] }),
  ];
  for (const packet of cases) {
    const { decoded } = ask(packet);
    assert.equal(decoded.rcode, "REFUSED");
    assert.equal(decoded.flag_aa, false);
    assert.deepEqual(decoded.answers, []);
    assert.equal(decoded.questions.length, 1);
  }
});

test("names match case-insensitively and the reply keeps the question's case", () => {
  const mixed = "7.6.5.4.3.2.1.5.5.5.1.E164.ArPa";
  const packet = query(mixed, "NAPTR");
  const { raw, decoded } = ask(packet);
  assert.equal(decoded.rcode, "NOERROR");
  assert.equal(decoded.questions[0]?.name, mixed);
  assert.equal(decoded.answers[0]?.name, mixed);
  // The question section is echoed byte for byte.
  assert.deepEqual(raw.subarray(12, packet.length), packet.subarray(12));
});

test("an unknown query type is echoed as asked and gets NODATA", () => {
  const packet = query(NAME, "UNKNOWN_65280");
  const { raw, decoded } = ask(packet);
  assert.equal(decoded.rcode, "NOERROR");
  assert.equal(decoded.questions[0]?.type, "UNKNOWN_65280");
  assert.deepEqual(raw.subarray(12, packet.length), packet.subarray(12));
});

test("EDNS: the OPT record is echoed with our payload size, DO copied, and BADVERS for version > 0", () => {
  const withEdns = ask(query(NAME, "NAPTR", { edns: { size: 4096, do: true } })).decoded;
  assert.equal(withEdns.rcode, "NOERROR");
  const opt = withEdns.additionals?.[0];
  assert.equal(opt?.type, "OPT");
  assert.equal(opt?.udpPayloadSize, 1232);
  assert.equal(opt?.ednsVersion, 0);
  assert.equal(opt?.flag_do, true);

  const badvers = ask(query(NAME, "NAPTR", { edns: { version: 1 } })).decoded;
  const badOpt = badvers.additionals?.[0];
  assert.equal(badOpt?.extendedRcode, 1, "BADVERS = 16: upper bits in OPT");
  assert.equal(badvers.rcode, "NOERROR", "lower 4 bits of BADVERS are 0");
  assert.deepEqual(badvers.answers, []);
  assert.equal(badOpt?.ednsVersion, 0);

  const twoOpts = Buffer.from(query(NAME, "NAPTR", { edns: {} }));
  const doubled = Buffer.concat([twoOpts, twoOpts.subarray(twoOpts.length - 11)]);
  doubled.writeUInt16BE(2, 10);
  assert.equal(decodeResponse(reply(answerQuery(doubled, zone, "udp"))).rcode, "FORMERR");
});

function bigRecords(count: number): NaptrRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    ...sipRecord(`${"x".repeat(200)}${i}`),
    preference: i,
  }));
}

test("a UDP answer over the limit is truncated (TC, question only); TCP carries it whole", () => {
  const bigSource = new InMemoryZoneSource().set("4915112345678", bigRecords(16));
  const bigZone = { apexes: ["e164.arpa"], source: bigSource };
  const name = "8.7.6.5.4.3.2.1.1.5.1.9.4.e164.arpa";

  const classic = decodeResponse(reply(answerQuery(query(name, "NAPTR"), bigZone, "udp")));
  assert.equal(classic.flag_tc, true);
  assert.equal(classic.flag_aa, true);
  assert.equal(classic.rcode, "NOERROR");
  assert.equal(classic.questions?.length, 1);
  assert.deepEqual(classic.answers, []);

  const edns = reply(answerQuery(query(name, "NAPTR", { edns: { size: 65000 } }), bigZone, "udp"));
  const ednsDecoded = dnsPacket.decode(edns);
  assert.equal(ednsDecoded.flag_tc, true, "16 x ~260 bytes exceed even the 1232-byte EDNS limit");
  assert.equal(ednsDecoded.additionals?.[0]?.type, "OPT");
  assert.ok(edns.length <= 1232);

  const tcp = decodeResponse(reply(answerQuery(query(name, "NAPTR"), bigZone, "tcp")));
  assert.equal(tcp.flag_tc, false);
  assert.equal(tcp.answers?.length, 16);

  // Three such records fit in 1232 bytes but not in 512.
  const midSource = new InMemoryZoneSource().set("4915112345678", bigRecords(3));
  const midZone = { apexes: ["e164.arpa"], source: midSource };
  const small = decodeResponse(
    reply(answerQuery(query(name, "NAPTR", { edns: { size: 512 } }), midZone, "udp")),
  );
  assert.equal(small.flag_tc, true);
  const large = decodeResponse(
    reply(answerQuery(query(name, "NAPTR", { edns: { size: 1232 } }), midZone, "udp")),
  );
  assert.equal(large.flag_tc, false);
  assert.equal(large.answers?.length, 3);
});

test("malformed queries: FORMERR when the header is readable, silence otherwise", () => {
  assert.deepEqual(answerQuery(Buffer.from([1, 2, 3]), zone, "udp").kind, "drop");

  const truncated = query(NAME, "NAPTR").subarray(0, 20);
  const formerr = decodeResponse(reply(answerQuery(truncated, zone, "udp")));
  assert.equal(formerr.rcode, "FORMERR");
  assert.equal(formerr.id, 0x1234);

  const response = Buffer.from(query(NAME, "NAPTR"));
  response.writeUInt16BE(response.readUInt16BE(2) | 0x8000, 2);
  assert.equal(answerQuery(response, zone, "udp").kind, "drop", "responses are never answered");

  const noQuestion = dnsPacket.encode({ id: 7, type: "query", questions: [] });
  assert.equal(decodeResponse(reply(answerQuery(noQuestion, zone, "udp"))).rcode, "FORMERR");

  const twoQuestions = dnsPacket.encode({
    id: 7,
    type: "query",
    questions: [
      { name: NAME, type: "NAPTR" },
      { name: NAME, type: "A" },
    ],
  });
  assert.equal(decodeResponse(reply(answerQuery(twoQuestions, zone, "udp"))).rcode, "FORMERR");

  const oversized = Buffer.concat([query(NAME, "NAPTR"), Buffer.alloc(5000)]);
  assert.equal(decodeResponse(reply(answerQuery(oversized, zone, "udp"))).rcode, "FORMERR");

  const optQuestion = query(".", "OPT");
  assert.equal(decodeResponse(reply(answerQuery(optQuestion, zone, "udp"))).rcode, "FORMERR");
});

test("opcodes other than QUERY get NOTIMP with the opcode echoed", () => {
  const notify = Buffer.from(query("e164.arpa", "SOA"));
  notify.writeUInt16BE((notify.readUInt16BE(2) & ~0x7800) | (4 << 11), 2);
  const decoded = decodeResponse(reply(answerQuery(notify, zone, "udp")));
  assert.equal(decoded.rcode, "NOTIMP");
  assert.equal(decoded.opcode, "NOTIFY");
  assert.equal(decoded.flag_aa, false);
});

test("a failing source or a record that cannot be encoded is SERVFAIL, reported and not cacheable", () => {
  const broken = {
    records(): never {
      throw new Error("database closed");
    },
    hasDescendant: () => false,
    serial: () => 1,
  };
  const failing = answerQuery(query(NAME, "NAPTR"), { apexes: ["e164.arpa"], source: broken }, "udp");
  assert.equal(failing.kind === "reply" && failing.cacheable, false);
  assert.match(failing.kind === "reply" ? (failing.problem ?? "") : "", /database closed/);
  assert.equal(decodeResponse(reply(failing)).rcode, "SERVFAIL");

  const overlong = new InMemoryZoneSource().set("15551234567", [
    { ...sipRecord("a"), regexp: "!".repeat(300) },
  ]);
  const bad = answerQuery(query(NAME, "NAPTR"), { apexes: ["e164.arpa"], source: overlong }, "udp");
  assert.equal(decodeResponse(reply(bad)).rcode, "SERVFAIL");
  assert.match(bad.kind === "reply" ? (bad.problem ?? "") : "", /regexp longer than 255 bytes/);
});

test("well-formed answers are cacheable, FORMERR is not", () => {
  const ok = answerQuery(query(NAME, "NAPTR"), zone, "udp");
  assert.equal(ok.kind === "reply" && ok.cacheable, true);
  const nx = answerQuery(query("9.e164.arpa", "NAPTR"), zone, "udp");
  assert.equal(nx.kind === "reply" && nx.cacheable, true);
  const formerr = answerQuery(query(NAME, "NAPTR").subarray(0, 20), zone, "udp");
  assert.equal(formerr.kind === "reply" && formerr.cacheable, false);
});

test("the simple query reader agrees with dns-packet, and leaves the rest to it", async () => {
  const { simpleQuery } = await import("./answer.js");
  const { decodePacket, questionCodec } = await import("./packet.js");
  // Loosely typed: the cases include what @types/dns-packet leaves out (ANY, EDNS options).
  const encode = (p: object) => dnsPacket.encode(p as dnsPacket.Packet);
  const name = "7.6.5.4.3.2.1.5.5.5.1.E164.arpa";
  const cases = [
    encode({ type: "query", id: 1, questions: [{ type: "NAPTR", name }] }),
    encode({
      type: "query",
      id: 2,
      flags: dnsPacket.RECURSION_DESIRED,
      questions: [{ type: "ANY", name: "e164.arpa" }],
      additionals: [{ type: "OPT", name: ".", udpPayloadSize: 4096, flags: dnsPacket.DNSSEC_OK }],
    }),
    encode({
      type: "query",
      id: 3,
      questions: [{ type: "NAPTR", name: "x-y_z.e164.arpa" }],
      additionals: [
        { type: "OPT", name: ".", udpPayloadSize: 1232, options: [{ code: 10, data: Buffer.alloc(8, 1) }] },
      ],
    }),
  ];
  for (const query of cases) {
    const simple = simpleQuery(query);
    assert.ok(simple, "read by the simple path");
    const decoded = decodePacket(query);
    assert.equal(simple.questionName, decoded.questions?.[0].name);
    assert.equal(simple.questionEnd, 12 + questionCodec.decode.bytes);
    const opt = decoded.additionals?.[0] as dnsPacket.OptAnswer | undefined;
    assert.equal(simple.opt?.udpPayloadSize, opt?.udpPayloadSize);
    assert.equal(simple.opt?.flags, opt?.flags);
    assert.equal(simple.opt?.ednsVersion, opt?.ednsVersion);
  }
  const full = [
    encode({ type: "query", id: 4, questions: [{ type: "NAPTR", name: "a\\.b.e164.arpa" }] }),
    encode({
      type: "query",
      id: 5,
      questions: [
        { type: "NAPTR", name },
        { type: "NAPTR", name },
      ],
    }),
    encode({
      type: "query",
      id: 6,
      questions: [{ type: "NAPTR", name }],
      additionals: [{ type: "A", name, data: "1.2.3.4" }],
    }),
    encode({ type: "query", id: 7, questions: [{ type: "NAPTR", name: "." }] }),
    Buffer.concat([encode({ type: "query", id: 8, questions: [{ type: "NAPTR", name }] }), Buffer.from([0])]),
  ];
  for (const query of full) assert.equal(simpleQuery(query), undefined);
});
