/**
 * The ENUM module's commands:
 *   telchain enum register E164 --from NAME [--sip URI] [--record JSON]... [--verifier URL]
 *   telchain enum set | transfer | renew | reattest | show | verifiers | challenge
 *   telchain verifier serve
 * Human output on stdout (progress on stderr), exactly one JSON object with --json.
 */
import type { Command } from "commander";
import { keyValues } from "../../cli/output.js";
import { TelchainError } from "../../errors.js";
import type { CliContext } from "../../module/interface.js";
import { parseE164, parseRouteNumber } from "../../telephony/e164.js";
import { globalsOf } from "./cli/common.js";
import { reattestNumber, renewNumber, requestChallenge, setRecords, transferNumber } from "./cli/manage.js";
import { collect, recordsFromOptions } from "./cli/records-args.js";
import { registerNumber } from "./cli/register.js";
import { registerVerifierCommands } from "./cli/serve.js";
import { formatNumber, formatVerifiers, type NumberView, naptrLine, type VerifierView } from "./cli/show.js";

const FROM = "key name (wallet) or dev0..dev9 on the dev chain";
const VERIFIER = "URL of a verifier service (default on the dev chain: the dev verifier, signed locally)";

function withAttestOptions(cmd: Command): Command {
  return cmd
    .option("--verifier <url>", VERIFIER)
    .option(
      "--challenge <id>",
      "answer an existing challenge (from `enum challenge`) instead of asking for a code",
    )
    .option("--code <code>", "the code of --challenge (else it is asked for: prompt, or a line on stdin)");
}

function txLines(r: {
  tx: string;
  status: string;
  height?: number;
}): [string, string | number | undefined][] {
  return [
    ["tx", r.tx],
    ["height", r.status === "included" ? r.height : `(${r.status})`],
  ];
}

export function enumCli(program: Command, ctx: CliContext): void {
  const e = program
    .command("enum")
    .description("ENUM: E.164 numbers on chain, served as NAPTR records over DNS");

  withAttestOptions(
    e
      .command("register <e164>")
      .description("register a number: commit, wait, attestation, reveal")
      .requiredOption("--from <name>", FROM)
      .option("--sip <uri>", 'a SIP record: NAPTR 100 10 "U" "E2U+sip" "!^.*$!URI!" .')
      .option("--record <json>", "a NAPTR record as JSON (repeatable)", collect)
      .option("--no-wait", "return once the node accepted the reveal"),
  ).action(async (number: string, opts, cmd: Command) => {
    const g = globalsOf(cmd);
    parseE164(number, "ENUM_BAD_NUMBER"); // refuse a bad number before anything else
    const records = recordsFromOptions(opts);
    const r = await registerNumber(ctx, g, { ...opts, number, records });
    ctx.print(g.json, r, () =>
      keyValues([
        ["number", r.number],
        ["owner", r.owner],
        ["commit tx", r.commitTx],
        ["register tx", r.registerTx],
        ["height", r.height ?? `(${r.status})`],
        ["expires at", r.expiresAt],
      ]),
    );
  });

  e.command("set <e164>")
    .description("replace the records of a number you own")
    .requiredOption("--from <name>", FROM)
    .option("--sip <uri>", "a SIP record (see register)")
    .option("--record <json>", "a NAPTR record as JSON (repeatable)", collect)
    .option("--no-wait", "return once the node accepted the transaction")
    .action(async (number: string, opts, cmd: Command) => {
      const g = globalsOf(cmd);
      parseE164(number, "ENUM_BAD_NUMBER");
      if (opts.sip === undefined && opts.record === undefined)
        throw new TelchainError("BAD_ARGUMENT", "give the new records: --sip URI and/or --record JSON");
      const r = await setRecords(ctx, g, {
        number,
        from: opts.from,
        records: recordsFromOptions(opts),
        wait: opts.wait,
      });
      ctx.print(g.json, r, () =>
        [keyValues([["number", r.number], ...txLines(r)]), ...r.records.map((x) => `  ${naptrLine(x)}`)].join(
          "\n",
        ),
      );
    });

  e.command("transfer <e164>")
    .description("hand a number you own to another address")
    .requiredOption("--to <address>", "new owner (tel1...)")
    .requiredOption("--from <name>", FROM)
    .option("--no-wait", "return once the node accepted the transaction")
    .action(async (number: string, opts, cmd: Command) => {
      const g = globalsOf(cmd);
      const r = await transferNumber(ctx, g, { number, from: opts.from, to: opts.to, wait: opts.wait });
      ctx.print(g.json, r, () => keyValues([["number", r.number], ["to", r.to], ...txLines(r)]));
    });

  e.command("renew <e164>")
    .description("extend the registration of a number you own")
    .requiredOption("--from <name>", FROM)
    .option("--no-wait", "return once the node accepted the transaction")
    .action(async (number: string, opts, cmd: Command) => {
      const g = globalsOf(cmd);
      const r = await renewNumber(ctx, g, { number, from: opts.from, wait: opts.wait });
      ctx.print(g.json, r, () =>
        keyValues([
          ["number", r.number],
          ...txLines(r),
          ["expires at", "expiresAt" in r ? r.expiresAt : undefined],
        ]),
      );
    });

  withAttestOptions(
    e
      .command("reattest <e164>")
      .description("present a fresh attestation for a number you own")
      .requiredOption("--from <name>", FROM)
      .option("--no-wait", "return once the node accepted the transaction"),
  ).action(async (number: string, opts, cmd: Command) => {
    const g = globalsOf(cmd);
    const r = await reattestNumber(ctx, g, { ...opts, number });
    ctx.print(g.json, r, () =>
      keyValues([
        ["number", r.number],
        ...txLines(r),
        ["attested until", new Date(r.attestedUntil * 1000).toISOString()],
      ]),
    );
  });

  e.command("challenge <e164>")
    .description(
      "ask a verifier to send a code now (answer it with register/reattest --challenge ID --code CODE)",
    )
    .requiredOption("--from <name>", FROM)
    .requiredOption("--verifier <url>", "URL of the verifier service")
    .action(async (number: string, opts, cmd: Command) => {
      const g = globalsOf(cmd);
      const r = await requestChallenge(ctx, g, { number, from: opts.from, verifier: opts.verifier });
      ctx.print(g.json, r, () =>
        keyValues([
          ["number", r.number],
          ["owner", r.owner],
          ["challenge", r.challengeId],
          ["sent via", r.channel],
          ["expires", new Date(r.expiresAt * 1000).toISOString()],
        ]),
      );
    });

  e.command("show <e164>")
    .description("a number: owner, verifier, expiry, status and NAPTR records")
    .action(async (number: string, _opts, cmd: Command) => {
      const g = globalsOf(cmd);
      const n = parseRouteNumber(number, "ENUM_BAD_NUMBER"); // a lookup may leave out the "+"
      const v = (await ctx.get(g.api, `/v1/enum/${n.digits}`)) as NumberView;
      ctx.print(g.json, v, () => formatNumber(v));
    });

  e.command("verifiers")
    .description("the verifiers whose attestations the chain accepts (and revoked ones)")
    .action(async (_opts, cmd: Command) => {
      const g = globalsOf(cmd);
      const v = (await ctx.get(g.api, "/v1/enum/verifiers")) as { verifiers: VerifierView[] };
      ctx.print(g.json, v, () => formatVerifiers(v.verifiers));
    });

  registerVerifierCommands(program, ctx);
}
