/**
 * `telchain carrier register|update|rotate-keys|show|list`. Without --prefix, register uses
 * defaultRoutingPrefix(id); update keeps what is not given; calls are checked before sending.
 */
import type { Command } from "commander";
import { type SignedCommandSpec, signedCommand } from "../../cli/signed-command.js";
import { decodeAddress } from "../../crypto/address.js";
import { taggedHash, utf8 } from "../../crypto/hash.js";
import { TelchainError } from "../../errors.js";
import type { CliContext } from "../../module/interface.js";
import { checkCall, type ModuleCall } from "../../module/kind.js";
import { formatCarrier } from "./format.js";
import { carriersCalls, carriersKinds } from "./kinds/index.js";
import type { CarrierView } from "./routes.js";
import { CarrierId } from "./schemas.js";

const collect = (v: string, prev: string[] = []) => [...prev, v];
const list = (v: unknown) => v as string[] | undefined;

/**
 * The routing prefix of a carrier registered without --prefix: "1" and six digits from a
 * hash of the id, so a script registering AAA always gets the same one. Not checked for
 * uniqueness (two ids share one with odds of one in a million; give --prefix to choose).
 */
export function defaultRoutingPrefix(id: string): string {
  const h = taggedHash("telchain/carriers/default-prefix", utf8(CarrierId.check(id)));
  return `1${String(new DataView(h.buffer, h.byteOffset, 4).getUint32(0) % 1_000_000).padStart(6, "0")}`;
}

const checked = (call: ModuleCall) => checkCall(carriersKinds, call);

export function carriersCli(program: Command, ctx: CliContext): void {
  const c = program.command("carrier").description("carriers: operators, routing prefixes, SIP ingress");
  const getCarrier = (api: string, id: string) => ctx.get(api, `/v1/carriers/${id}`) as Promise<CarrierView>;
  const show: SignedCommandSpec["show"] = async (r, [id], o) => {
    const carrier = r.status === "included" ? await getCarrier(r.api, id ?? String(o.id)) : undefined;
    return { json: { carrier }, human: carrier && formatCarrier(carrier) };
  };
  /** A signed command whose call is checked before it is sent; the carrier is shown after inclusion. */
  const signed = (spec: Omit<SignedCommandSpec, "show">) =>
    signedCommand(c, ctx, { ...spec, build: async (...a) => checked(await spec.build(...a)), show });
  const data = (kind: "register" | "update", id: string, name: string, prefixes: string[], sip: string[]) =>
    carriersCalls[kind]({ id, name, routingPrefixes: prefixes, sipIngress: sip });
  const dataOptions = (cmd: Command, prefix: string) =>
    cmd
      .option("--prefix <digits>", `a routing-number prefix (repeatable; ${prefix})`, collect)
      .option("--sip <uri>", "a SIP ingress: sip:/sips: URI or host:port (repeatable)", collect);

  signed({
    name: "register",
    description: "register a carrier; your key becomes its first operator",
    options: (cmd) =>
      dataOptions(
        cmd
          .requiredOption("--id <id>", "3 to 8 upper-case letters or digits, like a SPID")
          .requiredOption("--name <name>", "display name (1 to 64 bytes)"),
        "default derived from the id",
      ),
    build: (_, { id, name, prefix, sip }) => {
      const prefixes = list(prefix) ?? [defaultRoutingPrefix(String(id))];
      return data("register", String(id), String(name), prefixes, list(sip) ?? []);
    },
  });

  signed({
    name: "update <id>",
    description: "change a carrier you operate (what is not given stays)",
    options: (cmd) =>
      dataOptions(cmd.option("--name <name>", "display name"), "replaces all").option(
        "--no-sip",
        "no SIP ingress",
      ),
    async build([id], { name, prefix, sip }, api) {
      if (name === undefined && prefix === undefined && sip === undefined)
        throw new TelchainError("BAD_ARGUMENT", "nothing to change: give --name, --prefix or --(no-)sip");
      const now = await getCarrier(api, CarrierId.check(id));
      const sipIngress = sip === false ? [] : (list(sip) ?? now.sipIngress);
      return data("update", id, String(name ?? now.name), list(prefix) ?? now.routingPrefixes, sipIngress);
    },
  });

  signed({
    name: "rotate-keys <id>",
    description: "add and remove operator keys of a carrier you operate",
    options: (cmd) =>
      cmd
        .option("--add <address>", "a key to add (repeatable)", collect)
        .option("--remove <address>", "a key to remove (repeatable)", collect),
    build: ([id], o) => {
      const [add, remove] = [o.add, o.remove].map((keys) => (list(keys) ?? []).map(decodeAddress));
      return carriersCalls["rotate-keys"]({ id, add, remove });
    },
  });
}
