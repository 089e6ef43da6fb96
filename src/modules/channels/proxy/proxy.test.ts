/**
 * The metering proxy and its client in one process, Node only: a fake chain view, a local HTTP
 * file server and a SOCKS5 client written with node:net (test-kit.ts). Real sockets, real
 * vouchers (Ed25519 by the dev accounts' keys).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { devAccount } from "../../../crypto/mnemonic.js";
import { TelchainError } from "../../../errors.js";
import { signVoucher } from "../voucher.js";
import { ProxyClient, voucherApi } from "./client.js";
import { costOf } from "./metering.js";
import { MeteringProxy, type ProxyOptions } from "./server.js";
import { FakeChain, fileServer, socksFetch, TEST_CHAIN, testBytes } from "./test-kit.js";

const payer = devAccount(1);
const provider = devAccount(2);
const stranger = devAccount(3);
const PRICE = 100n;
const INCREMENT = 100_000n;
const DATA = testBytes(2_000_000);
let files: Awaited<ReturnType<typeof fileServer>>;

before(async () => {
  files = await fileServer(DATA);
});
after(() => files.close());

async function startProxy(extra: Partial<ProxyOptions> = {}) {
  const chain = new FakeChain();
  const logs: string[] = [];
  const proxy = new MeteringProxy({
    chain,
    payee: provider.address,
    price: PRICE,
    increment: INCREMENT,
    closeChannel: chain.closeChannel,
    allowLocal: true,
    tickMs: 50,
    graceMs: 400,
    log: (l) => logs.push(l),
    ...extra,
  });
  const at = await proxy.listen("127.0.0.1", 0);
  return { chain, proxy, logs, at, api: voucherApi(at) };
}

/** The client of `payer` on channel `id` (deposit 10,000) of the proxy at `at`. */
const payingClient = (at: { host: string; port: number }, id: number) =>
  new ProxyClient({
    provider: at,
    channel: id,
    chainId: TEST_CHAIN,
    seed32: payer.seed32,
    price: PRICE,
    increment: INCREMENT,
    deposit: 10_000n,
  });

const voucher = (channel: number, amount: bigint, seed = payer.seed32, chainId = TEST_CHAIN) =>
  signVoucher(seed, chainId, channel, amount);

async function refused(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof TelchainError, String(e));
    return e.code;
  }
  assert.fail("expected a refusal");
}

async function until(cond: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

test("SOCKS5 CONNECT through the proxy: a paid channel gets the file, every byte counted both ways", async () => {
  const { chain, proxy, at, api } = await startProxy();
  try {
    const id = chain.open(payer.address, provider.address, 10_000n);
    const v = voucher(id, 300n); // 3 MB at 100 per MB
    const usage = await api.voucher(id, v.amount, v.signature);
    assert.equal(usage.credit, "3000000");
    const got = await socksFetch({
      port: at.port,
      host: "127.0.0.1",
      destPort: files.port,
      auth: { username: String(id), password: "-" },
    });
    assert.equal(got.reply, 0);
    assert.equal(got.status, 200);
    assert.ok(got.body.equals(DATA), "the file arrives intact");
    const used = BigInt((await api.usage(id)).used);
    // The request (about 80 bytes) and the response (headers + 2,000,000 bytes of body).
    assert.ok(used > BigInt(DATA.length) && used < BigInt(DATA.length + 400), `used ${used}`);
  } finally {
    await proxy.stop(false);
  }
});

test("through the client: the download is metered, vouchers follow it within one increment, the idle channel is closed with the best", async () => {
  const { chain, proxy, at, logs } = await startProxy({ idleMs: 300 });
  const id = chain.open(payer.address, provider.address, 10_000n);
  const client = payingClient(at, id);
  try {
    const local = await client.start("127.0.0.1", 0);
    assert.equal(client.signed, 10n, "the first increment is paid before anything is carried");
    const got = await socksFetch({ port: local.port, host: "localhost", destPort: files.port });
    assert.equal(got.reply, 0);
    assert.ok(got.body.equals(DATA), "the file arrives intact");
    await client.pay();
    const [tab] = proxy.channels();
    assert.ok(
      client.signed <= costOf(client.carried + INCREMENT, PRICE),
      "never beyond carried + one increment",
    );
    assert.ok(tab.amount >= costOf(tab.used, PRICE), "every byte carried is paid for");
    assert.ok(tab.amount <= costOf(tab.used + INCREMENT, PRICE), "at most one increment ahead");
    await until(() => chain.closed.length === 1);
    assert.equal(chain.closed[0].channel, id);
    assert.equal(chain.closed[0].amount, client.signed, "closed with the best voucher");
    assert.ok(logs.some((l) => l.includes(`channel ${id}: closed, claimed ${client.signed}`)));
    // A closed channel gets no more traffic nor vouchers.
    const again = await socksFetch({ port: local.port, host: "127.0.0.1", destPort: files.port });
    assert.notEqual(again.reply, 0);
  } finally {
    await client.stop();
    await proxy.stop(false);
  }
});

test("a client that stops signing is cut off within one increment", async () => {
  const { chain, proxy, at, logs } = await startProxy();
  const id = chain.open(payer.address, provider.address, 10_000n);
  const client = payingClient(at, id);
  try {
    const local = await client.start("127.0.0.1", 0);
    client.stopSigning = true;
    const got = await socksFetch({ port: local.port, host: "127.0.0.1", destPort: files.port });
    assert.equal(got.reply, 0);
    assert.ok(got.cut, "the connection is cut before the file is complete");
    assert.ok(got.body.length < Number(INCREMENT), `${got.body.length} bytes arrived`);
    const [tab] = proxy.channels();
    assert.equal(tab.amount, 10n);
    assert.ok(tab.used <= INCREMENT, `the proxy carried ${tab.used} bytes for a voucher paying ${INCREMENT}`);
    assert.ok(logs.some((l) => l.includes(`channel ${id}: cut off`)));
  } finally {
    await client.stop();
    await proxy.stop(false);
  }
});

test("bad vouchers are refused, each with its code, and change nothing", async () => {
  const { chain, proxy, api } = await startProxy();
  try {
    const id = chain.open(payer.address, provider.address, 1_000n);
    const other = chain.open(payer.address, provider.address, 1_000n);
    const elsewhere = chain.open(payer.address, stranger.address, 1_000n);
    const expiring = chain.open(payer.address, provider.address, 1_000n, chain.now + 10);
    const closed = chain.open(payer.address, provider.address, 1_000n);
    const c = chain.channels.get(closed);
    if (c) c.status = "closed";
    const good = voucher(id, 50n);
    await api.voucher(id, good.amount, good.signature);
    const before = await api.usage(id);
    const post = (channel: number, v: { amount: bigint; signature: Uint8Array }) =>
      refused(api.voucher(channel, v.amount, v.signature));
    assert.equal(await post(99, voucher(99, 60n)), "CHANNELS_PROXY_NO_CHANNEL");
    assert.equal(await post(elsewhere, voucher(elsewhere, 60n)), "CHANNELS_PROXY_NOT_PAYEE");
    assert.equal(await post(id, voucher(id, 60n, stranger.seed32)), "CHANNELS_PROXY_BAD_VOUCHER");
    assert.equal(await post(id, voucher(other, 60n)), "CHANNELS_PROXY_BAD_VOUCHER"); // another channel's
    assert.equal(
      await post(id, voucher(id, 60n, payer.seed32, "telchain-dev")),
      "CHANNELS_PROXY_BAD_VOUCHER",
    );
    assert.equal(await post(id, voucher(id, 1_001n)), "CHANNELS_PROXY_ABOVE_DEPOSIT");
    assert.equal(await post(id, voucher(id, 49n)), "CHANNELS_PROXY_LOWER");
    assert.equal(await post(expiring, voucher(expiring, 60n)), "CHANNELS_PROXY_EXPIRING");
    assert.equal(await post(closed, voucher(closed, 60n)), "CHANNELS_PROXY_NOT_OPEN");
    const raw = async (path: string, body: string) => {
      const res = await fetch(`http://127.0.0.1:${(await proxyPort(proxy)).port}${path}`, {
        method: "POST",
        body,
      });
      return ((await res.json()) as { error: { code: string } }).error.code;
    };
    assert.equal(await raw(`/channels/${id}/voucher`, "{"), "CHANNELS_PROXY_BAD_REQUEST");
    assert.equal(
      await raw(`/channels/${id}/voucher`, '{"amount":60,"signature":"0x00"}'),
      "CHANNELS_PROXY_BAD_REQUEST",
    );
    assert.equal(
      await raw(`/channels/${id}/voucher`, '{"amount":"60","signature":"0x00"}'),
      "CHANNELS_PROXY_BAD_REQUEST",
    );
    assert.equal(await raw("/channels/0/voucher", "{}"), "CHANNELS_PROXY_BAD_REQUEST");
    assert.equal(await raw("/nowhere", "{}"), "NOT_FOUND");
    assert.equal(await refused(api.usage(other)), "CHANNELS_PROXY_NO_CHANNEL");
    assert.deepEqual(await api.usage(id), before, "nothing changed");
    assert.equal(proxy.channels().length, 1);
    // The same voucher again is answered as before (a retry), a higher one is taken.
    assert.deepEqual(await api.voucher(id, good.amount, good.signature), before);
    const higher = voucher(id, 70n);
    assert.equal((await api.voucher(id, higher.amount, higher.signature)).amount, "70");
  } finally {
    await proxy.stop(false);
  }
});

const proxyPort = async (p: MeteringProxy) => {
  const address = (p as unknown as { server: { address(): { port: number } } }).server.address();
  return { port: address.port };
};

test("SOCKS clients without a paid channel are refused; local destinations only with allowLocal", async () => {
  const { chain, proxy, at, api } = await startProxy({ allowLocal: false });
  try {
    const noAuth = await socksFetch({ port: at.port, host: "127.0.0.1", destPort: files.port });
    assert.equal(noAuth.reply, "method", "no username/password: no acceptable method (0xFF)");
    const id = chain.open(payer.address, provider.address, 1_000n);
    const unpaid = await socksFetch({
      port: at.port,
      host: "127.0.0.1",
      destPort: files.port,
      auth: { username: String(id), password: "-" },
    });
    assert.equal(unpaid.reply, "auth", "a channel without a voucher fails authentication");
    const v = voucher(id, 10n);
    await api.voucher(id, v.amount, v.signature);
    const local = await socksFetch({
      port: at.port,
      host: "127.0.0.1",
      destPort: files.port,
      auth: { username: String(id), password: "-" },
    });
    assert.equal(local.reply, 2, "connection not allowed by ruleset");
    assert.equal((await api.usage(id)).used, "0");
  } finally {
    await proxy.stop(false);
  }
});

test("channels are closed with the best voucher before expiry, on an early close, and when the proxy stops", async () => {
  const { chain, proxy, api } = await startProxy({ expiryMargin: 10 });
  const a = chain.open(payer.address, provider.address, 1_000n, chain.now + 30);
  const b = chain.open(payer.address, provider.address, 1_000n);
  const c = chain.open(payer.address, provider.address, 1_000n);
  for (const [id, amount] of [
    [a, 20n],
    [a, 40n],
    [b, 30n],
    [c, 10n],
  ] as const) {
    const v = voucher(id, amount);
    await api.voucher(id, v.amount, v.signature);
  }
  chain.now += 19; // 11 blocks before a's expiry: still open
  await proxy.tick();
  assert.equal(chain.closed.length, 0);
  chain.now += 1; // 10 blocks before: closed
  await proxy.tick();
  assert.deepEqual(
    chain.closed.map((v) => [v.channel, v.amount]),
    [[a, 40n]],
  );
  const bv = chain.channels.get(b);
  if (bv) bv.status = "closing"; // the payer started an early close
  await proxy.tick();
  assert.deepEqual(chain.closed.at(-1)?.amount, 30n);
  await proxy.stop();
  assert.deepEqual(
    chain.closed.map((v) => v.channel),
    [a, b, c],
  );
});
