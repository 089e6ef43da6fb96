import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { encodeAddress } from "../../../crypto/address.js";
import { devAccount } from "../../../crypto/mnemonic.js";
import { CLOCK_SKEW_SECONDS, verifyAttestationSignature } from "../attestation.js";
import { devVerifier } from "../dev-verifier.js";
import { CommandDeliveryChannel, ConsoleDeliveryChannel, type DeliveryChannel } from "./delivery.js";
import { createVerifierService, type VerifierServiceOptions } from "./service.js";
import { attestationFromWire } from "./wire.js";

const CHAIN = "telchain-test";
const OWNER = devAccount(1);
const NUMBER = "+15551234567";

/** A channel that keeps what it sent, as a phone would. */
class Inbox implements DeliveryChannel {
  readonly name = "test inbox";
  sent: { number: string; code: string }[] = [];
  async deliver(number: string, code: string): Promise<void> {
    this.sent.push({ number, code });
  }
  last(): string {
    const m = this.sent.at(-1);
    assert.ok(m, "a code was delivered");
    return m.code;
  }
}

async function service(extra: Partial<VerifierServiceOptions> = {}) {
  let clock = 1_800_000_000_000;
  const inbox = new Inbox();
  const app = await createVerifierService({
    seed32: devVerifier().seed32,
    chainId: CHAIN,
    channel: inbox,
    now: () => clock,
    ...extra,
  });
  const post = async (url: string, body: unknown) => {
    const r = await app.inject({ method: "POST", url, payload: body as object });
    return { status: r.statusCode, body: r.json() as Record<string, unknown> & { error?: { code: string } } };
  };
  return {
    app,
    inbox,
    post,
    advance: (ms: number) => {
      clock += ms;
    },
    nowSeconds: () => Math.floor(clock / 1000),
    challenge: (number = NUMBER, owner = OWNER.address) => post("/v1/challenges", { number, owner }),
    answer: (id: unknown, code: string) => post(`/v1/challenges/${id}/answer`, { code }),
  };
}

function wrong(code: string): string {
  return code === "000000" ? "000001" : "000000";
}

test("challenge, wrong codes bounded, then the right code gives an attestation the chain accepts", async () => {
  const s = await service();
  try {
    const c = await s.challenge();
    assert.equal(c.status, 200);
    assert.match(String(c.body.challengeId), /^[0-9a-f]{32}$/);
    assert.equal(c.body.expiresAt, s.nowSeconds() + 600);
    assert.equal(c.body.channel, "test inbox");
    assert.equal(s.inbox.sent[0].number, NUMBER);
    const code = s.inbox.last();
    assert.match(code, /^[0-9]{6}$/);

    const w1 = await s.answer(c.body.challengeId, wrong(code));
    assert.equal(w1.status, 403);
    assert.equal(w1.body.error?.code, "VERIFIER_WRONG_CODE");
    assert.match(JSON.stringify(w1.body), /2 attempts left/);
    await s.answer(c.body.challengeId, wrong(code));
    const w3 = await s.answer(c.body.challengeId, wrong(code));
    assert.equal(w3.body.error?.code, "VERIFIER_TOO_MANY_ATTEMPTS");
    // The challenge is gone: even the right code no longer works.
    const late = await s.answer(c.body.challengeId, code);
    assert.equal(late.status, 404);
    assert.equal(late.body.error?.code, "VERIFIER_CHALLENGE_UNKNOWN");

    // A new code for the same number only after the resend cooldown.
    const tooSoon = await s.challenge();
    assert.equal(tooSoon.status, 429);
    assert.equal(tooSoon.body.error?.code, "RATE_LIMITED");
    s.advance(30_000);
    const c2 = await s.challenge();
    assert.equal(c2.status, 200);
    const ok = await s.answer(c2.body.challengeId, s.inbox.last());
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.verifier, devVerifier().address);
    const a = attestationFromWire(ok.body.attestation);
    assert.equal(verifyAttestationSignature(CHAIN, a), true);
    assert.equal(verifyAttestationSignature("telchain-dev", a), false, "bound to its chain");
    assert.deepEqual(a.owner, OWNER.publicKey);
    assert.deepEqual(a.verifier, devVerifier().publicKey);
    assert.equal(a.number, NUMBER);
    assert.equal(a.validFrom, s.nowSeconds() - CLOCK_SKEW_SECONDS);
    assert.equal(a.validUntil, s.nowSeconds() + 90 * 86_400);

    // Single use: answering again is refused.
    assert.equal((await s.answer(c2.body.challengeId, s.inbox.last())).status, 404);
  } finally {
    await s.app.close();
  }
});

test("an expired challenge is refused; a fresh attestation has a fresh nonce", async () => {
  const s = await service({ validitySeconds: 3600 });
  try {
    const c = await s.challenge();
    s.advance(10 * 60_000 + 1);
    const r = await s.answer(c.body.challengeId, s.inbox.last());
    assert.equal(r.status, 410);
    assert.equal(r.body.error?.code, "VERIFIER_CHALLENGE_EXPIRED");

    const nonces = new Set<string>();
    for (const number of ["+15551230001", "+15551230002"]) {
      const ci = await s.challenge(number);
      const ok = await s.answer(ci.body.challengeId, s.inbox.last());
      const a = ok.body.attestation as { nonce: string; validUntil: number };
      assert.equal(a.validUntil, s.nowSeconds() + 3600);
      nonces.add(a.nonce);
    }
    assert.equal(nonces.size, 2);
  } finally {
    await s.app.close();
  }
});

test("bad numbers, owners and bodies are refused before any code is sent", async () => {
  const s = await service();
  try {
    for (const number of ["+1555", "15551234567", "+999123", "+1 555 123 4567"]) {
      const r = await s.challenge(number);
      assert.equal(r.status, 400, number);
      assert.equal(r.body.error?.code, "ENUM_BAD_NUMBER", number);
    }
    const badOwner = await s.challenge(NUMBER, "tel1nope");
    assert.equal(badOwner.status, 400);
    assert.equal(badOwner.body.error?.code, "ADDRESS_INVALID");
    const extra = await s.post("/v1/challenges", { number: NUMBER, owner: OWNER.address, x: 1 });
    assert.equal(extra.body.error?.code, "BAD_REQUEST");
    const c = await s.challenge("+15551230009");
    const badCode = await s.answer(c.body.challengeId, "12345");
    assert.equal(badCode.body.error?.code, "BAD_REQUEST");
    assert.equal(s.inbox.sent.length, 1, "only the valid request sent a code");
  } finally {
    await s.app.close();
  }
});

test("pending challenges are bounded; expired ones make room; requests are rate limited per IP", async () => {
  const s = await service({ limits: { maxPending: 2 }, requestsPerMinute: 8 });
  try {
    assert.equal((await s.challenge("+15551230001")).status, 200);
    assert.equal((await s.challenge("+15551230002")).status, 200);
    const busy = await s.challenge("+15551230003");
    assert.equal(busy.status, 503);
    assert.equal(busy.body.error?.code, "VERIFIER_BUSY");
    s.advance(11 * 60_000);
    assert.equal((await s.challenge("+15551230003")).status, 200, "expired challenges were swept");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await s.challenge(`+1555123001${i}`)).status);
    assert.ok(statuses.includes(429), `rate limited after 8 requests: ${statuses}`);
    const limited = await s.challenge("+15551230020");
    assert.equal(limited.body.error?.code, "RATE_LIMITED");
  } finally {
    await s.app.close();
  }
});

test("a delivery failure is VERIFIER_DELIVERY_FAILED and leaves no challenge behind", async () => {
  let down = true;
  const flaky: DeliveryChannel = {
    name: "flaky",
    deliver: async () => {
      if (down) throw new Error("gateway down");
    },
  };
  const s = await service({ channel: flaky, limits: { maxPending: 1 } });
  try {
    const r = await s.challenge();
    assert.equal(r.status, 502);
    assert.equal(r.body.error?.code, "VERIFIER_DELIVERY_FAILED");
    assert.match(JSON.stringify(r.body), /gateway down/);
    // Neither the pending slot nor the resend cooldown is taken by the failed attempt.
    down = false;
    assert.equal((await s.challenge()).status, 200);
  } finally {
    await s.app.close();
  }
});

test("the console channel prints the code; the command channel passes it on stdin", async () => {
  const lines: string[] = [];
  await new ConsoleDeliveryChannel({ write: (s: string) => lines.push(s) }).deliver(NUMBER, "123456");
  assert.deepEqual(lines, ["code for +15551234567: 123456\n"]);

  const dir = mkdtempSync(join(tmpdir(), "telchain-verifier-"));
  try {
    const script = join(dir, "send.sh");
    const out = join(dir, "sent.txt");
    writeFileSync(script, `#!/bin/sh\nread code\necho "$1 $code" > ${out}\n`);
    chmodSync(script, 0o755);
    await new CommandDeliveryChannel(script).deliver(NUMBER, "654321");
    assert.equal(readFileSync(out, "utf8"), "+15551234567 654321\n");

    const failing = join(dir, "fail.sh");
    writeFileSync(failing, "#!/bin/sh\necho 'no credit' >&2\nexit 3\n");
    chmodSync(failing, 0o755);
    await assert.rejects(
      new CommandDeliveryChannel(failing).deliver(NUMBER, "1"),
      (e: Error & { code: string }) => {
        assert.equal(e.code, "VERIFIER_DELIVERY_FAILED");
        assert.match(e.message, /exited with 3: no credit/);
        return true;
      },
    );
    await assert.rejects(
      new CommandDeliveryChannel(join(dir, "missing")).deliver(NUMBER, "1"),
      (e: Error & { code: string }) => e.code === "VERIFIER_DELIVERY_FAILED",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("GET /v1/info names the verifier key and chain", async () => {
  const s = await service();
  try {
    const r = await s.app.inject({ method: "GET", url: "/v1/info" });
    assert.deepEqual(r.json(), {
      verifier: encodeAddress(devVerifier().publicKey),
      chainId: CHAIN,
      validitySeconds: 90 * 86_400,
      channel: "test inbox",
    });
  } finally {
    await s.app.close();
  }
});
