/**
 * Test and bench helpers of the metering proxy: a fake chain view (channels, heights, the
 * voucher check by the payer's key), a local HTTP file server, and a SOCKS5 client written
 * with node:net alone (so the proxy is tested without curl).
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { decodeAddress } from "../../../crypto/address.js";
import type { Voucher } from "../schemas.js";
import { voucherSignedBy } from "../voucher.js";
import type { ChainView, ChannelView } from "./server.js";

export const TEST_CHAIN = "telchain-test";

export class FakeChain implements ChainView {
  readonly chainId = TEST_CHAIN;
  now = 100;
  readonly channels = new Map<number, ChannelView>();
  readonly closed: Voucher[] = [];

  open(payer: string, payee: string, deposit: bigint, expiry = 10_000): number {
    const id = this.channels.size + 1;
    this.channels.set(id, { payer, payee, deposit, expiry, status: "open" });
    return id;
  }

  async height() {
    return this.now;
  }

  async channel(id: number) {
    const c = this.channels.get(id);
    return c && { ...c };
  }

  async checkVoucher(v: Voucher) {
    const c = this.channels.get(v.channel);
    if (!c) return { valid: false, reason: "no such channel" };
    if (!voucherSignedBy(decodeAddress(c.payer), this.chainId, v))
      return { valid: false, reason: "bad signature" };
    return { valid: v.amount <= c.deposit };
  }

  /** The proxy's closeChannel: records the voucher and closes the channel. */
  readonly closeChannel = async (v: Voucher) => {
    this.closed.push(v);
    const c = this.channels.get(v.channel);
    if (c) c.status = "closed";
  };
}

/** Deterministic bytes (a counter hashed), `size` long. */
export function testBytes(size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0, block = 0; i < size; i += 32, block++)
    createHash("sha256").update(`block ${block}`).digest().copy(out, i);
  return out;
}

/** An HTTP server on 127.0.0.1 answering GET /file with `data`. */
export async function fileServer(data: Buffer) {
  const server = createServer((req, res) => {
    if (req.url !== "/file") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": data.length });
    res.end(data);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface SocksFetch {
  /** The SOCKS reply code, or the failure of the method/auth step ("method", "auth"). */
  reply: number | "method" | "auth";
  status?: number;
  body: Buffer;
  /** True when the connection closed before the whole body came. */
  cut: boolean;
}

/**
 * GET http://host:destPort/path through a SOCKS5 proxy at 127.0.0.1:port, as raw bytes on a
 * node:net socket: greeting (no auth, or username/password), CONNECT with a domain name or an
 * IPv4 address, then an HTTP/1.1 request with Connection: close.
 */
export function socksFetch(o: {
  port: number;
  host: string;
  destPort: number;
  path?: string;
  auth?: { username: string; password: string };
  /** Count the body's bytes without keeping them (benchmarks); `body` is then empty. */
  discard?: boolean;
}): Promise<SocksFetch & { bytes: number }> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port: o.port });
    let buf = Buffer.alloc(0);
    let step: "method" | "auth" | "connect" | "body" = "method";
    let reply: SocksFetch["reply"] = "method";
    const chunks: Buffer[] = [];
    let bytes = 0;
    const finish = () => {
      const all = Buffer.concat(chunks);
      const at = all.indexOf("\r\n\r\n");
      const head = at < 0 ? "" : all.subarray(0, at).toString("latin1");
      const body = at < 0 || o.discard ? Buffer.alloc(0) : all.subarray(at + 4);
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? Number.NaN);
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? -1);
      const got = o.discard ? bytes - at - 4 : body.length;
      resolve({ reply, status: step === "body" ? status : undefined, body, cut: got !== length, bytes: got });
    };
    s.on("error", () => undefined);
    s.on("close", finish);
    const sendRequest = () => {
      const name = Buffer.from(o.host, "latin1");
      const port = Buffer.alloc(2);
      port.writeUInt16BE(o.destPort);
      const ipv4 = /^\d+\.\d+\.\d+\.\d+$/.test(o.host);
      const addr = ipv4
        ? Buffer.of(1, ...o.host.split(".").map(Number))
        : Buffer.concat([Buffer.of(3, name.length), name]);
      s.write(Buffer.concat([Buffer.of(5, 1, 0), addr, port]));
      step = "connect";
    };
    s.on("data", (chunk: Buffer) => {
      if (step === "body") {
        bytes += chunk.length;
        if (!o.discard || chunks.length === 0 || chunks[0].indexOf("\r\n\r\n") < 0) chunks.push(chunk);
        return;
      }
      buf = Buffer.concat([buf, chunk]);
      if (step === "method" && buf.length >= 2) {
        const method = buf[1];
        buf = buf.subarray(2);
        if (method === 0xff) return s.destroy();
        if (method === 2 && o.auth) {
          const u = Buffer.from(o.auth.username);
          const p = Buffer.from(o.auth.password);
          s.write(Buffer.concat([Buffer.of(1, u.length), u, Buffer.of(p.length), p]));
          step = "auth";
          reply = "auth";
        } else sendRequest();
      }
      if (step === "auth" && buf.length >= 2) {
        const ok = buf[1] === 0;
        buf = buf.subarray(2);
        if (!ok) return s.destroy();
        sendRequest();
      }
      const size = buf[3] === 4 ? 22 : buf[3] === 3 ? 7 + buf[4] : 10;
      if (step === "connect" && buf.length >= 5 && buf.length >= size) {
        reply = buf[1];
        buf = buf.subarray(size);
        if (reply !== 0) return s.destroy();
        step = "body";
        if (buf.length > 0) {
          chunks.push(buf);
          bytes += buf.length;
        }
        s.write(`GET ${o.path ?? "/file"} HTTP/1.1\r\nHost: ${o.host}\r\nConnection: close\r\n\r\n`);
      }
    });
    s.write(o.auth ? Buffer.of(5, 1, 2) : Buffer.of(5, 1, 0));
  });
}
