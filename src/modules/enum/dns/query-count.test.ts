/**
 * The DNS server reports each query once, with the response's RCODE and transport (or
 * "dropped"): what the ENUM module counts as telchain_enum_dns_queries_total. Queries go
 * over real sockets, UDP and TCP, cache hits included.
 */
import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { connect } from "node:net";
import { after, before, test } from "node:test";
import dnsPacket from "dns-packet";
import { InMemoryZoneSource, sipRecord } from "./fixtures.test.js";
import { type DnsServer, startDnsServer } from "./server.js";

const NAME = "7.6.5.4.3.2.1.5.5.5.1.e164.arpa";
const counted: string[] = [];
let server: DnsServer;

before(async () => {
  server = await startDnsServer({
    listen: "127.0.0.1:0",
    apexes: ["e164.arpa"],
    source: new InMemoryZoneSource().set("15551234567", [sipRecord("alice")]),
    log: { info: () => {}, warn: () => {} },
    onHead: () => {},
    onQuery: (rcode, transport) => counted.push(`${rcode}/${transport}`),
  });
});
after(() => server.stop());

/** The RCODE name in a response's header (the typings of dns-packet leave it out). */
const rcodeOf = (response: Buffer) =>
  ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"][response.readUInt16BE(2) & 0xf];

const query = (name: string, id = 1) =>
  dnsPacket.encode({ type: "query", id, questions: [{ type: "NAPTR", name }] });

/** Sends one UDP message; resolves with the answer's RCODE name, or "none" after 300 ms. */
function udp(message: Buffer): Promise<string> {
  const socket = createSocket("udp4");
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.close();
      resolve("none");
    }, 300);
    socket.on("message", (m) => {
      clearTimeout(timer);
      socket.close();
      resolve(rcodeOf(m));
    });
    socket.send(message, server.udpPort, "127.0.0.1");
  });
}

function tcp(message: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.tcpPort, "127.0.0.1");
    const length = Buffer.alloc(2);
    length.writeUInt16BE(message.length);
    socket.on("error", reject);
    socket.once("data", (chunk: Buffer) => {
      socket.destroy();
      resolve(rcodeOf(chunk.subarray(2)));
    });
    socket.write(Buffer.concat([length, message]));
  });
}

test("each query is reported once, by the response's RCODE and transport; unanswered ones as dropped", async () => {
  assert.equal(await udp(query(NAME)), "NOERROR");
  assert.equal(await udp(query(NAME, 2)), "NOERROR", "the same question again: a cache hit");
  assert.equal(await udp(query("9.9.9.e164.arpa")), "NXDOMAIN");
  assert.equal(await udp(query("example.com")), "REFUSED");
  assert.equal(await udp(Buffer.from([1, 2, 3])), "none", "shorter than a header: no answer");
  assert.equal(await tcp(query(NAME, 3)), "NOERROR");
  assert.deepEqual(counted, [
    "NOERROR/udp",
    "NOERROR/udp",
    "NXDOMAIN/udp",
    "REFUSED/udp",
    "dropped/udp",
    "NOERROR/tcp",
  ]);
});
