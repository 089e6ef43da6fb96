/**
 * The channels group (`--only channels`):
 *
 * channel-vouchers: vouchers signed and verified per second off chain on one thread (signVoucher
 * then voucherSignedBy, as a client and its proxy do), beside the Ed25519 verify limit measured
 * in the same run (all cores).
 *
 * proxy-throughput: a download from a local HTTP server through the paying client's SOCKS port
 * and the metering proxy (both in this process, real sockets, a voucher every 100 KB checked by
 * the payer's key), in MB/s, beside the same download over direct TCP to the server.
 */
import { connect } from "node:net";
import { devAccount } from "../../src/crypto/mnemonic.js";
import { ProxyClient } from "../../src/modules/channels/proxy/client.js";
import { DEFAULT_INCREMENT } from "../../src/modules/channels/proxy/metering.js";
import { MeteringProxy } from "../../src/modules/channels/proxy/server.js";
import {
  FakeChain,
  fileServer,
  socksFetch,
  TEST_CHAIN,
  testBytes,
} from "../../src/modules/channels/proxy/test-kit.js";
import { signVoucher, voucherSignedBy } from "../../src/modules/channels/voucher.js";
import { progress, secondsSince } from "../progress.js";
import { type Figure, figureAgainst, formatNumber, type Reference } from "../report.js";

/** Sign + verify pairs per second over about `ms`. */
function vouchersPerSecond(ms: number): number {
  const payer = devAccount(1);
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < 32; i++) {
      const v = signVoucher(payer.seed32, TEST_CHAIN, 1, BigInt(++n));
      if (!voucherSignedBy(payer.publicKey, TEST_CHAIN, v)) throw new Error("a voucher did not verify");
    }
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (n * 1000) / elapsed;
}

/** MB/s of a plain HTTP GET of `size` bytes over direct TCP. */
async function directMBps(port: number, size: number): Promise<number> {
  const start = performance.now();
  const bytes = await new Promise<number>((resolve, reject) => {
    let got = 0;
    const s = connect({ host: "127.0.0.1", port }, () =>
      s.write("GET /file HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
    );
    s.on("data", (d: Buffer) => {
      got += d.length;
    });
    s.on("error", reject);
    s.on("close", () => resolve(got));
  });
  if (bytes < size) throw new Error(`direct download: ${bytes} of ${size} bytes`);
  return size / 1e6 / ((performance.now() - start) / 1000);
}

async function proxiedMBps(size: number, repeats: number): Promise<{ direct: number; proxied: number }> {
  const files = await fileServer(testBytes(size));
  const chain = new FakeChain();
  const payer = devAccount(1);
  const provider = devAccount(2);
  const price = 100n;
  const proxy = new MeteringProxy({
    chain,
    payee: provider.address,
    price,
    increment: DEFAULT_INCREMENT,
    closeChannel: chain.closeChannel,
    allowLocal: true,
    tickMs: 60_000,
  });
  const at = await proxy.listen("127.0.0.1", 0);
  const deposit = 1n << 60n;
  const channel = chain.open(payer.address, provider.address, deposit);
  const client = new ProxyClient({
    provider: at,
    channel,
    chainId: TEST_CHAIN,
    seed32: payer.seed32,
    price,
    increment: DEFAULT_INCREMENT,
    deposit,
  });
  const local = await client.start("127.0.0.1", 0);
  let direct = 0;
  let proxied = 0;
  try {
    for (let i = 0; i < repeats; i++) {
      direct = Math.max(direct, await directMBps(files.port, size));
      const start = performance.now();
      const got = await socksFetch({
        port: local.port,
        host: "127.0.0.1",
        destPort: files.port,
        discard: true,
      });
      if (got.bytes !== size) throw new Error(`proxied download: ${got.bytes} of ${size} bytes`);
      proxied = Math.max(proxied, size / 1e6 / ((performance.now() - start) / 1000));
    }
  } finally {
    await client.stop();
    await proxy.stop(false);
    await files.close();
  }
  return { direct, proxied };
}

export async function channelsFigures(ref: Reference, opts: { quick: boolean }): Promise<Figure[]> {
  let start = performance.now();
  const rate = vouchersPerSecond(opts.quick ? 300 : 3_000);
  progress(
    `channel-vouchers: ${formatNumber(rate)} vouchers/s signed and verified (${secondsSince(start).toFixed(1)} s)`,
  );
  const vouchers = figureAgainst(
    "channel-vouchers",
    rate,
    "vouchers/s",
    ref,
    "one thread: signVoucher + voucherSignedBy (Ed25519 over the tagged digest) per voucher",
  );
  const size = opts.quick ? 5_000_000 : 50_000_000;
  const repeats = opts.quick ? 1 : 3;
  start = performance.now();
  const { direct, proxied } = await proxiedMBps(size, repeats);
  progress(
    `proxy-throughput: ${formatNumber(proxied)} MB/s metered, ${formatNumber(direct)} MB/s direct (${secondsSince(start).toFixed(1)} s)`,
  );
  const throughput = figureAgainst(
    "proxy-throughput",
    proxied,
    "MB/s",
    {
      name: "the same download over direct TCP",
      value: direct,
      unit: "MB/s",
      notes: `${size / 1e6} MB from a local HTTP server, best of ${repeats}`,
    },
    `${size / 1e6} MB through the client's SOCKS port and the metering proxy (one process, a 100 KB increment, vouchers checked by the payer's key), best of ${repeats}`,
  );
  return [vouchers, throughput];
}
