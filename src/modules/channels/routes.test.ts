/** The channels routes over a real chain's head (the API server's error shape, no network). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { concatBytes, toHex, u64be } from "../../bytes.js";
import { txHash } from "../../codec/hashing.js";
import { encodeAddress } from "../../crypto/address.js";
import { sha256 } from "../../crypto/hash.js";
import { devAccount } from "../../crypto/mnemonic.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import { assertListRefusals, assertRouteRefusals, routesUnderTest } from "../../testing/routes-app.js";
import { cc, fresh, PAYEE, PAYER, PAYER2, voucher } from "./fixtures.test.js";
import { channelsModule } from "./index.js";
import type { ChannelView } from "./views.js";
import { signVoucher, voucherDigest, voucherSignedBy } from "./voucher.js";

const t = closeAfterwards(fresh());
let openTx = "";
let expiry = 0;
let openedAt = 0;
const app = routesUnderTest(channelsModule, t, async () => {
  expiry = t.height + 100;
  const first = t.call(PAYER, cc.open(PAYEE, 1_000n, expiry));
  openTx = toHex(txHash(first));
  await t.mine(first, t.call(PAYER, cc.open(PAYEE, 10n, expiry)), t.call(PAYER2, cc.open(PAYER, 5n, expiry)));
  openedAt = t.height;
  await t.mine(t.call(PAYER, cc.startClose(2, 3n)), t.call(PAYEE, cc.close(voucher(PAYER, 2, 4n))));
});

type Page<T> = { items: T[]; next: string | null };
const get = <T>(url: string) =>
  app.get(url) as Promise<{ status: number; body: T & { error?: { code: string } } }>;
const post = async (url: string, payload: unknown) => {
  const r = await app.inject({ method: "POST", url, payload: payload as object });
  return { status: r.statusCode, body: r.json() };
};

test("a channel, as stored, and the one an open created", async () => {
  const c = await get<ChannelView>("/v1/channels/1");
  assert.equal(c.status, 200);
  assert.deepEqual(c.body, {
    id: 1,
    payer: encodeAddress(PAYER.pub),
    payee: encodeAddress(PAYEE.pub),
    deposit: "1000",
    expiry,
    openedAt,
    status: "open",
    stated: null,
    settlesAt: null,
    paid: null,
    closedAt: null,
    how: null,
    at: t.height + 1,
    expired: false,
  });
  const two = await get<ChannelView>("/v1/channels/2");
  assert.deepEqual(
    [two.body.status, two.body.paid, two.body.how, two.body.closedAt],
    ["closed", "4", "close", t.height],
  );
  const created = await get<{ kind: string; id: number }>(`/v1/channels/created/${openTx}`);
  assert.deepEqual(created.body, { kind: "channel", id: 1 });
  await assertRouteRefusals(get, [
    ["/v1/channels/99", 404, "NOT_FOUND"],
    ["/v1/channels/0", 400, "CHANNELS_BAD_ID"],
    ["/v1/channels/x", 400, "CHANNELS_BAD_ID"],
  ]);
});

test("the channels of a payer and of a payee", async () => {
  const ids = async (q: string) =>
    (await get<Page<ChannelView>>(`/v1/channels?${q}`)).body.items.map((c) => c.id);
  assert.deepEqual(await ids(`payer=${encodeAddress(PAYER.pub)}`), [1, 2]);
  assert.deepEqual(await ids(`payee=${encodeAddress(PAYEE.pub)}`), [1, 2]);
  assert.deepEqual(await ids(`payee=${encodeAddress(PAYER.pub)}`), [3]);
  await assertListRefusals(get, [
    ["/v1/channels", "BAD_REQUEST"],
    ["/v1/channels?payer=tel1nope", "ADDRESS_INVALID"],
  ]);
});

test("check-voucher: valid, or why not; bad input is a 400", async () => {
  const url = "/v1/channels/1/check-voucher";
  const v = voucher(PAYER, 1, 250n);
  const ok = await post(url, { amount: "250", signature: toHex(v.signature) });
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body, {
    valid: true,
    channel: 1,
    amount: "250",
    deposit: "1000",
    payer: encodeAddress(PAYER.pub),
    authorisingKey: encodeAddress(PAYER.pub),
    status: "open",
    at: t.height + 1,
  });
  const reason = async (channel: number, amount: bigint, sig: Uint8Array) =>
    (
      await post(`/v1/channels/${channel}/check-voucher`, {
        amount: amount.toString(),
        signature: `0x${toHex(sig)}`,
      })
    ).body.reason;
  assert.equal(await reason(1, 251n, v.signature), "CHANNELS_BAD_SIGNATURE");
  assert.equal(
    await reason(1, 250n, voucher(PAYER, 1, 250n, "telchain-dev").signature),
    "CHANNELS_BAD_SIGNATURE",
  );
  assert.equal(await reason(1, 250n, voucher(PAYER, 2, 250n).signature), "CHANNELS_BAD_SIGNATURE");
  assert.equal(await reason(1, 250n, voucher(PAYEE, 1, 250n).signature), "CHANNELS_BAD_SIGNATURE");
  assert.equal(await reason(1, 1_001n, voucher(PAYER, 1, 1_001n).signature), "CHANNELS_ABOVE_DEPOSIT");
  assert.equal(await reason(2, 5n, voucher(PAYER, 2, 5n).signature), "CHANNELS_CLOSED");
  const sig = toHex(v.signature);
  for (const [u, body, status, code] of [
    ["/v1/channels/99/check-voucher", { amount: "1", signature: sig }, 404, "CHANNELS_NO_CHANNEL"],
    ["/v1/channels/0/check-voucher", { amount: "1", signature: sig }, 400, "CHANNELS_BAD_ID"],
    [url, { amount: "x", signature: sig }, 400, "CHANNELS_BAD_AMOUNT"],
    [url, { amount: "18446744073709551616", signature: sig }, 400, "CHANNELS_BAD_AMOUNT"],
    [url, { amount: "1", signature: "abcd" }, 400, "CHANNELS_BAD_SIGNATURE"],
    [url, { amount: "1" }, 400, "BAD_REQUEST"],
  ] as const) {
    const r = await post(u, body);
    assert.deepEqual([r.status, r.body.error?.code], [status, code], JSON.stringify(body));
  }
});

test("the worked example of docs/channels.md: digest and dev0's signature, byte for byte", () => {
  const dev0 = devAccount(0);
  const bytes = concatBytes(
    Uint8Array.of(27),
    new TextEncoder().encode("telchain/channel-voucher/v1"),
    Uint8Array.of(12),
    new TextEncoder().encode("telchain-dev"),
    u64be(1),
    u64be(250n),
  );
  const digest = "9102657842a00e0a7e0911ea1f1d3ef40c29ef79fc9dedfa9cd918d3b35101ae";
  assert.equal(toHex(sha256(bytes)), digest);
  assert.equal(toHex(voucherDigest("telchain-dev", 1, 250n)), digest);
  const v = signVoucher(dev0.seed32, "telchain-dev", 1, 250n);
  assert.equal(
    toHex(v.signature),
    "9b3ca21828f1b8dffdec823d42b87dd177a4b491f8d815985f8a11d5d92833d28271a0de428a0a452e7cfa9ee7774fd73436f5a206842fc78da11a6ff0263d06",
  );
  assert.ok(voucherSignedBy(dev0.publicKey, "telchain-dev", v));
});
