/**
 * The number portability commands:
 *   telchain number claim E164 --carrier ID --from KEY       (locks the claim deposit)
 *   telchain number confirm E164 [--routing-number RN] --from OPERATOR
 *   telchain number port E164 --to-carrier ID --from KEY     (burns the port fee)
 *   telchain number accept-port E164 [--routing-number RN] --from OPERATOR
 *   telchain number release E164 --from KEY                  (deposit back)
 *   telchain number show E164
 * Each call is checked as the chain checks it (decode, parse) before it is sent; after
 * inclusion the number is shown.
 */
import type { Command } from "commander";
import { globals, keyValues } from "../../cli/output.js";
import { signedCommand } from "../../cli/signed-command.js";
import type { CliContext, TxKind } from "../../module/interface.js";
import type { ModuleCall } from "../../module/kind.js";
import { parseRouteNumber } from "../../telephony/e164.js";
import { numbersCalls, numbersKinds } from "./kinds/index.js";
import type { NumberView } from "./routes.js";

type Opts = Record<string, string | undefined>;
const RN = "routing number: digits starting with a routing prefix of the carrier (default: its first prefix)";

/** The chain's stateless checks of a call (payload decode with its text rules, then parse). */
function checked(call: ModuleCall): ModuleCall {
  const kind: TxKind = numbersKinds[call.kind as keyof typeof numbersKinds];
  kind.parse?.(kind.payload.deserialize(call.payload), undefined as never);
  return call;
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
  const getNumber = (api: string, digits: string) =>
    ctx.get(api, `/v1/numbers/${digits}`) as Promise<NumberView>;

  /** A signed command on a number; after inclusion the number is shown (after a release it is gone). */
  const tx = (
    kind: keyof typeof numbersKinds,
    description: string,
    build: (number: string, o: Opts) => ModuleCall,
    options?: (c: Command) => Command,
  ) =>
    signedCommand(cmd, ctx, {
      name: `${kind} <e164>`,
      description,
      options,
      build: ([number], o) => checked(build(number, o as Opts)),
      async show(r, [number]) {
        const done = r.status === "included";
        if (kind === "release")
          return { json: { number }, human: `${number} ${done ? "released" : "release submitted"}` };
        const entry = done ? await getNumber(r.api, number.slice(1)) : undefined;
        return { json: { number, entry }, human: entry && formatNumber(entry) };
      },
    });
  const routing = (c: Command) => c.option("--routing-number <digits>", RN);
  const act = (kind: "confirm" | "accept-port") => (number: string, o: Opts) =>
    numbersCalls[kind]({ number, routingNumber: o.routingNumber ?? "" });

  tx(
    "claim",
    "claim a number with a carrier (locks the claim deposit until release)",
    (number, o) => numbersCalls.claim({ number, carrier: String(o.carrier) }),
    (c) => c.requiredOption("--carrier <id>", "the carrier that will confirm the claim"),
  );
  tx("confirm", "as the carrier's operator, confirm a claim", act("confirm"), routing);
  tx(
    "port",
    "as the holder, ask to move a number to another carrier (burns the port fee)",
    (number, o) => numbersCalls.port({ number, toCarrier: String(o.toCarrier) }),
    (c) => c.requiredOption("--to-carrier <id>", "the gaining carrier"),
  );
  tx("accept-port", "as the gaining carrier's operator, accept a pending port", act("accept-port"), routing);
  tx("release", "give up a number you hold, or withdraw your claim (the deposit comes back)", (number) =>
    numbersCalls.release({ number }),
  );

  cmd
    .command("show <e164>")
    .description("a number: holder, carrier, routing number, pending port, history")
    .action(async (raw: string, _opts, c: Command) => {
      const g = globals(c);
      const v = await getNumber(g.api, parseRouteNumber(raw, "NUMBERS_BAD_NUMBER").digits);
      ctx.print(g.json, v, () => formatNumber(v));
    });
}
