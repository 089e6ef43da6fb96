/**
 * The carrier commands:
 *   telchain carrier register --id ID --name NAME [--prefix P]... [--sip URI]... --from KEY
 *   telchain carrier update ID [--name NAME] [--prefix P]... [--sip URI]... --from KEY
 *   telchain carrier rotate-keys ID [--add ADDR]... [--remove ADDR]... --from KEY
 *   telchain carrier show ID | telchain carrier list
 * Without --prefix, register gives the carrier defaultRoutingPrefix(id) (validate.ts).
 * update keeps what is not given. Payloads are checked here before anything is sent.
 */
import type { Command } from "commander";
import { globals, keyValues } from "../../cli/output.js";
import { decodeAddress } from "../../crypto/address.js";
import { utf8 } from "../../crypto/hash.js";
import { TelchainError } from "../../errors.js";
import type { CliContext } from "../../module/interface.js";
import { checkRotation } from "./kinds/rotate-keys.js";
import { CarrierDataPayload, RotateKeysPayload } from "./schemas.js";
import { type CarrierData, carrierData, checkCarrierId, defaultRoutingPrefix } from "./validate.js";
import type { CarrierView } from "./view.js";

const FROM = "key name (wallet) or dev0..dev9 on the dev chain";
const collect = (v: string, prev: string[] = []) => [...prev, v];

function address(s: string): Uint8Array {
  try {
    return decodeAddress(s);
  } catch (e) {
    throw new TelchainError("BAD_ARGUMENT", `"${s}" is not an address (tel1...): ${(e as Error).message}`);
  }
}

function dataPayload(d: CarrierData): Uint8Array {
  const p = {
    id: utf8(d.id),
    name: utf8(d.name),
    routingPrefixes: d.routingPrefixes.map(utf8),
    sipIngress: d.sipIngress.map(utf8),
  };
  carrierData(p); // the chain's own checks, before anything is sent
  return CarrierDataPayload.serialize(p);
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

  async function submitAndShow(
    cmd: Command,
    opts: { from: string; wait: boolean },
    kind: string,
    id: string,
    payload: Uint8Array,
  ): Promise<void> {
    const g = globals(cmd);
    const res = await ctx.submit({
      from: opts.from,
      module: "carriers",
      kind,
      payload,
      apiUrl: g.api,
      wait: opts.wait,
    });
    const carrier =
      res.status === "included" ? ((await ctx.get(g.api, `/v1/carriers/${id}`)) as CarrierView) : undefined;
    const out = { tx: res.hash, status: res.status, height: res.height, carrier };
    ctx.print(g.json, out, () =>
      [
        keyValues([
          ["tx", res.hash],
          ["height", res.status === "included" ? res.height : `(${res.status})`],
        ]),
        ...(carrier ? [formatCarrier(carrier)] : []),
      ].join("\n"),
    );
  }

  c.command("register")
    .description("register a carrier; your key becomes its first operator")
    .requiredOption("--id <id>", "3 to 8 upper-case letters or digits, like a SPID")
    .requiredOption("--name <name>", "display name (1 to 64 bytes)")
    .option("--prefix <digits>", "a routing-number prefix (repeatable; default derived from the id)", collect)
    .option("--sip <uri>", "a SIP ingress: sip:/sips: URI or host:port (repeatable)", collect)
    .requiredOption("--from <name>", FROM)
    .option("--no-wait", "return once the node accepted the transaction")
    .action(async (opts, cmd: Command) => {
      const id = checkCarrierId(opts.id);
      const payload = dataPayload({
        id,
        name: opts.name,
        routingPrefixes: opts.prefix ?? [defaultRoutingPrefix(id)],
        sipIngress: opts.sip ?? [],
      });
      await submitAndShow(cmd, opts, "register", id, payload);
    });

  c.command("update <id>")
    .description("change a carrier you operate (what is not given stays)")
    .option("--name <name>", "display name")
    .option("--prefix <digits>", "routing prefixes, replacing all (repeatable)", collect)
    .option("--sip <uri>", "SIP ingress entries, replacing all (repeatable)", collect)
    .option("--no-sip", "remove every SIP ingress entry")
    .requiredOption("--from <name>", FROM)
    .option("--no-wait", "return once the node accepted the transaction")
    .action(async (rawId: string, opts, cmd: Command) => {
      const id = checkCarrierId(rawId);
      if (opts.name === undefined && opts.prefix === undefined && opts.sip === true)
        throw new TelchainError(
          "BAD_ARGUMENT",
          "nothing to change: give --name, --prefix, --sip or --no-sip",
        );
      const now = (await ctx.get(globals(cmd).api, `/v1/carriers/${id}`)) as CarrierView;
      const sip = opts.sip === false ? [] : Array.isArray(opts.sip) ? opts.sip : now.sipIngress;
      const payload = dataPayload({
        id,
        name: opts.name ?? now.name,
        routingPrefixes: opts.prefix ?? now.routingPrefixes,
        sipIngress: sip,
      });
      await submitAndShow(cmd, opts, "update", id, payload);
    });

  c.command("rotate-keys <id>")
    .description("add and remove operator keys of a carrier you operate")
    .option("--add <address>", "a key to add (repeatable)", collect)
    .option("--remove <address>", "a key to remove (repeatable)", collect)
    .requiredOption("--from <name>", FROM)
    .option("--no-wait", "return once the node accepted the transaction")
    .action(async (rawId: string, opts, cmd: Command) => {
      const id = checkCarrierId(rawId);
      const add = ((opts.add as string[] | undefined) ?? []).map(address);
      const remove = ((opts.remove as string[] | undefined) ?? []).map(address);
      const p = { id: utf8(id), add, remove };
      checkRotation(p); // the chain's stateless checks, before anything is sent
      await submitAndShow(cmd, opts, "rotate-keys", id, RotateKeysPayload.serialize(p));
    });

  c.command("show <id>")
    .description("a carrier: operators, routing prefixes, SIP ingress")
    .action(async (rawId: string, _opts, cmd: Command) => {
      const g = globals(cmd);
      const v = (await ctx.get(g.api, `/v1/carriers/${checkCarrierId(rawId)}`)) as CarrierView;
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
