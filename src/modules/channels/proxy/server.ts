/**
 * The metering proxy (`telchain service serve`): a SOCKS5 server that relays only paid traffic,
 * and beside it, on the same port, the voucher API (HTTP/1.1; docs/channels.md, "The metering proxy").
 *
 * A connection whose first byte is 5 is SOCKS5; any other is HTTP. A SOCKS client authenticates
 * with username/password (RFC 1929), the username being its channel id; the proxy relays its
 * CONNECTs only once it holds a voucher on that channel, and only as many bytes (both ways, over
 * all the channel's connections) as the best voucher pays for: bytesPaid(amount). When they are
 * used up the channel's connections wait; a channel left waiting for `graceMs` is cut off.
 *
 * The proxy keeps only the best voucher of each channel and closes the channel with it when the
 * client has been idle for `idleMs`, when the channel nears its expiry (`expiryMargin` blocks),
 * when the payer starts an early close, and when the proxy stops.
 */
import { lookup } from "node:dns/promises";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import {
  type AddressInfo,
  BlockList,
  connect,
  createServer,
  isIPv4,
  type Server,
  type Socket,
} from "node:net";
import { classifyError, errorBody } from "../../../api/errors.js";
import { fromHexOrUndefined, toHex } from "../../../bytes.js";
import { TelchainError } from "../../../errors.js";
import type { Voucher } from "../schemas.js";
import { bytesPaid, mbText } from "./metering.js";
import type { Meter } from "./relay.js";
import { relay } from "./relay.js";
import {
  CMD_CONNECT,
  encodeAddress,
  METHOD_USERPASS,
  REPLY,
  Reader,
  type Request,
  readGreeting,
  readRequest,
  readUserPass,
  reply,
  SocksError,
} from "./socks.js";

/** What the proxy needs to know of a channel (GET /v1/channels/:id). */
export interface ChannelView {
  payer: string;
  payee: string;
  deposit: bigint;
  expiry: number;
  status: string;
}

/** The proxy's view of the chain: the node's API in service, a fake in unit tests. */
export interface ChainView {
  readonly chainId: string;
  height(): Promise<number>;
  channel(id: number): Promise<ChannelView | undefined>;
  /** The chain's voucher check: signed by the payer's authorising key for this chain and channel. */
  checkVoucher(v: Voucher): Promise<{ valid: boolean; reason?: string }>;
}

export interface ProxyOptions {
  chain: ChainView;
  /** The provider's address (tel1…): channels must be paid to it. */
  payee: string;
  /** Base units per MB (≥ 1). */
  price: bigint;
  /** Bytes a client may prepay beyond what it was carried (default 100 KB). */
  increment: bigint;
  /** Blocks before a channel's expiry at which it is closed and takes no more vouchers (default 10). */
  expiryMargin?: number;
  /** How long a channel may wait for a voucher before its connections are cut (default 10 s). */
  graceMs?: number;
  /** How long a channel may be without connections before it is closed (default 60 s). */
  idleMs?: number;
  /** Time between checks of heights, idle channels and cut-offs (default 2 s). */
  tickMs?: number;
  /** Allow CONNECTs to loopback and private addresses (default false: a provider's own network stays closed). */
  allowLocal?: boolean;
  /** Closes `voucher.channel` on chain with the voucher (a channels/close transaction, awaited). */
  closeChannel(voucher: Voucher): Promise<void>;
  log?(line: string): void;
}

export const PROTOCOL = "telchain-metering/1";

/** One channel's tab: its best voucher, the bytes it pays for and those carried. */
class Tab implements Meter {
  best?: Voucher;
  credit = 0n;
  used = 0n;
  readonly conns = new Set<Socket>();
  private waiters: (() => void)[] = [];
  pausedSince?: number;
  lastActive = Date.now();
  state: "open" | "closing" | "closed" = "open";
  /** Serialises the channel's voucher checks. */
  queue: Promise<unknown> = Promise.resolve();
  logged = "";

  constructor(
    readonly id: number,
    public view: ChannelView,
  ) {}

  take(n: number): number {
    const left = this.credit - this.used;
    const k = left >= BigInt(n) ? n : left > 0n ? Number(left) : 0;
    this.used += BigInt(k);
    this.lastActive = Date.now();
    if (k < n) this.pausedSince ??= Date.now();
    return k;
  }

  whenCredit(fn: () => void): void {
    this.waiters.push(fn);
  }

  grant(credit: bigint): void {
    this.credit = credit;
    this.pausedSince = undefined;
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  cut(): void {
    for (const s of this.conns) s.destroy();
    this.waiters = [];
  }
}

const fail = (code: string, message: string) => new TelchainError(code, message);

const LOCAL = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const)
  LOCAL.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
] as const)
  LOCAL.addSubnet(net, bits, "ipv6");

/** A loopback, private, link-local or unspecified address. */
export function isLocalAddress(address: string): boolean {
  const mapped = /^::ffff:(.+)$/i.exec(address)?.[1];
  if (mapped && isIPv4(mapped)) return LOCAL.check(mapped, "ipv4");
  return LOCAL.check(address, isIPv4(address) ? "ipv4" : "ipv6");
}

const CHANNEL_ID = /^[1-9][0-9]{0,15}$/;
const AMOUNT = /^(0|[1-9][0-9]{0,19})$/;
const MAX_U64 = (1n << 64n) - 1n;

function channelId(text: string): number | undefined {
  const n = Number(text);
  return CHANNEL_ID.test(text) && Number.isSafeInteger(n) ? n : undefined;
}

function parseVoucherBody(id: number, body: unknown): Voucher {
  const b = (body ?? {}) as { amount?: unknown; signature?: unknown };
  const amount = typeof b.amount === "string" && AMOUNT.test(b.amount) ? BigInt(b.amount) : undefined;
  if (amount === undefined || amount > MAX_U64)
    throw fail("CHANNELS_PROXY_BAD_REQUEST", "amount must be a decimal string from 0 to 2^64 − 1");
  const signature = typeof b.signature === "string" ? fromHexOrUndefined(b.signature) : undefined;
  if (signature?.length !== 64)
    throw fail("CHANNELS_PROXY_BAD_REQUEST", "signature must be 64 bytes of hex (0x optional)");
  return { channel: id, amount, signature };
}

async function readBody(req: IncomingMessage, limit = 4096): Promise<unknown> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw fail("CHANNELS_PROXY_BAD_REQUEST", `the body is over ${limit} bytes`);
    parts.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString("utf8"));
  } catch {
    throw fail("CHANNELS_PROXY_BAD_REQUEST", "the body is not JSON");
  }
}

/** The SOCKS5 reply for a failed connection's system error. */
const REPLY_OF_ERRNO: Record<string, number> = {
  ECONNREFUSED: REPLY.refused,
  ENETUNREACH: REPLY.networkUnreachable,
  EHOSTUNREACH: REPLY.hostUnreachable,
};

function tcpConnect(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host, port, allowHalfOpen: true });
    s.setNoDelay(true);
    s.once("connect", () => {
      s.removeAllListeners("error");
      resolve(s);
    });
    s.once("error", (e: NodeJS.ErrnoException) => {
      const code = REPLY_OF_ERRNO[e.code ?? ""] ?? REPLY.hostUnreachable;
      reject(new SocksError(e.message, code));
    });
  });
}

export class MeteringProxy {
  private readonly tabs = new Map<number, Tab>();
  private readonly server: Server;
  private readonly http = createHttpServer((req, res) => void this.answer(req, res));
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private readonly o: Required<Omit<ProxyOptions, "log">> & Pick<ProxyOptions, "log">;

  constructor(opts: ProxyOptions) {
    if (opts.price < 1n)
      throw fail("CHANNELS_PROXY_BAD_OPTION", "the price must be at least 1 base unit per MB");
    if (opts.increment < 1n) throw fail("CHANNELS_PROXY_BAD_OPTION", "the increment must be at least 1 byte");
    this.o = { expiryMargin: 10, graceMs: 10_000, idleMs: 60_000, tickMs: 2_000, allowLocal: false, ...opts };
    this.server = createServer({ allowHalfOpen: true }, (socket) => this.accept(socket));
  }

  private log(line: string): void {
    this.o.log?.(line);
  }

  /** Listens on host:port (port 0: any free port) and starts the periodic checks. */
  async listen(host: string, port: number): Promise<{ host: string; port: number }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => resolve());
    });
    this.timer = setInterval(() => void this.tick(), this.o.tickMs);
    this.timer.unref();
    const a = this.server.address() as AddressInfo;
    return { host: a.address, port: a.port };
  }

  /** The terms a client reads first (GET /terms). */
  terms() {
    return {
      protocol: PROTOCOL,
      chainId: this.o.chain.chainId,
      payee: this.o.payee,
      price: this.o.price.toString(),
      unit: "mb",
      bytesPerUnit: "1000000",
      increment: this.o.increment.toString(),
      expiryMargin: this.o.expiryMargin,
    };
  }

  /** A channel's tab as the API shows it (GET /channels/:id/usage, the answer to a voucher). */
  usage(id: number) {
    const t = this.tabs.get(id);
    if (!t) throw fail("CHANNELS_PROXY_NO_CHANNEL", `this proxy holds no voucher on channel ${id}`);
    return {
      channel: id,
      state: t.state,
      amount: (t.best?.amount ?? 0n).toString(),
      credit: t.credit.toString(),
      used: t.used.toString(),
      paused: t.pausedSince !== undefined,
      connections: t.conns.size / 2,
    };
  }

  /**
   * Takes a voucher: the channel must be open on chain, paid to this provider, not within the
   * expiry margin; the amount within the deposit and not below the best one held; the signature
   * the payer's (the chain's check). The same amount again is answered as it was.
   */
  acceptVoucher(v: Voucher): Promise<ReturnType<MeteringProxy["usage"]>> {
    const prior = this.tabs.get(v.channel)?.queue ?? Promise.resolve();
    const run = prior.catch(() => undefined).then(() => this.check(v));
    const t = this.tabs.get(v.channel);
    if (t) t.queue = run;
    return run;
  }

  private async check(v: Voucher) {
    const known = this.tabs.get(v.channel);
    if (known && known.state !== "open")
      throw fail("CHANNELS_PROXY_NOT_OPEN", `channel ${v.channel} is ${known.state} by this proxy`);
    if (known?.best && v.amount === known.best.amount) return this.usage(v.channel);
    if (known?.best && v.amount < known.best.amount)
      throw fail(
        "CHANNELS_PROXY_LOWER",
        `channel ${v.channel}: ${v.amount} is below the best voucher held (${known.best.amount})`,
      );
    const [view, height] = await Promise.all([this.o.chain.channel(v.channel), this.o.chain.height()]);
    if (!view) throw fail("CHANNELS_PROXY_NO_CHANNEL", `no channel ${v.channel} on chain`);
    if (view.payee !== this.o.payee)
      throw fail("CHANNELS_PROXY_NOT_PAYEE", `channel ${v.channel} pays ${view.payee}, not this provider`);
    if (view.status !== "open")
      throw fail("CHANNELS_PROXY_NOT_OPEN", `channel ${v.channel} is ${view.status}`);
    if (height + this.o.expiryMargin >= view.expiry)
      throw fail(
        "CHANNELS_PROXY_EXPIRING",
        `channel ${v.channel} expires at ${view.expiry}; this proxy takes vouchers until ${view.expiry - this.o.expiryMargin - 1} (now ${height})`,
      );
    if (v.amount > view.deposit)
      throw fail(
        "CHANNELS_PROXY_ABOVE_DEPOSIT",
        `channel ${v.channel}: ${v.amount} is above the deposit ${view.deposit}`,
      );
    const checked = await this.o.chain.checkVoucher(v);
    if (!checked.valid)
      throw fail(
        "CHANNELS_PROXY_BAD_VOUCHER",
        `channel ${v.channel}: the voucher is not signed by the payer's authorising key for this chain${checked.reason ? ` (${checked.reason})` : ""}`,
      );
    let t = this.tabs.get(v.channel);
    if (!t) {
      t = new Tab(v.channel, view);
      this.tabs.set(v.channel, t);
      this.log(`channel ${v.channel}: payer ${view.payer}, deposit ${view.deposit}, expiry ${view.expiry}`);
    }
    t.view = view;
    if (t.state !== "open")
      throw fail("CHANNELS_PROXY_NOT_OPEN", `channel ${v.channel} is ${t.state} by this proxy`);
    if (!t.best || v.amount > t.best.amount) {
      t.best = v;
      t.grant(bytesPaid(v.amount, this.o.price));
    }
    return this.usage(v.channel);
  }

  private accept(socket: Socket): void {
    socket.on("error", () => socket.destroy());
    socket.once("data", (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      if (first[0] === 5) void this.socks(socket);
      else {
        this.http.emit("connection", socket);
        socket.resume();
      }
    });
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    try {
      const path = new URL(req.url ?? "/", "http://proxy").pathname;
      if (req.method === "GET" && path === "/terms") return send(200, this.terms());
      const m = /^\/channels\/([^/]+)\/(voucher|usage)$/.exec(path);
      if (!m) throw fail("NOT_FOUND", `no route ${req.method} ${path}`);
      const id = channelId(m[1]);
      if (id === undefined)
        throw fail("CHANNELS_PROXY_BAD_REQUEST", "the channel id is a whole number from 1 to 2^53 − 1");
      if (m[2] === "usage" && req.method === "GET") return send(200, this.usage(id));
      if (m[2] === "voucher" && req.method === "POST")
        return send(200, await this.acceptVoucher(parseVoucherBody(id, await readBody(req))));
      throw fail("NOT_FOUND", `no route ${req.method} ${path}`);
    } catch (e) {
      const c = classifyError(e);
      if (c.code === "CHANNELS_PROXY_BAD_VOUCHER" || c.code === "CHANNELS_PROXY_NOT_PAYEE")
        this.log(`refused a voucher: ${c.message}`);
      send(c.status, errorBody(c.code, c.message));
    }
  }

  private async socks(socket: Socket): Promise<void> {
    const r = new Reader(socket);
    socket.resume();
    try {
      const methods = await readGreeting(r);
      if (!methods.includes(METHOD_USERPASS)) {
        this.log("refused a SOCKS client without a channel (it offered no username/password)");
        socket.end(Buffer.of(5, 0xff));
        return;
      }
      socket.write(Buffer.of(5, METHOD_USERPASS));
      const { username } = await readUserPass(r);
      const id = channelId(username);
      const tab = id === undefined ? undefined : this.tabs.get(id);
      if (!tab?.best || tab.state !== "open") {
        this.log(`refused a SOCKS client on channel "${username.slice(0, 20)}": no voucher held, or closed`);
        socket.end(Buffer.of(1, 1));
        return;
      }
      socket.write(Buffer.of(1, 0));
      const req = await readRequest(r);
      if (req.cmd !== CMD_CONNECT) return void socket.end(reply(REPLY.commandNotSupported));
      if (![1, 3, 4].includes(req.atyp)) return void socket.end(reply(REPLY.addressNotSupported));
      let out: Socket;
      try {
        out = await this.dial(req);
      } catch (e) {
        const code = e instanceof SocksError && e.reply !== undefined ? e.reply : REPLY.failure;
        this.log(`channel ${tab.id}: CONNECT ${req.host}:${req.port} refused: ${(e as Error).message}`);
        return void socket.end(reply(code));
      }
      const bound =
        out.localAddress && out.localPort
          ? encodeAddress({ host: out.localAddress, port: out.localPort })
          : undefined;
      socket.write(reply(REPLY.ok, bound));
      r.release();
      tab.conns.add(socket);
      tab.conns.add(out);
      if (tab.state !== "open") return tab.cut();
      relay(socket, out, tab, () => {
        tab.conns.delete(socket);
        tab.conns.delete(out);
        tab.lastActive = Date.now();
      });
    } catch {
      socket.destroy();
    }
  }

  /** Connects to the request's destination: each address of the name in turn, local ones refused unless allowed. */
  private async dial(req: Request): Promise<Socket> {
    let addresses: string[];
    try {
      addresses = (await lookup(req.host, { all: true })).map((a) => a.address);
    } catch {
      throw new SocksError(`cannot resolve ${req.host}`, REPLY.hostUnreachable);
    }
    if (!this.o.allowLocal) {
      addresses = addresses.filter((a) => !isLocalAddress(a));
      if (addresses.length === 0)
        throw new SocksError(
          `${req.host} is a local address (serve --allow-local to allow it)`,
          REPLY.notAllowed,
        );
    }
    let last: SocksError | undefined;
    for (const address of addresses) {
      try {
        return await tcpConnect(address, req.port);
      } catch (e) {
        last = e as SocksError;
      }
    }
    throw last ?? new SocksError(`cannot reach ${req.host}`, REPLY.hostUnreachable);
  }

  /** Cuts channels that waited too long, closes idle and expiring ones, logs progress. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = Date.now();
      let height: number | undefined;
      for (const t of this.tabs.values()) {
        if (t.state !== "open" || !t.best) continue;
        if (t.pausedSince !== undefined && now - t.pausedSince >= this.o.graceMs && t.conns.size > 0) {
          this.log(
            `channel ${t.id}: cut off — no voucher for ${Math.round((now - t.pausedSince) / 1000)} s after ${mbText(t.used)}`,
          );
          t.cut();
        }
        const line = `channel ${t.id}: ${mbText(t.used)} carried, voucher ${t.best.amount} (pays ${mbText(t.credit)}), ${t.conns.size / 2} connection(s)`;
        if (line !== t.logged) {
          t.logged = line;
          this.log(line);
        }
        height ??= await this.o.chain.height();
        const view = await this.o.chain.channel(t.id);
        if (view) t.view = view;
        if (view && view.status === "closed") {
          t.state = "closed";
          t.cut();
          this.log(`channel ${t.id}: closed on chain by someone else`);
        } else if (view && view.status !== "open") await this.close(t, "the payer started an early close");
        else if (height + this.o.expiryMargin >= t.view.expiry)
          await this.close(t, `expiry ${t.view.expiry} is near`);
        else if (t.conns.size === 0 && now - t.lastActive >= this.o.idleMs) await this.close(t, "idle");
      }
    } catch (e) {
      this.log(`check failed: ${(e as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  private async close(t: Tab, why: string): Promise<void> {
    if (t.state !== "open" || !t.best) return;
    t.state = "closing";
    t.cut();
    this.log(
      `channel ${t.id}: closing (${why}) with voucher ${t.best.amount} for ${t.used} bytes carried (${mbText(t.used)})`,
    );
    try {
      await this.o.closeChannel(t.best);
      t.state = "closed";
      this.log(`channel ${t.id}: closed, claimed ${t.best.amount}`);
    } catch (e) {
      t.state = "open";
      this.log(`channel ${t.id}: close failed (${(e as Error).message}); retrying at the next check`);
    }
  }

  /** The channels with a voucher: id, best amount, bytes carried, state. */
  channels() {
    return [...this.tabs.values()].map((t) => ({
      channel: t.id,
      amount: t.best?.amount ?? 0n,
      used: t.used,
      state: t.state,
      signature: t.best ? toHex(t.best.signature) : "",
    }));
  }

  /** Stops serving; closes every open channel it holds a voucher on unless `close` is false. */
  async stop(close = true): Promise<void> {
    clearInterval(this.timer);
    this.server.close();
    for (const t of this.tabs.values()) {
      if (close) await this.close(t, "the proxy stops");
      else t.cut();
    }
  }
}
