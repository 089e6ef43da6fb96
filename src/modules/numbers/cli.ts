/**
 * The number portability commands:
 *   telchain number claim E164 --carrier ID --from KEY       (locks the claim deposit)
 *   telchain number confirm E164 [--routing-number RN] --from OPERATOR
 *   telchain number port E164 --to-carrier ID --from KEY     (burns the port fee)
 *   telchain number accept-port E164 [--routing-number RN] --from OPERATOR
 *   telchain number release E164 --from KEY                  (deposit back)
 *   telchain number show E164
 * Arguments are checked before anything is sent; after inclusion the number is shown.
 */
import type { Command } from "commander";
import { globals, keyValues } from "../../cli/output.js";
import { utf8 } from "../../crypto/hash.js";
import { TelchainError } from "../../errors.js";
import type { CliContext } from "../../module/interface.js";
import { checkCarrierId } from "../carriers/validate.js";
import { checkRoutingNumber, parseLookupNumber, parseNumber } from "./number-args.js";
import { CarrierActPayload, ClaimPayload, PortPayload, ReleasePayload } from "./schemas.js";
import type { NumberView } from "./view.js";

const FROM = "key name (wallet) or dev0..dev9 on the dev chain";
const RN = "routing number: digits starting with a routing prefix of the carrier (default: its first prefix)";

function carrierArg(id: string): string {
  try {
    return checkCarrierId(id);
  } catch (e) {
    throw new TelchainError("NUMBERS_CARRIER_UNKNOWN", (e as Error).message);
  }
}

function routingArg(rn: string | undefined): Uint8Array {
  const b = utf8(rn ?? "");
  checkRoutingNumber(b);
  if (b.length > 15)
    throw new TelchainError("NUMBERS_BAD_ROUTING_NUMBER", "routing number has more than 15 digits");
  return b;
}

export function formatNumber(v: NumberView): string {
  const head = keyValues([
    ["number", v.number],
    ["holder", v.holder],
    ["carrier", v.carrier],
    ["routing number", v.routingNumber === null ? "(none yet)" : `+${v.routingNumber}`],
    ["ported", v.ported ? "yes" : "no"],
    ["status", v.status === "active" ? "active" : `${v.status} (confirm by height ${v.confirmBy})`],
    ["deposit", v.deposit],
    [
      "pending port",
      v.pendingPort ? `to ${v.pendingPort.toCarrier} until height ${v.pendingPort.deadline}` : undefined,
    ],
  ]);
  const history = v.history.map((h) => {
    const move = [h.fromCarrier, h.toCarrier].filter((x) => x !== null).join(" -> ");
    return `  #${h.seq} height ${h.height}  ${h.kind}  ${move}${h.routingNumber ? `  rn +${h.routingNumber}` : ""}`;
  });
  return [head, "history", ...history].join("\n");
}

export function numbersCli(program: Command, ctx: CliContext): void {
  const cmd = program.command("number").description("number portability: claim, confirm, port, release");

  async function submitAndShow(
    c: Command,
    opts: { from: string; wait: boolean },
    kind: string,
    number: { text: string; digits: string },
    payload: Uint8Array,
  ): Promise<void> {
    const g = globals(c);
    const res = await ctx.submit({
      from: opts.from,
      module: "numbers",
      kind,
      payload,
      apiUrl: g.api,
      wait: opts.wait,
    });
    // After a release the number is gone (404): show nothing then.
    const entry =
      res.status === "included" && kind !== "release"
        ? ((await ctx.get(g.api, `/v1/numbers/${number.digits}`)) as NumberView)
        : undefined;
    const out = { number: number.text, tx: res.hash, status: res.status, height: res.height, entry };
    ctx.print(g.json, out, () =>
      [
        keyValues([
          ["tx", res.hash],
          ["height", res.status === "included" ? res.height : `(${res.status})`],
        ]),
        ...(entry
          ? [formatNumber(entry)]
          : [`${number.text} ${res.status === "included" ? "released" : "release submitted"}`]),
      ].join("\n"),
    );
  }

  const tx = (name: string, description: string) =>
    cmd
      .command(`${name} <e164>`)
      .description(description)
      .requiredOption("--from <name>", FROM)
      .option("--no-wait", "return once the node accepted the transaction");

  tx("claim", "claim a number with a carrier (locks the claim deposit until release)")
    .requiredOption("--carrier <id>", "the carrier that will confirm the claim")
    .action(async (raw: string, opts, c: Command) => {
      const n = parseNumber(raw);
      const payload = ClaimPayload.serialize({
        number: utf8(n.text),
        carrier: utf8(carrierArg(opts.carrier)),
      });
      await submitAndShow(c, opts, "claim", n, payload);
    });

  /** confirm and accept-port: a carrier operator acts on a number, optionally naming the routing number. */
  const carrierAct = (kind: "confirm" | "accept-port", description: string) =>
    tx(kind, description)
      .option("--routing-number <digits>", RN)
      .action(async (raw: string, opts, c: Command) => {
        const n = parseNumber(raw);
        const payload = CarrierActPayload.serialize({
          number: utf8(n.text),
          routingNumber: routingArg(opts.routingNumber),
        });
        await submitAndShow(c, opts, kind, n, payload);
      });

  carrierAct("confirm", "as the carrier's operator, confirm a claim");

  tx("port", "as the holder, ask to move a number to another carrier (burns the port fee)")
    .requiredOption("--to-carrier <id>", "the gaining carrier")
    .action(async (raw: string, opts, c: Command) => {
      const n = parseNumber(raw);
      const payload = PortPayload.serialize({
        number: utf8(n.text),
        toCarrier: utf8(carrierArg(opts.toCarrier)),
      });
      await submitAndShow(c, opts, "port", n, payload);
    });

  carrierAct("accept-port", "as the gaining carrier's operator, accept a pending port");

  tx("release", "give up a number you hold, or withdraw your claim (the deposit comes back)").action(
    async (raw: string, opts, c: Command) => {
      const n = parseNumber(raw);
      await submitAndShow(c, opts, "release", n, ReleasePayload.serialize({ number: utf8(n.text) }));
    },
  );

  cmd
    .command("show <e164>")
    .description("a number: holder, carrier, routing number, pending port, history")
    .action(async (raw: string, _opts, c: Command) => {
      const g = globals(c);
      const n = parseLookupNumber(raw);
      const v = (await ctx.get(g.api, `/v1/numbers/${n.digits}`)) as NumberView;
      ctx.print(g.json, v, () => formatNumber(v));
    });
}
