/**
 * `telchain service serve` (the provider's metering proxy) and `telchain service connect` (the
 * client's paying local SOCKS port), under the `service` group the services module also fills.
 * They meet the services module only through its routes and its kinds by name
 * (CliContext.callByName), and the channels kinds the same way. docs/channels.md, "The metering proxy".
 */
import type { Command } from "commander";
import { toHex } from "../../../bytes.js";
import { uint64Argument } from "../../../cli/arguments.js";
import { commandGroup } from "../../../cli/context.js";
import { globals, toJson } from "../../../cli/output.js";
import { FROM_HELP } from "../../../cli/signed-command.js";
import { getStatus } from "../../../client/actions/chain.js";
import { ApiClient } from "../../../client/api-client.js";
import { resolveSigner } from "../../../client/signer.js";
import { decodeAddress, isAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import type { CliContext } from "../../../module/interface.js";
import type { ModuleCall } from "../../../module/kind.js";
import { nodeChainView } from "./chain-view.js";
import { ProxyClient, voucherApi } from "./client.js";
import { DEFAULT_INCREMENT, mbText } from "./metering.js";
import { MeteringProxy } from "./server.js";

type Opts = Record<string, unknown>;
const KINDS = ["vpn", "hotspot", "roaming-data"];
/** The services module's default least bond (100 coins); a chain may ask less (genesis minBond). */
const DEFAULT_BOND = "100000000000";

const bad = (message: string) => new TelchainError("CHANNELS_PROXY_BAD_OPTION", message);

const whole = (v: unknown, flag: string, min = 0n, max = BigInt(Number.MAX_SAFE_INTEGER)) =>
  uint64Argument(String(v), flag, { min, max, code: "CHANNELS_PROXY_BAD_OPTION" });

/** HOST:PORT ([v6]:PORT). */
export function hostPort(v: string, flag: string): { host: string; port: number } {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]+)):([0-9]{1,5})$/.exec(v);
  const port = Number(m?.[3]);
  if (!m || port > 65_535)
    throw bad(`${flag} must be HOST:PORT (e.g. 127.0.0.1:1080); got ${JSON.stringify(v)}`);
  return { host: m[1] ?? m[2] ?? "", port };
}

/** The SOCKS5 host and port of a listing's endpoint: socks5://HOST:PORT or /ip4|ip6|dns*\/HOST/tcp/PORT. */
export function socksEndpoint(endpoint: string): { host: string; port: number } {
  const url = /^socks5h?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~-]+):([0-9]{1,5})\/?$/.exec(endpoint);
  const ma = /^\/(?:ip4|ip6|dns|dns4|dns6)\/([^/]+)\/tcp\/([0-9]{1,5})$/.exec(endpoint);
  const [host, port] = url ? [url[1].replace(/^\[|\]$/g, ""), url[2]] : ma ? [ma[1], ma[2]] : [];
  if (!host || !port || Number(port) > 65_535)
    throw new TelchainError(
      "CHANNELS_PROXY_BAD_TERMS",
      `the listing's endpoint ${JSON.stringify(endpoint)} is not a SOCKS5 endpoint (socks5://HOST:PORT or /ip4/HOST/tcp/PORT)`,
    );
  return { host, port: Number(port) };
}

/** A line on stderr, with the time. */
function logLine(line: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

interface Listing {
  id: number;
  provider: string;
  price: string;
  unit: string;
  endpoint: string;
  heardAt: number;
  liveUntil: number;
  live: boolean;
}

/** Stops on SIGINT/SIGTERM: runs `stop` once, then exits 0. */
function onSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}

export function registerProxyCommands(program: Command, ctx: CliContext): void {
  const root = commandGroup(program, "service", "the service market: offer, heartbeat, withdraw, rate, show");
  const get = <T>(api: string, path: string) => ctx.get(api, path) as Promise<T>;
  /** Submits `call` as `from` and waits for inclusion; the tx hash. */
  const send = async (api: string, from: string, call: ModuleCall): Promise<string> => {
    const r = await ctx.submit({ from, ...call, apiUrl: api, wait: true });
    if (r.status !== "included")
      throw new TelchainError(
        "CHANNELS_PROXY_UPSTREAM",
        `${call.module}/${call.kind} ${r.hash} was not included (${r.status})`,
      );
    return r.hash;
  };

  root
    .command("serve")
    .description(
      "run a metering SOCKS5 proxy: list it (or keep --listing alive), relay only traffic paid by channel vouchers, close channels with the best voucher",
    )
    .requiredOption("--from <name>", FROM_HELP)
    .option("--kind <kind>", KINDS.join(" | "), "vpn")
    .requiredOption("--price <base units>", "price per MB (1 MB = 1,000,000 bytes, both ways)")
    .option("--unit <unit>", "mb (the proxy meters bytes)", "mb")
    .option("--listen <host:port>", "where the SOCKS5 port and its voucher API listen", "127.0.0.1:1080")
    .option("--endpoint <url>", "the endpoint to list (default socks5://<listen address>)")
    .option("--region <code>", "ISO 3166-1 alpha-2 region of the listing (needed unless --listing)")
    .option("--bond <base units>", "the listing's bond (at least the chain's minBond)", DEFAULT_BOND)
    .option("--listing <id>", "keep this listing alive instead of publishing a new one")
    .option("--increment <bytes>", "bytes a client pays ahead (default 100 KB)", DEFAULT_INCREMENT.toString())
    .option("--idle <seconds>", "close a channel without connections after this long", "60")
    .option("--grace <seconds>", "cut a channel's connections after waiting this long for a voucher", "10")
    .option("--expiry-margin <blocks>", "close channels this many blocks before their expiry", "10")
    .option("--allow-local", "let clients reach loopback and private addresses (tests, a local file server)")
    .action(async (o: Opts, c: Command) => {
      const g = globals(c);
      if (!KINDS.includes(String(o.kind))) throw bad(`--kind must be ${KINDS.join(", ")}`);
      if (o.unit !== "mb") throw bad("the proxy meters bytes: --unit mb");
      const price = whole(o.price, "--price", 1n, (1n << 64n) - 1n);
      const increment = whole(o.increment, "--increment", 1n);
      const listen = hostPort(String(o.listen), "--listen");
      const from = String(o.from);
      const chain = await nodeChainView(g.api);
      const signer = await resolveSigner(from, chain.chainId);
      const payee = signer.account ?? signer.address;
      signer.seed32.fill(0);
      const proxy = new MeteringProxy({
        chain,
        payee,
        price,
        increment,
        idleMs: Number(whole(o.idle, "--idle", 1n)) * 1000,
        graceMs: Number(whole(o.grace, "--grace", 1n)) * 1000,
        expiryMargin: Number(whole(o.expiryMargin, "--expiry-margin", 1n)),
        allowLocal: o.allowLocal === true,
        log: logLine,
        closeChannel: async (v) => {
          await send(
            g.api,
            from,
            ctx.callByName("channels", "close", {
              channel: v.channel,
              amount: v.amount.toString(),
              signature: `0x${toHex(v.signature)}`,
            }),
          );
        },
      });
      const at = await proxy.listen(listen.host, listen.port);
      const host = at.host.includes(":") ? `[${at.host}]` : at.host;
      const endpoint = o.endpoint === undefined ? `socks5://${host}:${at.port}` : String(o.endpoint);
      let listing: Listing;
      if (o.listing !== undefined) {
        listing = await get<Listing>(g.api, `/v1/services/${whole(o.listing, "--listing", 1n)}`);
        if (listing.provider !== payee)
          throw bad(`listing ${listing.id} is ${listing.provider}'s, not ${payee}'s`);
      } else {
        if (o.region === undefined)
          throw bad("--region is needed to publish a listing (or give --listing ID)");
        const hash = await send(
          g.api,
          from,
          ctx.callByName("services", "list", {
            kind: KINDS.indexOf(String(o.kind)),
            region: String(o.region),
            price: price.toString(),
            unit: 0,
            endpoint,
            bond: whole(o.bond, "--bond", 1n, (1n << 64n) - 1n).toString(),
          }),
        );
        const { id } = await get<{ id: number }>(g.api, `/v1/services/created/${hash}`);
        listing = await get<Listing>(g.api, `/v1/services/${id}`);
      }
      const shown = { listing: listing.id, endpoint, listen: `${host}:${at.port}`, payee, price, increment };
      process.stdout.write(
        g.json
          ? `${toJson(shown)}\n`
          : `serving ${o.kind} at ${endpoint} (listing ${listing.id}) for ${price} base units per MB (1 MB = 1,000,000 bytes), paid ${increment} bytes ahead\n`,
      );
      // The heartbeat: renewed every half heartbeat period (liveUntil − heardAt), the height checked twice a second.
      let beating = false;
      const heartbeat = setInterval(async () => {
        if (beating) return;
        beating = true;
        try {
          const [l, s] = await Promise.all([
            get<Listing>(g.api, `/v1/services/${listing.id}`),
            getStatus(new ApiClient(g.api)),
          ]);
          const period = l.liveUntil - l.heardAt;
          if (s.height >= l.heardAt + Math.floor(period / 2)) {
            await send(g.api, from, ctx.callByName("services", "heartbeat", { listing: listing.id }));
            logLine(`listing ${listing.id}: heartbeat at height ${s.height}`);
          }
        } catch (e) {
          logLine(`listing ${listing.id}: heartbeat failed: ${(e as Error).message}`);
        } finally {
          beating = false;
        }
      }, 500);
      onSignal(async () => {
        clearInterval(heartbeat);
        logLine("stopping: closing channels with their best vouchers");
        await proxy.stop();
      });
      await new Promise(() => undefined);
    });

  root
    .command("connect")
    .description(
      "find the cheapest live listing, open a channel to it and offer a local SOCKS5 port that pays as it carries",
    )
    .requiredOption("--from <name>", FROM_HELP)
    .option("--kind <kind>", KINDS.join(" | "), "vpn")
    .option("--region <code>", "ISO 3166-1 alpha-2 region")
    .requiredOption("--max-price <base units>", "the most per MB you pay")
    .requiredOption("--deposit <base units>", "locked in the channel: the most the session can cost")
    .option("--listen <host:port>", "the local SOCKS5 port (no authentication)", "127.0.0.1:1081")
    .option("--expiry-in <blocks>", "the channel's expiry, in blocks from now", "1000")
    .option("--listing <id>", "use this listing instead of searching")
    .option("--channel <id>", "pay through this open channel of yours instead of opening one")
    .action(async (o: Opts, c: Command) => {
      const g = globals(c);
      if (!KINDS.includes(String(o.kind))) throw bad(`--kind must be ${KINDS.join(", ")}`);
      const maxPrice = whole(o.maxPrice, "--max-price", 1n, (1n << 64n) - 1n);
      const deposit = whole(o.deposit, "--deposit", 1n, (1n << 64n) - 1n);
      const listen = hostPort(String(o.listen), "--listen");
      const expiryIn = Number(whole(o.expiryIn, "--expiry-in", 1n));
      const status = await getStatus(new ApiClient(g.api));
      const signer = await resolveSigner(String(o.from), status.chainId);
      const payer = signer.account ?? signer.address;

      let listing: Listing | undefined;
      if (o.listing !== undefined)
        listing = await get<Listing>(g.api, `/v1/services/${whole(o.listing, "--listing", 1n)}`);
      else {
        const q = new URLSearchParams({ kind: String(o.kind), maxPrice: maxPrice.toString() });
        if (o.region !== undefined) q.set("region", String(o.region));
        const found = await get<{ items: Listing[] }>(g.api, `/v1/services?${q}`);
        listing = found.items.find((l) => l.unit === "mb");
      }
      if (!listing?.live || listing.unit !== "mb" || BigInt(listing.price) > maxPrice)
        throw new TelchainError(
          "CHANNELS_PROXY_NO_LISTING",
          `no live ${o.kind} listing priced per MB at most ${maxPrice}${o.region ? ` in ${o.region}` : ""}`,
        );
      const provider = socksEndpoint(listing.endpoint);
      const terms = await voucherApi(provider).terms();
      if (
        terms.chainId !== status.chainId ||
        terms.payee !== listing.provider ||
        terms.price !== listing.price ||
        terms.unit !== "mb"
      )
        throw new TelchainError(
          "CHANNELS_PROXY_BAD_TERMS",
          `the proxy at ${listing.endpoint} asks ${terms.price} per ${terms.unit} to ${terms.payee} on ${terms.chainId}; listing ${listing.id} says ${listing.price} per mb to ${listing.provider} on ${status.chainId}`,
        );

      let channel: number;
      if (o.channel !== undefined) channel = Number(whole(o.channel, "--channel", 1n));
      else {
        if (!isAddress(listing.provider)) throw bad(`listing ${listing.id} has no provider address`);
        const hash = await send(
          g.api,
          String(o.from),
          ctx.callByName("channels", "open", {
            payee: `0x${toHex(decodeAddress(listing.provider))}`,
            deposit: deposit.toString(),
            expiry: status.height + expiryIn,
          }),
        );
        channel = (await get<{ id: number }>(g.api, `/v1/channels/created/tx/${hash}`)).id;
        logLine(`opened channel ${channel} to ${listing.provider} with ${deposit} (tx ${hash})`);
      }
      const ch = await get<{ payer: string; payee: string; deposit: string }>(
        g.api,
        `/v1/channels/${channel}`,
      );
      if (ch.payer !== payer || ch.payee !== listing.provider)
        throw bad(`channel ${channel} is not yours to ${listing.provider}`);
      const client = new ProxyClient({
        provider,
        channel,
        chainId: status.chainId,
        seed32: signer.seed32,
        price: BigInt(terms.price),
        increment: BigInt(terms.increment),
        deposit: BigInt(ch.deposit),
        log: logLine,
      });
      const local = await client.start(listen.host, listen.port);
      const shown = {
        channel,
        listing: listing.id,
        provider: listing.provider,
        endpoint: listing.endpoint,
        listen: `${local.host}:${local.port}`,
        price: terms.price,
        increment: terms.increment,
        deposit: ch.deposit,
        payer,
      };
      process.stdout.write(
        g.json
          ? `${toJson(shown)}\n`
          : `SOCKS5 on ${shown.listen} (curl --socks5-hostname ${shown.listen} URL): listing ${listing.id} at ${terms.price} per MB, channel ${channel}, deposit ${ch.deposit}\n`,
      );
      const tty = process.stderr.isTTY === true;
      let last = "";
      const total = () =>
        `carried ${mbText(client.carried)}, paid ${client.signed} of ${ch.deposit} (channel ${channel})`;
      const ticker = setInterval(() => {
        const line = total();
        if (line === last) return;
        last = line;
        if (tty) process.stderr.write(`\r\x1b[K${line}`);
        else logLine(line);
      }, 1_000);
      onSignal(async () => {
        clearInterval(ticker);
        await client.stop();
        process.stderr.write(`${tty ? "\n" : ""}${total()}\n`);
      });
      await new Promise(() => undefined);
    });
}
