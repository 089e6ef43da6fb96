/**
 * ENUM on a real node process, checked over DNS with Node's own resolver (c-ares) and raw
 * queries for the header flags and authority section — and, where it is installed, with the
 * real `dig` too (subtests skipped with a clear line without it): commit → reveal with a
 * verifier's attestation, NAPTR answers that follow the head, update, transfer, expiry
 * (the number disappears from DNS), and re-registration by someone else; a front-running
 * reveal is refused.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, type TestContext, test } from "node:test";
import { toHex } from "../../src/bytes.js";
import { targetToBits } from "../../src/chain/compact.js";
import { getAccount, getStatus, getTx, submitTx } from "../../src/client/actions/index.js";
import { ApiClient, ApiError } from "../../src/client/api-client.js";
import { Tx } from "../../src/codec/schema.js";
import { encodeAddress } from "../../src/crypto/address.js";
import { publicKeyFromSeed } from "../../src/crypto/ed25519.js";
import type { ModuleCall } from "../../src/module/kind.js";
import { commitHash, signAttestation } from "../../src/modules/enum/attestation.js";
import { sipRecord as sip } from "../../src/modules/enum/cli/records-args.js";
import { enumCalls } from "../../src/modules/enum/kinds/index.js";
import type { NaptrRecord } from "../../src/modules/enum/schemas.js";
import { signedTx, type TestKey, testGenesis, testKey } from "../../src/testing/chain-harness.js";
import { ask, dig, resolveError, resolverAt } from "../../src/testing/dns.js";
import { freePort, NodeProcess, writeGenesis } from "../../src/testing/node-process.js";
import { DIG, skipWithout } from "../../src/testing/tools.js";
import { waitUntil } from "../../src/testing/wait.js";

const NUMBER = "+15551234567";
const NAME = "7.6.5.4.3.2.1.5.5.5.1.e164.arpa";
const verifierSeed = new Uint8Array(32).fill(0x55);
const alice = testKey(0);
const bob = testKey(1);
const carol = testKey(2);
const dir = mkdtempSync(join(tmpdir(), "telchain-enum-"));
// A real proof-of-work target (about 100,000 hashes a block), so blocks come at a pace the
// test can follow instead of as fast as the easiest target allows.
const genesis = {
  ...testGenesis({ targetBlockTime: 1, halfLife: 20 }),
  bits: targetToBits((1n << 256n) / 100_000n),
};
genesis.modules = {
  enum: {
    verifiers: [{ address: encodeAddress(publicKeyFromSeed(verifierSeed)), name: "test verifier" }],
    params: {
      commitMinAge: 2,
      commitMaxAge: 100,
      registrationPeriod: 15,
      gracePeriod: 3,
      registrationFee: "1000",
      renewFee: "1000",
    },
  },
};
let node: NodeProcess;
let dnsPort: number;

before(async () => {
  dnsPort = await freePort();
  node = await NodeProcess.start([
    "--genesis",
    writeGenesis(dir, genesis),
    "--datadir",
    join(dir, "data"),
    "--mine",
    "--coinbase",
    encodeAddress(testKey(9).pub),
    "--dns",
    `127.0.0.1:${dnsPort}`,
  ]);
  assert.ok(await node.ready(), node.output);
  // The API answers before the module services (the DNS server) have started: wait for DNS too.
  const deadline = Date.now() + 15_000;
  while (
    (await resolveError(resolverAt(dnsPort).resolveSoa("e164.arpa")).catch(() => "OK")) === "ECONNREFUSED"
  ) {
    assert.ok(Date.now() < deadline, `the DNS server did not start:\n${node.output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

after(async () => {
  await node.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

/** The regexps of NAME's NAPTR records as a stock resolver sees them; [] when NXDOMAIN. */
async function naptrRegexps(): Promise<string[]> {
  try {
    return (await resolverAt(dnsPort).resolveNaptr(NAME)).map((r) => r.regexp);
  } catch (e) {
    if ((e as { code?: string }).code === "ENOTFOUND") return [];
    throw e;
  }
}

/** The same checks with the real `dig`, as a subtest: skipped with a clear line where dig is missing. */
function withDig(t: TestContext, what: string, check: () => Promise<void>): Promise<void> {
  return t.test(`dig: ${what}`, { skip: skipWithout(DIG, "checked above with Node's resolver") }, check);
}

async function height(): Promise<number> {
  return (await getStatus(new ApiClient(node.url))).height;
}

const waitFor = (what: string, cond: () => Promise<boolean> | boolean, timeoutMs = 90_000) =>
  waitUntil(what, cond, { timeoutMs });

/** Signs, submits and waits for inclusion; returns the inclusion height. Throws the node's error code on refusal. */
async function send(key: TestKey, { kind, payload }: ModuleCall): Promise<number> {
  const api = new ApiClient(node.url);
  const nonce = (await getAccount(api, { address: encodeAddress(key.pub) })).pendingNonce;
  const tx = signedTx(key, nonce, "enum", kind, payload, { fee: 10_000n });
  // A refusal rejects with the node's error code (an ApiError).
  const res = await submitTx(api, { tx: toHex(Tx.serialize(tx)) });
  let included = 0;
  await waitFor(`${kind} included`, async () => {
    const r = await getTx(api, { hash: res.hash }).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return undefined; // briefly unknown: keep waiting
      throw e;
    });
    included = r?.height ?? 0;
    return r?.status === "included";
  });
  return included;
}

/** The whole registration: commit, wait for maturity, reveal with a fresh attestation. */
async function register(key: TestKey, records: NaptrRecord[]): Promise<number> {
  const salt = new Uint8Array(randomBytes(32));
  const committed = await send(key, enumCalls.commit({ hash: commitHash(NUMBER, key.pub, salt) }));
  await waitFor("commit maturity", async () => (await height()) >= committed + 2);
  const now = Math.floor(Date.now() / 1000);
  const attestation = signAttestation(verifierSeed, genesis.chainId, {
    number: NUMBER,
    owner: key.pub,
    validFrom: now - 3600,
    validUntil: now + 3600,
    nonce: new Uint8Array(randomBytes(32)),
  });
  return send(
    key,
    enumCalls.register({
      number: NUMBER,
      salt,
      records: records,
      attestation,
    }),
  );
}

test("register, answer over DNS, update, transfer, expire and re-register a number", async (t) => {
  assert.equal(await resolveError(resolverAt(dnsPort).resolveNaptr(NAME)), "ENOTFOUND");
  await withDig(t, "NXDOMAIN before registration", async () => {
    assert.equal((await dig(dnsPort, "NAPTR", NAME)).status, "NXDOMAIN");
  });

  await register(alice, [sip("sip:alice@example.com")]);
  const view = (
    await node.get<{ owner: string; records: NaptrRecord[] }>(`/v1/enum/${encodeURIComponent(NUMBER)}`)
  ).body;
  assert.equal(view.owner, encodeAddress(alice.pub));
  assert.equal(view.records[0].regexp, "!^.*$!sip:alice@example.com!");

  // NAPTR over DNS, authoritative, with the SIP URI.
  assert.deepEqual(await resolverAt(dnsPort).resolveNaptr(NAME), [
    {
      order: 100,
      preference: 10,
      flags: "U",
      service: "E2U+sip",
      regexp: "!^.*$!sip:alice@example.com!",
      replacement: "",
    },
  ]);
  const answer = await ask(dnsPort, NAME, "NAPTR");
  assert.equal(answer.rcode, "NOERROR");
  assert.equal(answer.flag_aa, true);
  assert.equal(answer.answers.length, 1);
  // Other types at the number: NODATA with the SOA; unknown numbers: NXDOMAIN with the SOA.
  const unknownName = "8.6.5.4.3.2.1.5.5.5.1.e164.arpa";
  assert.equal(await resolveError(resolverAt(dnsPort).resolve4(NAME)), "ENODATA");
  const nodata = await ask(dnsPort, NAME, "A");
  assert.equal(nodata.rcode, "NOERROR");
  assert.equal(nodata.answers.length, 0);
  assert.equal(nodata.authorities[0]?.type, "SOA");
  assert.equal(await resolveError(resolverAt(dnsPort).resolveNaptr(unknownName)), "ENOTFOUND");
  const unknown = await ask(dnsPort, unknownName, "NAPTR");
  assert.equal(unknown.rcode, "NXDOMAIN");
  assert.equal(unknown.authorities[0]?.type, "SOA");

  await withDig(
    t,
    "the registered number's NAPTR, NODATA for A, NXDOMAIN for an unknown number",
    async () => {
      const digAnswer = await dig(dnsPort, "NAPTR", NAME);
      assert.equal(digAnswer.status, "NOERROR");
      assert.ok(digAnswer.flags.includes("aa"), digAnswer.output);
      assert.equal(digAnswer.answers.length, 1);
      assert.match(
        digAnswer.answers[0].join(" "),
        /NAPTR 100 10 "U" "E2U\+sip" "!\^\.\*\$!sip:alice@example\.com!" \./,
      );
      const digNodata = await dig(dnsPort, "A", NAME);
      assert.equal(digNodata.status, "NOERROR");
      assert.equal(digNodata.answers.length, 0);
      assert.equal(digNodata.authority[0]?.[3], "SOA");
      const digUnknown = await dig(dnsPort, "NAPTR", unknownName);
      assert.equal(digUnknown.status, "NXDOMAIN");
      assert.equal(digUnknown.authority[0]?.[3], "SOA");
    },
  );

  // A front-runner cannot reveal the number without its own mature commit.
  const now = Math.floor(Date.now() / 1000);
  await assert.rejects(
    send(
      bob,
      enumCalls.register({
        number: NUMBER,
        salt: new Uint8Array(32),
        records: [sip("sip:mallory@example.com")],
        attestation: signAttestation(verifierSeed, genesis.chainId, {
          number: NUMBER,
          owner: bob.pub,
          validFrom: now - 60,
          validUntil: now + 3600,
          nonce: new Uint8Array(randomBytes(32)),
        }),
      }),
    ),
    (e: { code: string }) => /^ENUM_(NO_COMMIT|TAKEN)$/.test(e.code),
  );

  // Update: the DNS answer follows within a block.
  await send(
    alice,
    enumCalls.set({
      number: NUMBER,
      records: [sip("sip:alice@pbx.example.net")],
    }),
  );
  await waitFor(
    "DNS shows the new record",
    async () => (await naptrRegexps()).join().includes("pbx.example.net"),
    10_000,
  );
  await withDig(t, "the updated record", async () => {
    assert.match((await dig(dnsPort, "NAPTR", NAME)).answers.join(), /pbx\.example\.net/);
  });

  // Transfer to bob.
  await send(alice, enumCalls.transfer({ number: NUMBER, to: bob.pub }));
  const afterTransfer = (await node.get<{ owner: string; expiresAt: number }>(`/v1/enum/${NUMBER.slice(1)}`))
    .body;
  assert.equal(afterTransfer.owner, encodeAddress(bob.pub));

  // Expiry: past expiresAt the number is no longer served; past the grace period it is free.
  await waitFor("expiry", async () => (await height()) > afterTransfer.expiresAt);
  await waitFor(
    "DNS stops serving the expired number",
    async () => (await ask(dnsPort, NAME, "NAPTR")).rcode === "NXDOMAIN",
    10_000,
  );
  assert.deepEqual(await naptrRegexps(), [], "a stock resolver gets NXDOMAIN too");
  await withDig(t, "NXDOMAIN for the expired number", async () => {
    assert.equal((await dig(dnsPort, "NAPTR", NAME)).status, "NXDOMAIN");
  });
  await waitFor("grace period over", async () => (await height()) > afterTransfer.expiresAt + 3);

  // Re-registration by carol.
  await register(carol, [sip("sip:carol@example.org")]);
  const again = (await node.get<{ owner: string }>(`/v1/enum/${encodeURIComponent(NUMBER)}`)).body;
  assert.equal(again.owner, encodeAddress(carol.pub));
  await waitFor(
    "DNS serves carol's record",
    async () => (await naptrRegexps()).join().includes("carol@example.org"),
    10_000,
  );
  await withDig(t, "carol's record", async () => {
    assert.match((await dig(dnsPort, "NAPTR", NAME)).answers.join(), /carol@example\.org/);
  });
});
