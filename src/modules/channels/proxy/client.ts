/**
 * The client of the metering proxy (`telchain service connect`): a local SOCKS5 server (no
 * authentication, for curl and browsers) that forwards each CONNECT to the provider's SOCKS5
 * endpoint with the channel id as username, counts the bytes it carries both ways, and signs
 * vouchers as they fall due (amountToSign: never beyond what was carried plus one increment),
 * posting them to the provider's voucher API (docs/channels.md, "The metering proxy").
 */
import { once } from "node:events";
import { type AddressInfo, connect, createServer, type Server, type Socket } from "node:net";
import { toHex } from "../../../bytes.js";
import { ApiClient } from "../../../client/api-client.js";
import { TelchainError } from "../../../errors.js";
import { signVoucher } from "../voucher.js";
import { amountToSign } from "./metering.js";
import { countingMeter, relay } from "./relay.js";
import {
  CMD_CONNECT,
  METHOD_NONE,
  REPLY,
  Reader,
  readGreeting,
  readRequest,
  reply,
  SocksError,
  socksHandshake,
} from "./socks.js";

/** The provider's terms (GET /terms). */
export interface Terms {
  protocol: string;
  chainId: string;
  payee: string;
  price: string;
  unit: string;
  bytesPerUnit: string;
  increment: string;
  expiryMargin: number;
}

/** The provider's answer to a voucher (and GET /channels/:id/usage). */
export interface Usage {
  channel: number;
  state: string;
  amount: string;
  credit: string;
  used: string;
  paused: boolean;
  connections: number;
}

export interface ClientOptions {
  /** The provider's SOCKS5 endpoint (its voucher API is on the same port). */
  provider: { host: string; port: number };
  channel: number;
  chainId: string;
  /** The seed of the payer's authorising key. */
  seed32: Uint8Array;
  price: bigint;
  increment: bigint;
  deposit: bigint;
  log?(line: string): void;
}

/** The provider's voucher API at a SOCKS endpoint, with its refusals as they are. */
export function voucherApi(provider: { host: string; port: number }) {
  const host = provider.host.includes(":") ? `[${provider.host}]` : provider.host;
  const api = new ApiClient(`http://${host}:${provider.port}`, 10_000);
  const call = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof TelchainError && (e.code === "NODE_UNREACHABLE" || e.code === "NODE_TIMEOUT"))
        throw new TelchainError(
          "CHANNELS_PROXY_UNREACHABLE",
          `the provider's proxy at ${api.baseUrl} does not answer`,
        );
      throw e;
    }
  };
  return {
    terms: () => call(() => api.get<Terms>("/terms")),
    usage: (channel: number) => call(() => api.get<Usage>(`/channels/${channel}/usage`)),
    voucher: (channel: number, amount: bigint, signature: Uint8Array) =>
      call(() =>
        api.post<Usage>(`/channels/${channel}/voucher`, {
          amount: amount.toString(),
          signature: `0x${toHex(signature)}`,
        }),
      ),
  };
}

export class ProxyClient {
  /** Bytes carried both ways over all connections. */
  carried = 0n;
  /** The highest amount signed and accepted. */
  signed = 0n;
  /** The provider's last answer. */
  usage?: Usage;
  /** The last refusal of a voucher; set, the client stops paying (its connections will be cut). */
  refused?: TelchainError;
  /** Pay nothing more (tests: a client that stops signing). */
  stopSigning = false;
  private paying?: Promise<void>;
  private again = false;
  private server?: Server;
  private readonly conns = new Set<Socket>();
  private readonly api;

  constructor(private readonly o: ClientOptions) {
    this.api = voucherApi(o.provider);
  }

  /** Signs and posts what is due; resolves once nothing more is. */
  pay(): Promise<void> {
    if (this.paying) {
      this.again = true;
      return this.paying;
    }
    this.paying = (async () => {
      try {
        do {
          this.again = false;
          await this.payDue();
        } while (this.again);
      } finally {
        this.paying = undefined;
      }
    })();
    return this.paying;
  }

  private async payDue(): Promise<void> {
    for (;;) {
      if (this.stopSigning || this.refused) return;
      const amount = amountToSign({
        carried: this.carried,
        signed: this.signed,
        increment: this.o.increment,
        price: this.o.price,
        deposit: this.o.deposit,
      });
      if (amount === undefined) return;
      const v = signVoucher(this.o.seed32, this.o.chainId, this.o.channel, amount);
      try {
        this.usage = await this.api.voucher(this.o.channel, amount, v.signature);
        this.signed = amount;
      } catch (e) {
        if (e instanceof TelchainError && e.code !== "CHANNELS_PROXY_UNREACHABLE") {
          this.refused = e;
          this.o.log?.(`the provider refused voucher ${amount}: ${e.code} ${e.message}`);
        } else this.o.log?.(`voucher ${amount} not delivered: ${(e as Error).message}`);
        return;
      }
    }
  }

  /** Pays the first increment, then serves SOCKS5 on host:port (0: any free port). */
  async start(host: string, port: number): Promise<{ host: string; port: number }> {
    await this.pay();
    if (this.refused) throw this.refused;
    if (this.signed === 0n)
      throw new TelchainError(
        "CHANNELS_PROXY_UNREACHABLE",
        "the first voucher could not be delivered to the provider",
      );
    this.server = createServer({ allowHalfOpen: true }, (s) => void this.serve(s));
    await new Promise<void>((resolve, reject) => {
      this.server?.once("error", reject);
      this.server?.listen(port, host, () => resolve());
    });
    const a = this.server.address() as AddressInfo;
    return { host: a.address, port: a.port };
  }

  private carry(n: number): void {
    this.carried += BigInt(n);
    void this.pay();
  }

  private async serve(socket: Socket): Promise<void> {
    socket.on("error", () => socket.destroy());
    const r = new Reader(socket);
    let up: Socket | undefined;
    try {
      const methods = await readGreeting(r);
      if (!methods.includes(METHOD_NONE)) return void socket.end(Buffer.of(5, 0xff));
      socket.write(Buffer.of(5, METHOD_NONE));
      const req = await readRequest(r);
      if (req.cmd !== CMD_CONNECT) return void socket.end(reply(REPLY.commandNotSupported));
      up = connect({ host: this.o.provider.host, port: this.o.provider.port, allowHalfOpen: true });
      up.setNoDelay(true);
      await once(up, "connect");
      let answer: Buffer;
      try {
        answer = await socksHandshake(up, req.raw, { username: String(this.o.channel), password: "-" });
      } catch (e) {
        up.destroy();
        return void socket.end(
          reply(e instanceof SocksError && e.reply !== undefined ? e.reply : REPLY.failure),
        );
      }
      socket.write(answer);
      r.release();
      const u = up;
      this.conns.add(socket);
      this.conns.add(u);
      relay(
        socket,
        u,
        countingMeter((n) => this.carry(n)),
        () => {
          this.conns.delete(socket);
          this.conns.delete(u);
        },
      );
    } catch {
      up?.destroy();
      if (!socket.destroyed) socket.end(reply(REPLY.failure));
    }
  }

  async stop(): Promise<void> {
    for (const s of this.conns) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
