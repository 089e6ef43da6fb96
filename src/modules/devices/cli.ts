/**
 * The devices commands:
 *   telchain device register IMEI --from NAME
 *   telchain device transfer IMEI --to ADDRESS --from NAME     (offer; the buyer accepts)
 *   telchain device accept IMEI --from NAME
 *   telchain device cancel-transfer IMEI --from NAME
 *   telchain device report-stolen IMEI --from NAME [--reason lost|stolen|fraud] [--evidence HEX | --evidence-file FILE]
 *   telchain device flag IMEI --reason R --from NAME [--evidence ...]    (carrier operator)
 *   telchain device recover IMEI --from NAME
 *   telchain device show IMEI
 * A malformed IMEI is refused (DEVICES_BAD_IMEI) before anything is sent. Human output on
 * stdout, exactly one JSON object with --json; errors on stderr with exit code 1.
 */
import type { Command } from "commander";
import { globals, keyValues } from "../../cli/output.js";
import { decodeAddress } from "../../crypto/address.js";
import type { CliContext } from "../../module/interface.js";
import { parseImei } from "../../telephony/imei.js";
import { parseEvidence, parseReason } from "./cli/args.js";
import { formatDevice } from "./cli/show.js";
import type { DeviceView } from "./lookup.js";
import { FlagPayload, ImeiPayload, REASONS, TransferPayload } from "./schemas.js";

const FROM = "key name (wallet) or dev0..dev9 on the dev chain";
const NO_WAIT = "return once the node accepted the transaction";
const utf8 = (s: string) => new TextEncoder().encode(s);

type Extra = Record<string, string | null>;

export function devicesCli(program: Command, ctx: CliContext): void {
  const d = program
    .command("device")
    .description("devices: register, sell, report stolen and check handsets by IMEI");

  /** Signs and sends one devices call, then prints the result. */
  async function send(cmd: Command, kind: string, imei: string, payload: Uint8Array, extra: Extra = {}) {
    const g = globals(cmd);
    const opts = cmd.opts() as { from: string; wait: boolean };
    const res = await ctx.submit({
      from: opts.from,
      module: "devices",
      kind,
      payload,
      apiUrl: g.api,
      wait: opts.wait,
    });
    const out = { imei, kind, ...extra, tx: res.hash, status: res.status, height: res.height ?? null };
    ctx.print(g.json, out, () =>
      keyValues([
        ["imei", imei],
        ...Object.entries(extra).filter((e): e is [string, string] => e[1] !== null),
        ["tx", res.hash],
        ["height", res.status === "included" ? res.height : `(${res.status})`],
      ]),
    );
  }

  const signed = (name: string, description: string) =>
    d
      .command(name)
      .description(description)
      .requiredOption("--from <name>", FROM)
      .option("--no-wait", NO_WAIT);

  const imeiOnly = (name: string, description: string) =>
    signed(`${name} <imei>`, description).action(async (imeiArg: string, _o, cmd: Command) => {
      const imei = parseImei(imeiArg, "DEVICES_BAD_IMEI");
      await send(cmd, name, imei, ImeiPayload.serialize({ imei: utf8(imei) }));
    });

  imeiOnly("register", "register a new device: its token is owned by --from (maker or first owner)");

  signed("transfer <imei>", "offer a device you own to an address; it is theirs once they accept")
    .requiredOption("--to <address>", "the buyer (tel1...)")
    .action(async (imeiArg: string, opts: { to: string }, cmd: Command) => {
      const imei = parseImei(imeiArg, "DEVICES_BAD_IMEI");
      const to = decodeAddress(opts.to);
      await send(cmd, "transfer", imei, TransferPayload.serialize({ imei: utf8(imei), to }), { to: opts.to });
    });

  imeiOnly("accept", "accept a device offered to you: you become its owner");
  imeiOnly("cancel-transfer", "withdraw your open offer of a device");

  const flagAction =
    (kind: "report-stolen" | "flag") =>
    async (
      imeiArg: string,
      opts: { reason: string; evidence?: string; evidenceFile?: string },
      cmd: Command,
    ) => {
      const imei = parseImei(imeiArg, "DEVICES_BAD_IMEI");
      const reason = parseReason(opts.reason);
      const evidence = parseEvidence(opts);
      const payload = FlagPayload.serialize({ imei: utf8(imei), reason: REASONS.indexOf(reason), evidence });
      const hasEvidence = evidence.some((b) => b !== 0);
      await send(cmd, kind, imei, payload, {
        reason,
        evidence: hasEvidence ? Buffer.from(evidence).toString("hex") : null,
      });
    };
  const EVIDENCE = "hash of the evidence (e.g. a police report), 64 hex digits";
  const EVIDENCE_FILE = "a file whose SHA-256 is the evidence (the file is not sent)";

  signed("report-stolen <imei>", "report a device you own as lost, stolen or obtained by fraud")
    .option("--reason <reason>", REASONS.join(" | "), "stolen")
    .option("--evidence <hex>", EVIDENCE)
    .option("--evidence-file <file>", EVIDENCE_FILE)
    .action(flagAction("report-stolen"));

  signed("flag <imei>", "flag a device as a carrier (--from must be an operator of a registered carrier)")
    .requiredOption("--reason <reason>", REASONS.join(" | "))
    .option("--evidence <hex>", EVIDENCE)
    .option("--evidence-file <file>", EVIDENCE_FILE)
    .action(flagAction("flag"));

  imeiOnly("recover", "clear a report (the owner) or a carrier's flag (the owner or that carrier)");

  d.command("show <imei>")
    .description("check a device: CLEAN, STOLEN or UNREGISTERED, its owner and history")
    .action(async (imeiArg: string, _o, cmd: Command) => {
      const g = globals(cmd);
      const imei = parseImei(imeiArg, "DEVICES_BAD_IMEI");
      const v = (await ctx.get(g.api, `/v1/devices/${imei}`)) as DeviceView;
      ctx.print(g.json, v, () => formatDevice(v));
    });
}
