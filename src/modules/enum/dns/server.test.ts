import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { connect } from "node:net";
import { after, before, test } from "node:test";
import dnsPacket from "dns-packet";
import { ask, dig, resolveError, resolverAt } from "../../../testing/dns.js";
import { DIG, skipWithout } from "../../../testing/tools.js";
import type { EnumZoneSource } from "../types.js";
import { decodeResponse, InMemoryZoneSource, type ResponseView, sipRecord } from "./fixtures.test.js";
import { type DnsServer, literalLookup, startDnsServer } from "./server.js";

const NAME = "7.6.5.4.3.2.1.5.5.5.1.e164.arpa";
const BIG_NAME = "8.7.6.5.4.3.2.1.1.5.1.9.4.e164.arpa";

const source = new InMemoryZoneSource()
  .set("15551234567", [sipRecord("alice"), sipRecord("bob", 100, 20)])
  .set(
    "4915112345678",
    Array.from({ length: 16 }, (_, i) => ({ ...sipRecord(`${"x".repeat(200)}${i}`), preference: i })),
  );
const headListeners: ((height: number) => void)[] = [];
const warnings: object[] = [];
let server: DnsServer;

before(async () => {
  server = await startDnsServer({
    listen: "127.0.0.1:0",
    apexes: ["e164.arpa"],
    source,
    log: { info: () => {}, warn: (o) => warnings.push(o) },
    onHead: (listener) => headListeners.push(listener),
  });
});
after(() => server.stop());

/** A second, silent server on a free loopback port, for the tests that stop one. */
const startQuiet = (zone: EnumZoneSource, listen = "127.0.0.1:0") =>
  startDnsServer({
    listen,
    apexes: ["e164.arpa"],
    source: zone,
    log: { info: () => {}, warn: () => {} },
    onHead: () => {},
  });

/*
 * Each behaviour is checked twice: with clients that ship with Node ("node:" tests: its c-ares
 * resolver, and raw dns-packet queries for what c-ares does not show — AA, TC, EDNS, the
 * authority section) and with the real `dig` ("dig:" tests), which run where dig is
 * installed (CI) and are skipped with a clear line elsewhere.
 */
const digSkip = (twin: string) => skipWithout(DIG, `the same behaviour is checked by "${twin}"`);
const sipNaptr = (user: string, preference: number) => ({
  flags: "U",
  service: "E2U+sip",
  regexp: `!^.*$!sip:${user}@example.com!`,
  replacement: "",
  order: 100,
  preference,
});
const SOA_DATA = {
  mname: "ns1.e164.arpa",
  rname: "hostmaster.e164.arpa",
  serial: 1,
  refresh: 3600,
  retry: 600,
  expire: 86400,
  minimum: 60,
};

const NODE_NAPTR = "node: NAPTR for a served number, authoritative, over UDP and TCP";
test(NODE_NAPTR, async () => {
  // What a stock resolver sees: both records, in order.
  assert.deepEqual(await resolverAt(server.udpPort).resolveNaptr(NAME), [
    sipNaptr("alice", 10),
    sipNaptr("bob", 20),
  ]);
  for (const tcp of [false, true]) {
    const response = await ask(server.udpPort, NAME, "NAPTR", { tcp });
    assert.equal(response.rcode, "NOERROR");
    assert.equal(response.flag_aa, true, `AA over ${tcp ? "TCP" : "UDP"}`);
    assert.equal(response.flag_tc, false);
    assert.deepEqual(
      response.answers.map((a) => [a.name, a.ttl, a.class, a.type, a.data]),
      ["alice", "bob"].map((user, i) => [
        NAME,
        60,
        "IN",
        "NAPTR",
        {
          order: 100,
          preference: 10 * (i + 1),
          flags: "U",
          services: "E2U+sip",
          regexp: `!^.*$!sip:${user}@example.com!`,
          replacement: ".",
        },
      ]),
    );
  }
});

test("dig: NAPTR for a served number, authoritative, over UDP and TCP", {
  skip: digSkip(NODE_NAPTR),
}, async () => {
  for (const transport of ["+notcp", "+tcp"]) {
    const result = await dig(server.udpPort, "NAPTR", NAME, transport);
    assert.equal(result.status, "NOERROR", result.output);
    assert.ok(result.flags.includes("aa"), result.output);
    assert.ok(!result.flags.includes("tc"));
    assert.deepEqual(result.answers, [
      [
        `${NAME}.`,
        "60",
        "IN",
        "NAPTR",
        "100",
        "10",
        '"U"',
        '"E2U+sip"',
        '"!^.*$!sip:alice@example.com!"',
        ".",
      ],
      [`${NAME}.`, "60", "IN", "NAPTR", "100", "20", '"U"', '"E2U+sip"', '"!^.*$!sip:bob@example.com!"', "."],
    ]);
    assert.match(result.output, transport === "+tcp" ? /\(TCP\)/ : /\(UDP\)/);
  }
});

const NODE_NEGATIVE =
  "node: unknown number NXDOMAIN with SOA, other type NODATA, apex SOA/NS, outside REFUSED";
test(NODE_NEGATIVE, async () => {
  const resolver = resolverAt(server.udpPort);
  const unknown = "8.6.5.4.3.2.1.5.5.5.1.e164.arpa";
  assert.equal(await resolveError(resolver.resolveNaptr(unknown)), "ENOTFOUND", "NXDOMAIN");
  const nx = await ask(server.udpPort, unknown, "NAPTR");
  assert.equal(nx.rcode, "NXDOMAIN");
  assert.equal(nx.flag_aa, true);
  assert.deepEqual(
    nx.authorities.map((a) => [a.name, a.ttl, a.type, a.data]),
    [["e164.arpa", 60, "SOA", SOA_DATA]],
  );

  assert.equal(await resolveError(resolver.resolve4(NAME)), "ENODATA", "NODATA");
  const nodata = await ask(server.udpPort, NAME, "A");
  assert.equal(nodata.rcode, "NOERROR");
  assert.deepEqual(nodata.answers, []);
  assert.equal(nodata.authorities[0]?.type, "SOA");

  assert.deepEqual(await resolver.resolveSoa("e164.arpa"), {
    nsname: "ns1.e164.arpa",
    hostmaster: "hostmaster.e164.arpa",
    serial: 1,
    refresh: 3600,
    retry: 600,
    expire: 86400,
    minttl: 60,
  });
  assert.deepEqual(await resolver.resolveNs("E164.ARPA"), ["ns1.e164.arpa"]);
  const ns = await ask(server.udpPort, "E164.ARPA", "NS");
  assert.deepEqual(
    ns.answers.map((a) => [a.name, a.ttl, a.type, a.data]),
    [["E164.ARPA", 3600, "NS", "ns1.e164.arpa"]],
  );
  assert.deepEqual(
    (await resolver.resolveAny("e164.arpa")).map((r) => r.type).sort(),
    ["NS", "SOA"],
    "ANY at the apex: its SOA and NS",
  );

  assert.equal(await resolveError(resolver.resolve4("example.com")), "EREFUSED");
  const refused = await ask(server.udpPort, "example.com", "A");
  assert.equal(refused.rcode, "REFUSED");
  assert.equal(refused.flag_aa, false);
});

test("dig: unknown number NXDOMAIN with SOA, other type NODATA, apex SOA/NS, outside REFUSED", {
  skip: digSkip(NODE_NEGATIVE),
}, async () => {
  const nx = await dig(server.udpPort, "NAPTR", "8.6.5.4.3.2.1.5.5.5.1.e164.arpa");
  assert.equal(nx.status, "NXDOMAIN");
  assert.ok(nx.flags.includes("aa"));
  assert.match(
    nx.output,
    /AUTHORITY SECTION:\ne164\.arpa\.\s+60\s+IN\s+SOA\s+ns1\.e164\.arpa\. hostmaster\.e164\.arpa\. 1 3600 600 86400 60/,
  );

  const nodata = await dig(server.udpPort, "A", NAME);
  assert.equal(nodata.status, "NOERROR");
  assert.deepEqual(nodata.answers, []);
  assert.equal(nodata.authority[0]?.[3], "SOA");

  const soa = await dig(server.udpPort, "SOA", "e164.arpa");
  assert.equal(soa.status, "NOERROR");
  assert.equal(soa.answers[0]?.[3], "SOA");
  const ns = await dig(server.udpPort, "NS", "E164.ARPA");
  assert.deepEqual(ns.answers, [["E164.ARPA.", "3600", "IN", "NS", "ns1.e164.arpa."]]);

  const refused = await dig(server.udpPort, "A", "example.com");
  assert.equal(refused.status, "REFUSED");
  assert.ok(!refused.flags.includes("aa"));
});

const NODE_EDNS = "node: EDNS payload size and no-EDNS queries";
test(NODE_EDNS, async () => {
  const edns = await ask(server.udpPort, NAME, "NAPTR", { edns: 4096 });
  const opt = edns.additionals.find((a) => a.type === "OPT");
  assert.equal(opt?.udpPayloadSize, 1232, "our payload size, whatever the client offers");
  assert.equal(edns.answers.length, 2);
  const classic = await ask(server.udpPort, NAME, "NAPTR");
  assert.equal(classic.rcode, "NOERROR");
  assert.deepEqual(classic.additionals, [], "no OPT without EDNS in the query");
  assert.equal(classic.answers.length, 2);
});

test("dig: EDNS payload size and no-EDNS queries", { skip: digSkip(NODE_EDNS) }, async () => {
  const edns = await dig(server.udpPort, "NAPTR", NAME, "+bufsize=4096");
  assert.match(edns.output, /EDNS: version: 0, flags:; udp: 1232/);
  const classic = await dig(server.udpPort, "NAPTR", NAME, "+noedns");
  assert.equal(classic.status, "NOERROR");
  assert.doesNotMatch(classic.output, /OPT PSEUDOSECTION/);
  assert.equal(classic.answers.length, 2);
});

const NODE_TRUNCATED = "node: a large answer is truncated over UDP and c-ares transparently retries over TCP";
test(NODE_TRUNCATED, async () => {
  for (const edns of [undefined, 1232]) {
    const udp = await ask(server.udpPort, BIG_NAME, "NAPTR", { edns });
    assert.equal(udp.flag_tc, true, `TC with ${edns ?? "no"} EDNS`);
    assert.deepEqual(udp.answers, [], "question only");
    const tcp = await ask(server.udpPort, BIG_NAME, "NAPTR", { edns, tcp: true });
    assert.equal(tcp.flag_tc, false);
    assert.equal(tcp.answers.length, 16);
  }
  // 16 records of ~260 bytes cannot come in one UDP answer (at most 1232 bytes): c-ares
  // received the TC answer and asked again over TCP, as a stock resolver does.
  const records = await resolverAt(server.udpPort).resolveNaptr(BIG_NAME);
  assert.equal(records.length, 16);
  assert.ok(records.reduce((n, r) => n + r.regexp.length, 0) > 1232);
});

test("dig: a large answer is truncated over UDP and dig transparently retries over TCP", {
  skip: digSkip(NODE_TRUNCATED),
}, async () => {
  for (const size of ["+noedns", "+bufsize=1232"]) {
    const result = await dig(server.udpPort, "NAPTR", BIG_NAME, size);
    assert.match(result.output, /;; Truncated, retrying in TCP mode\./, size);
    assert.equal(result.status, "NOERROR");
    assert.equal(result.answers.length, 16, size);
    assert.match(result.output, /\(TCP\)/);
  }
});

function udpQuery(packet: Buffer, timeoutMs = 1000): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket("udp4");
    const timer = setTimeout(() => {
      socket.close();
      resolve(undefined);
    }, timeoutMs);
    socket.on("message", (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(message);
    });
    socket.send(packet, server.udpPort, "127.0.0.1");
  });
}

/** Sends raw bytes over one TCP connection and collects the framed responses until `count` or close. */
function tcpExchange(bytes: Buffer, count: number): Promise<{ responses: Buffer[]; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.tcpPort, "127.0.0.1");
    let pending = Buffer.alloc(0);
    const responses: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ responses, closed: false });
    }, 2000);
    socket.on("connect", () => socket.write(bytes));
    socket.on("error", reject);
    socket.on("data", (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        responses.push(pending.subarray(2, 2 + pending.readUInt16BE(0)));
        pending = pending.subarray(2 + pending.readUInt16BE(0));
      }
      if (responses.length >= count) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ responses, closed: false });
      }
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ responses, closed: true });
    });
  });
}

function naptrQuery(id: number, name = NAME): Buffer {
  return dnsPacket.encode({ id, type: "query", questions: [{ name, type: "NAPTR" }] });
}

function framed(packet: Buffer): Buffer {
  const length = Buffer.alloc(2);
  length.writeUInt16BE(packet.length);
  return Buffer.concat([length, packet]);
}

async function assertStillAnswering(): Promise<ResponseView> {
  const response = await udpQuery(naptrQuery(4321));
  assert.ok(response, "the server still answers over UDP");
  const decoded = decodeResponse(response);
  assert.equal(decoded.id, 4321);
  assert.equal(decoded.rcode, "NOERROR");
  return decoded;
}

test("in-process: UDP and TCP on the same port, several pipelined queries per TCP connection", async () => {
  assert.equal(server.udpPort, server.tcpPort);
  assert.ok(server.udpPort > 0);
  const udp = await udpQuery(naptrQuery(1));
  assert.equal(decodeResponse(udp ?? Buffer.alloc(0)).answers.length, 2);

  const pipelined = Buffer.concat([
    framed(naptrQuery(10)),
    framed(naptrQuery(11, "9.9.9.e164.arpa")),
    framed(naptrQuery(12, BIG_NAME)),
  ]);
  const { responses } = await tcpExchange(pipelined, 3);
  assert.deepEqual(
    responses.map((r) => decodeResponse(r)).map((r) => [r.id, r.rcode, r.answers.length, r.flag_tc]),
    [
      [10, "NOERROR", 2, false],
      [11, "NXDOMAIN", 0, false],
      [12, "NOERROR", 16, false],
    ],
  );
});

test("in-process: a TCP query split across writes is reassembled", async () => {
  const whole = framed(naptrQuery(77));
  const response = await new Promise<Buffer>((resolve, reject) => {
    const socket = connect(server.tcpPort, "127.0.0.1", () => {
      socket.write(whole.subarray(0, 1));
      setTimeout(() => socket.write(whole.subarray(1, 20)), 20);
      setTimeout(() => socket.write(whole.subarray(20)), 40);
    });
    socket.on("error", reject);
    socket.once("data", (chunk) => {
      socket.destroy();
      resolve(chunk.subarray(2));
    });
  });
  assert.equal(decodeResponse(response).id, 77);
});

test("malformed and hostile packets get FORMERR or silence, and the server keeps answering", async () => {
  // Arbitrary bytes behind a readable query header: always some reply (mostly FORMERR), never a crash.
  for (let i = 0; i < 20; i++) {
    const junk = Buffer.from(Array.from({ length: 12 + i * 7 }, (_, j) => (j * 131 + i * 17 + 7) & 0xff));
    junk[2] &= 0x7f; // a query, so the server must answer
    const response = await udpQuery(junk, 500);
    assert.ok(response, `junk ${i} answered`);
    const header = response.readUInt16BE(2);
    assert.equal(response.readUInt16BE(0), junk.readUInt16BE(0), "FORMERR keeps the ID");
    assert.ok(header & 0x8000, "QR set");
  }
  assert.equal(await udpQuery(Buffer.from([1, 2, 3, 4, 5]), 300), undefined, "a truncated header is dropped");

  const response = Buffer.from(naptrQuery(5));
  response.writeUInt16BE(response.readUInt16BE(2) | 0x8000, 2);
  assert.equal(await udpQuery(response, 300), undefined, "a response packet is dropped");

  const truncatedBody = naptrQuery(6).subarray(0, 18);
  const formerr = await udpQuery(truncatedBody);
  assert.equal(decodeResponse(formerr ?? Buffer.alloc(0)).rcode, "FORMERR");

  const huge = Buffer.from([0xff, 0xff, 0, 1, 2, 3]);
  const hugeResult = await tcpExchange(huge, 1);
  assert.equal(hugeResult.closed, true, "a huge TCP length prefix closes the connection");
  assert.deepEqual(hugeResult.responses, []);

  const zero = await tcpExchange(Buffer.from([0, 0]), 1);
  assert.equal(zero.closed, true, "a zero TCP length prefix closes the connection");

  await assertStillAnswering();
  const afterJunk = await ask(server.udpPort, NAME, "NAPTR", { tcp: true });
  assert.equal(afterJunk.rcode, "NOERROR", "and over TCP");
  assert.equal((await resolverAt(server.udpPort).resolveNaptr(NAME)).length, 2, "a stock resolver too");
});

test("answers are cached per head and onHead clears the cache", async () => {
  const name = "1.1.1.1.e164.arpa";
  source.set("1111", [sipRecord("before")]);
  const first = decodeResponse((await udpQuery(naptrQuery(100, name))) ?? Buffer.alloc(0));
  assert.match(JSON.stringify(first.answers[0]?.data), /sip:before@/);

  source.set("1111", [sipRecord("after")]);
  const cached = decodeResponse((await udpQuery(naptrQuery(101, name))) ?? Buffer.alloc(0));
  assert.equal(cached.id, 101, "the cached response carries the new query's ID");
  assert.match(JSON.stringify(cached.answers[0]?.data), /sip:before@/, "same head, same answer");

  source.height = 2;
  for (const listener of headListeners) listener(2);
  const fresh = decodeResponse((await udpQuery(naptrQuery(102, name))) ?? Buffer.alloc(0));
  assert.match(JSON.stringify(fresh.answers[0]?.data), /sip:after@/);

  const nx = decodeResponse((await udpQuery(naptrQuery(103, "5.4.3.2.1.e164.arpa"))) ?? Buffer.alloc(0));
  assert.equal(
    (nx.authorities[0]?.data as { serial: number } | undefined)?.serial,
    2,
    "SOA serial follows the head",
  );
});

test("a source failure is SERVFAIL and logged, without stopping the server", async () => {
  const failing = await startDnsServer({
    listen: "127.0.0.1:0",
    apexes: ["e164.arpa"],
    source: {
      records: () => {
        throw new Error("registry unavailable");
      },
      hasDescendant: () => false,
      serial: () => 1,
    },
    log: { info: () => {}, warn: (o) => warnings.push(o) },
    onHead: () => {},
  });
  try {
    const response = await new Promise<Buffer>((resolve) => {
      const socket = createSocket("udp4");
      socket.on("message", (message) => {
        socket.close();
        resolve(message);
      });
      socket.send(naptrQuery(9), failing.udpPort, "127.0.0.1");
    });
    assert.equal(decodeResponse(response).rcode, "SERVFAIL");
    assert.ok(warnings.some((w) => JSON.stringify(w).includes("registry unavailable")));
  } finally {
    await failing.stop();
  }
});

test("stop closes both sockets and a bad listen address is refused", async () => {
  const temporary = await startQuiet(source);
  await temporary.stop();
  await assert.rejects(
    () =>
      new Promise((resolve, reject) => {
        const socket = connect(temporary.tcpPort, "127.0.0.1", () => resolve(socket.destroy()));
        socket.on("error", reject);
      }),
    /ECONNREFUSED/,
  );
  await assert.rejects(
    startQuiet(source, "localhost:53"),
    (e: unknown) => (e as { code?: string }).code === "DNS_LISTEN_INVALID",
  );
});

test("a burst of UDP queries from several clients: every query gets its own answer", async () => {
  const clients = 4;
  const perClient = 60;
  const names = [NAME, "9.9.9.e164.arpa", BIG_NAME];
  const received = await Promise.all(
    Array.from({ length: clients }, (_, c) => {
      const socket = createSocket("udp4");
      const answers = new Map<number, string>();
      return new Promise<Map<number, string>>((resolve) => {
        const timer = setTimeout(() => {
          socket.close();
          resolve(answers);
        }, 3000);
        socket.on("message", (message) => {
          const decoded = decodeResponse(message);
          answers.set(decoded.id, `${decoded.rcode}/${decoded.answers.length}`);
          if (answers.size === perClient) {
            clearTimeout(timer);
            socket.close();
            resolve(answers);
          }
        });
        // All at once: the server reads several per event-loop turn and answers them together.
        for (let i = 0; i < perClient; i++)
          socket.send(naptrQuery(c * 1000 + i, names[i % names.length]), server.udpPort, "127.0.0.1");
      });
    }),
  );
  const expected = ["NOERROR/2", "NXDOMAIN/0", "NOERROR/1"]; // BIG_NAME: truncated over UDP, so no answers
  received.forEach((answers, c) => {
    assert.equal(answers.size, perClient, `client ${c} got an answer to each of its queries`);
    for (let i = 0; i < perClient; i++) {
      const got = answers.get(c * 1000 + i);
      assert.ok(got !== undefined, `client ${c} query ${i} answered`);
      if (names[i % names.length] !== BIG_NAME) assert.equal(got, expected[i % names.length]);
    }
  });
  await assertStillAnswering();
});

test("a server stopped while answers are queued drops them without throwing", async () => {
  let stopped: Promise<void> | undefined;
  let temporary: DnsServer | undefined;
  // The first lookup stops the server: its answer is queued for a socket that is closing.
  const stopping = new InMemoryZoneSource().set("15551234567", [sipRecord("alice")]);
  const records = stopping.records.bind(stopping);
  stopping.records = (digits: string) => {
    stopped ??= temporary?.stop();
    return records(digits);
  };
  temporary = await startQuiet(stopping);
  const socket = createSocket("udp4");
  let answered = 0;
  socket.on("message", () => answered++);
  for (let i = 0; i < 5; i++) socket.send(naptrQuery(i), temporary.udpPort, "127.0.0.1");
  for (let i = 0; i < 50 && stopped === undefined; i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(stopped, "a query reached the server and stopped it");
  await stopped;
  await new Promise((r) => setTimeout(r, 50)); // a flush would have run (and thrown) by now
  socket.close();
  assert.equal(answered, 0, "answers queued before the socket closed were dropped");
});

test("the UDP socket's address lookup answers IP literals at once and refuses names", () => {
  const calls: unknown[][] = [];
  const collect = (...args: unknown[]) => calls.push(args);
  literalLookup("127.0.0.1", 4, collect);
  literalLookup("::1", 6, collect);
  literalLookup("localhost", 4, collect);
  assert.deepEqual(calls.slice(0, 2), [
    [null, "127.0.0.1", 4],
    [null, "::1", 6],
  ]);
  const [error] = calls[2] as [NodeJS.ErrnoException];
  assert.equal(error.code, "EINVAL");
  assert.match(error.message, /not an IP address: localhost/);
});

test("stopping the server stops its source's background work", async () => {
  let stops = 0;
  const own = new InMemoryZoneSource().set("15551234567", [sipRecord("alice")]);
  const temporary = await startQuiet(Object.assign(own, { stop: () => stops++ }));
  assert.equal(stops, 0);
  await temporary.stop();
  await temporary.stop();
  assert.equal(stops, 1, "once, however often the server is stopped");
});
