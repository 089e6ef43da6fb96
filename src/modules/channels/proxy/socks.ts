/**
 * SOCKS5 (RFC 1928) with username/password authentication (RFC 1929), the parts the metering
 * proxy and its client speak: greetings, the CONNECT request with IPv4, IPv6 or domain-name
 * addresses, replies. Only CONNECT is served (BIND and UDP ASSOCIATE get reply 7).
 */
import { isIPv4, isIPv6, type Socket } from "node:net";

export const SOCKS_VERSION = 5;
export const METHOD_NONE = 0x00;
export const METHOD_USERPASS = 0x02;
export const METHOD_REFUSED = 0xff;
export const CMD_CONNECT = 1;
/** Reply codes (RFC 1928 §6). */
export const REPLY = {
  ok: 0,
  failure: 1,
  notAllowed: 2,
  networkUnreachable: 3,
  hostUnreachable: 4,
  refused: 5,
  commandNotSupported: 7,
  addressNotSupported: 8,
} as const;

/** Reads exact byte counts from a socket during a handshake, then hands the socket back. */
export class Reader {
  private buf: Buffer = Buffer.alloc(0);
  private want?: { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void };
  private ended = false;
  private readonly onData = (chunk: Buffer) => {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    this.serve();
  };
  private readonly onEnd = () => {
    this.ended = true;
    this.serve();
  };

  constructor(private readonly socket: Socket) {
    socket.on("data", this.onData);
    socket.on("end", this.onEnd);
    socket.on("close", this.onEnd);
  }

  take(n: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.want = { n, resolve, reject };
      this.serve();
    });
  }

  async byte(): Promise<number> {
    return (await this.take(1))[0];
  }

  /** Stops reading: the socket is paused, with any bytes read past the handshake put back. */
  release(): Socket {
    this.socket.off("data", this.onData);
    this.socket.off("end", this.onEnd);
    this.socket.off("close", this.onEnd);
    this.socket.pause();
    if (this.buf.length > 0) this.socket.unshift(this.buf);
    this.buf = Buffer.alloc(0);
    return this.socket;
  }

  private serve(): void {
    const w = this.want;
    if (!w) return;
    if (this.buf.length >= w.n) {
      this.want = undefined;
      const out = this.buf.subarray(0, w.n);
      this.buf = this.buf.subarray(w.n);
      w.resolve(out);
    } else if (this.ended) {
      this.want = undefined;
      w.reject(new Error("connection closed during the SOCKS5 handshake"));
    }
  }
}

export interface Destination {
  host: string;
  port: number;
}

/** The address part (ATYP, address, port) of a request or reply, decoded; `raw` is its bytes. */
async function readAddress(r: Reader): Promise<Destination & { atyp: number; raw: Buffer }> {
  const atyp = await r.byte();
  let addr: Buffer;
  let host: string;
  if (atyp === 1) {
    addr = await r.take(4);
    host = [...addr].join(".");
  } else if (atyp === 4) {
    addr = await r.take(16);
    host = (addr.toString("hex").match(/.{4}/g) ?? []).join(":");
  } else if (atyp === 3) {
    const len = await r.take(1);
    const name = await r.take(len[0]);
    addr = Buffer.concat([len, name]);
    host = name.toString("latin1");
  } else {
    return { atyp, host: "", port: 0, raw: Buffer.of(atyp) };
  }
  const port = await r.take(2);
  return { atyp, host, port: port.readUInt16BE(0), raw: Buffer.concat([Buffer.of(atyp), addr, port]) };
}

/** The address bytes (ATYP ‖ address ‖ port) of a destination. */
export function encodeAddress(d: Destination): Buffer {
  const port = Buffer.alloc(2);
  port.writeUInt16BE(d.port);
  if (isIPv4(d.host)) return Buffer.concat([Buffer.of(1, ...d.host.split(".").map(Number)), port]);
  if (isIPv6(d.host)) return Buffer.concat([Buffer.of(4), ipv6Bytes(d.host), port]);
  const name = Buffer.from(d.host, "latin1");
  if (name.length === 0 || name.length > 255) throw new Error(`bad host name "${d.host}"`);
  return Buffer.concat([Buffer.of(3, name.length), name, port]);
}

function ipv6Bytes(text: string): Buffer {
  const [head, tail = ""] = text.split("::");
  const parts = (s: string) => (s === "" ? [] : s.split(":"));
  const h = parts(head);
  const t = parts(tail);
  const groups = text.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => {
    out.writeUInt16BE(Number.parseInt(g, 16), i * 2);
  });
  return out;
}

/** The client's greeting: the methods it offers. */
export async function readGreeting(r: Reader): Promise<number[]> {
  const ver = await r.byte();
  if (ver !== SOCKS_VERSION) throw new Error(`not SOCKS5 (version byte ${ver})`);
  const n = await r.byte();
  return [...(await r.take(n))];
}

/** RFC 1929 username/password sub-negotiation. */
export async function readUserPass(r: Reader): Promise<{ username: string; password: string }> {
  const ver = await r.byte();
  if (ver !== 1) throw new Error(`bad username/password version ${ver}`);
  const username = (await r.take(await r.byte())).toString("utf8");
  const password = (await r.take(await r.byte())).toString("utf8");
  return { username, password };
}

export interface Request extends Destination {
  cmd: number;
  atyp: number;
  /** The request's address bytes as received (forwarded as they are by the client). */
  raw: Buffer;
}

export async function readRequest(r: Reader): Promise<Request> {
  const head = await r.take(3);
  if (head[0] !== SOCKS_VERSION) throw new Error(`not a SOCKS5 request (version byte ${head[0]})`);
  return { cmd: head[1], ...(await readAddress(r)) };
}

/** A reply with `code` and the bound address (0.0.0.0:0 when not given). */
export function reply(code: number, bound: Buffer = Buffer.of(1, 0, 0, 0, 0, 0, 0)): Buffer {
  return Buffer.concat([Buffer.of(SOCKS_VERSION, code, 0), bound]);
}

/** A reply as received: its code and its bytes. */
export async function readReply(r: Reader): Promise<{ code: number; raw: Buffer }> {
  const head = await r.take(3);
  if (head[0] !== SOCKS_VERSION) throw new Error(`not a SOCKS5 reply (version byte ${head[0]})`);
  const addr = await readAddress(r);
  return { code: head[1], raw: Buffer.concat([head, addr.raw]) };
}

export class SocksError extends Error {
  constructor(
    message: string,
    readonly reply?: number,
  ) {
    super(message);
  }
}

/**
 * The client side of a handshake on a connected socket: offers username/password when `auth`
 * is given (else no authentication), sends CONNECT to `dest` (address bytes, or a destination),
 * and resolves with the reply's bytes once the server answered 0 (succeeded). The socket is then
 * paused, ready to carry the stream. A refusal rejects with a SocksError carrying the reply code.
 */
export async function socksHandshake(
  socket: Socket,
  dest: Destination | Buffer,
  auth?: { username: string; password: string },
): Promise<Buffer> {
  const r = new Reader(socket);
  try {
    const method = auth ? METHOD_USERPASS : METHOD_NONE;
    socket.write(Buffer.of(SOCKS_VERSION, 1, method));
    const chosen = await r.take(2);
    if (chosen[1] !== method) throw new SocksError(`the proxy accepts none of the offered methods`);
    if (auth) {
      const u = Buffer.from(auth.username, "utf8");
      const p = Buffer.from(auth.password, "utf8");
      socket.write(Buffer.concat([Buffer.of(1, u.length), u, Buffer.of(p.length), p]));
      const status = await r.take(2);
      if (status[1] !== 0) throw new SocksError("the proxy refused the username/password");
    }
    const addr = Buffer.isBuffer(dest) ? dest : encodeAddress(dest);
    socket.write(Buffer.concat([Buffer.of(SOCKS_VERSION, CMD_CONNECT, 0), addr]));
    const rep = await readReply(r);
    if (rep.code !== REPLY.ok)
      throw new SocksError(`the proxy refused CONNECT (reply ${rep.code})`, rep.code);
    return rep.raw;
  } finally {
    r.release();
  }
}
