/**
 * `telchain number claim|confirm|port|accept-port|release|show E164 ...`: E164 is "+1555..." or
 * bare digits (the CLI's one rule); each call is checked as the chain checks it before sending.
 */
import type { Command } from "commander";
import { e164Argument } from "../../cli/arguments.js";
import { keyValues } from "../../cli/output.js";
import { signedCommand } from "../../cli/signed-command.js";
import type { CliContext } from "../../module/interface.js";
import { checkCall, type ModuleCall } from "../../module/kind.js";
import { numbersCalls, numbersKinds } from "./kinds/index.js";
import type { NumberView } from "./routes.js";

const RN = "routing number: digits starting with a routing prefix of the carrier (default: its first prefix)";

const checked = (call: ModuleCall) => checkCall(numbersKinds, call);
const parseNumber = (raw: string) => e164Argument(raw, "NUMBERS_BAD_NUMBER");

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

  /**
   * A signed command on a number: the payload is the number and the options of the same
   * names (--carrier, --to-carrier, --routing-number). After inclusion the number is shown
   * (after a release it is gone).
   */
  const tx = (kind: keyof typeof numbersKinds, description: string, options: (c: Command) => Command) =>
    signedCommand(cmd, ctx, {
      name: `${kind} <e164>`,
      description,
      options,
      build: ([number], o) => {
        const call = numbersCalls[kind] as (payload: unknown) => ModuleCall;
        return checked(call({ routingNumber: "", ...o, number: parseNumber(number).text }));
      },
      async show(r, [raw]) {
        const { text: number, digits } = parseNumber(raw);
        const done = r.status === "included";
        if (kind === "release")
          return { json: { number }, human: `${number} ${done ? "released" : "release submitted"}` };
        const entry = done ? await getNumber(r.api, digits) : undefined;
        return { json: { number, entry }, human: entry && formatNumber(entry) };
      },
    });
  const routing = (c: Command) => c.option("--routing-number <digits>", RN);

  tx("claim", "claim a number with a carrier (locks the claim deposit until release)", (c) =>
    c.requiredOption("--carrier <id>", "the carrier that will confirm the claim"),
  );
  tx("confirm", "as the carrier's operator, confirm a claim", routing);
  tx("port", "as the holder, ask to move a number to another carrier (burns the port fee)", (c) =>
    c.requiredOption("--to-carrier <id>", "the gaining carrier"),
  );
  tx("accept-port", "as the gaining carrier's operator, accept a pending port", routing);
  tx("release", "give up a number you hold, or withdraw your claim (the deposit comes back)", (c) => c);
}
