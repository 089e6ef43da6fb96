/**
 * The carrier commands:
 *   telchain carrier register --id ID --name NAME [--prefix P]... [--sip URI]... --from KEY
 *   telchain carrier update ID [--name NAME] [--prefix P]... [--sip URI | --no-sip] --from KEY
 *   telchain carrier rotate-keys ID [--add ADDR]... [--remove ADDR]... --from KEY
 *   telchain carrier show ID | telchain carrier list
 * Without --prefix, register gives the carrier defaultRoutingPrefix(id); update keeps what is
 * not given. Each call is checked as the chain checks it (decode, parse) before it is sent.
 */
import type { Command } from "commander";
import { globals, keyValues } from "../../cli/output.js";
import { type SignedCommandSpec, signedCommand } from "../../cli/signed-command.js";
import { decodeAddress } from "../../crypto/address.js";
import { taggedHash, utf8 } from "../../crypto/hash.js";
import { TelchainError } from "../../errors.js";
import type { CliContext, TxKind } from "../../module/interface.js";
import type { ModuleCall } from "../../module/kind.js";
import { carriersCalls, carriersKinds } from "./kinds/index.js";
import type { CarrierView } from "./routes.js";
import { CarrierId } from "./schemas.js";

type Opts = Record<string, string | string[] | boolean | undefined>;
const collect = (v: string, prev: string[] = []) => [...prev, v];

/**
 * The routing prefix the CLI gives a carrier registered without --prefix: "1" and six
 * digits from a hash of the id, e.g. AAA -> "1xxxxxx". Deterministic, so a script that
 * registers AAA always gets the same prefix; not checked for uniqueness (two ids share a
 * default with odds of one in a million; give --prefix to choose).
 */
export function defaultRoutingPrefix(id: string): string {
  const h = taggedHash("telchain/carriers/default-prefix", utf8(CarrierId.check(id)));
  return `1${String(new DataView(h.buffer, h.byteOffset, 4).getUint32(0) % 1_000_000).padStart(6, "0")}`;
}

/** The chain's stateless checks of a call (payload decode with its text rules, then parse). */
function checked(call: ModuleCall): ModuleCall {
  const kind: TxKind = carriersKinds[call.kind as keyof typeof carriersKinds];
  kind.parse?.(kind.payload.deserialize(call.payload), undefined as never);
  return call;
}

export function formatCarrier(c: CarrierView): string {
  return keyValues([
    ["id", c.id],
    ["name", c.name],
    ["operators", c.operators.join(", ")],
    ["routing prefixes", c.routingPrefixes.join(", ")],
    ["sip ingress", c.sipIngress.length === 0 ? "none" : c.sipIngress.join(", ")],
    ["registered", `height ${c.registeredAt}`],
  ]);
}

export function carriersCli(program: Command, ctx: CliContext): void {
  const c = program.command("carrier").description("carriers: operators, routing prefixes, SIP ingress");
  const getCarrier = (api: string, id: string) => ctx.get(api, `/v1/carriers/${id}`) as Promise<CarrierView>;
  /** After inclusion, the carrier as it is now. */
  const show: SignedCommandSpec["show"] = async (r, [id], opts) => {
    const carrier = r.status === "included" ? await getCarrier(r.api, id ?? String(opts.id)) : undefined;
    return { json: { carrier }, human: carrier && formatCarrier(carrier) };
  };

  signedCommand(c, ctx, {
    name: "register",
    description: "register a carrier; your key becomes its first operator",
    options: (cmd) =>
      cmd
        .requiredOption("--id <id>", "3 to 8 upper-case letters or digits, like a SPID")
        .requiredOption("--name <name>", "display name (1 to 64 bytes)")
        .option(
          "--prefix <digits>",
          "a routing-number prefix (repeatable; default derived from the id)",
          collect,
        )
        .option("--sip <uri>", "a SIP ingress: sip:/sips: URI or host:port (repeatable)", collect),
    build: (_, o: Opts) =>
      checked(
        carriersCalls.register({
          id: String(o.id),
          name: String(o.name),
          routingPrefixes: (o.prefix as string[]) ?? [defaultRoutingPrefix(String(o.id))],
          sipIngress: (o.sip as string[]) ?? [],
        }),
      ),
    show,
  });

  signedCommand(c, ctx, {
    name: "update <id>",
    description: "change a carrier you operate (what is not given stays)",
    options: (cmd) =>
      cmd
        .option("--name <name>", "display name")
        .option("--prefix <digits>", "routing prefixes, replacing all (repeatable)", collect)
        .option("--sip <uri>", "SIP ingress entries, replacing all (repeatable)", collect)
        .option("--no-sip", "remove every SIP ingress entry"),
    async build([id], o: Opts, api) {
      if (o.name === undefined && o.prefix === undefined && o.sip === undefined)
        throw new TelchainError(
          "BAD_ARGUMENT",
          "nothing to change: give --name, --prefix, --sip or --no-sip",
        );
      const now = await getCarrier(api, CarrierId.check(id));
      return checked(
        carriersCalls.update({
          id,
          name: (o.name as string) ?? now.name,
          routingPrefixes: (o.prefix as string[]) ?? now.routingPrefixes,
          sipIngress: o.sip === false ? [] : Array.isArray(o.sip) ? o.sip : now.sipIngress,
        }),
      );
    },
    show,
  });

  signedCommand(c, ctx, {
    name: "rotate-keys <id>",
    description: "add and remove operator keys of a carrier you operate",
    options: (cmd) =>
      cmd
        .option("--add <address>", "a key to add (repeatable)", collect)
        .option("--remove <address>", "a key to remove (repeatable)", collect),
    build: ([id], o: Opts) =>
      checked(
        carriersCalls["rotate-keys"]({
          id,
          add: ((o.add as string[]) ?? []).map(decodeAddress),
          remove: ((o.remove as string[]) ?? []).map(decodeAddress),
        }),
      ),
    show,
  });

  c.command("show <id>")
    .description("a carrier: operators, routing prefixes, SIP ingress")
    .action(async (id: string, _opts, cmd: Command) => {
      const g = globals(cmd);
      const v = await getCarrier(g.api, CarrierId.check(id));
      ctx.print(g.json, v, () => formatCarrier(v));
    });

  c.command("list")
    .description("every registered carrier")
    .action(async (_opts, cmd: Command) => {
      const g = globals(cmd);
      const v = (await ctx.get(g.api, "/v1/carriers")) as { carriers: CarrierView[] };
      ctx.print(g.json, v, () =>
        v.carriers.length === 0
          ? "no carriers"
          : v.carriers.map((x) => `${x.id.padEnd(8)}  ${x.routingPrefixes.join(",")}  ${x.name}`).join("\n"),
      );
    });
}
