/**
 * The ENUM module's commands:
 *   telchain enum register E164 --from NAME [--sip URI] [--record JSON]... [--verifier URL]
 *   telchain enum set | transfer | renew | reattest | show | verifiers | challenge
 *   telchain verifier serve
 * Human output on stdout (progress on stderr), exactly one JSON object with --json.
 */
import type { Command } from "commander";
import { e164Argument } from "../../cli/arguments.js";
import { globals, keyValues } from "../../cli/output.js";
import { signedCommand } from "../../cli/signed-command.js";
import { decodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import type { CliContext } from "../../module/interface.js";
import { nodeStatus, ownerOf, prepareAttestation, progressFor } from "./cli/attest.js";
import { collect, recordsFromOptions } from "./cli/records-args.js";
import { registerNumber } from "./cli/register.js";
import { registerVerifierCommands } from "./cli/serve.js";
import { VerifierClient } from "./cli/verifier-client.js";
import { formatVerifier, naptrLine } from "./format.js";
import { enumCalls } from "./kinds/index.js";
import type { EnumNumberView, EnumVerifierView } from "./routes.js";

const FROM = "key name (wallet) or dev0..dev9 on the dev chain";
/** Every command takes "+15551234567" or "15551234567" (the CLI's one E.164 rule). */
const number = (raw: string) => e164Argument(raw, "ENUM_BAD_NUMBER");

const withRecords = (cmd: Command, sip: string) =>
  cmd.option("--sip <uri>", sip).option("--record <json>", "a NAPTR record as JSON (repeatable)", collect);
const withAttestOptions = (cmd: Command) =>
  cmd
    .option(
      "--verifier <url>",
      "URL of a verifier service (default on the dev chain: the dev verifier, signed locally)",
    )
    .option(
      "--challenge <id>",
      "answer an existing challenge (from `enum challenge`) instead of asking for a code",
    )
    .option("--code <code>", "the code of --challenge (else it is asked for: prompt, or a line on stdin)");

export function enumCli(program: Command, ctx: CliContext): void {
  const e = program
    .command("enum")
    .description("ENUM: E.164 numbers on chain, served as NAPTR records over DNS");
  const view = async (api: string, digits: string) =>
    (await ctx.get(api, `/v1/enum/${digits}`)) as EnumNumberView;

  withAttestOptions(
    withRecords(
      e
        .command("register <e164>")
        .description("register a number: commit, wait, attestation, reveal")
        .requiredOption("--from <name>", FROM),
      'a SIP record: NAPTR 100 10 "U" "E2U+sip" "!^.*$!URI!" .',
    ).option("--no-wait", "return once the node accepted the reveal"),
  ).action(async (raw: string, opts, cmd: Command) => {
    const g = globals(cmd);
    const n = number(raw); // refuse a bad number before anything else
    const r = await registerNumber(ctx, g, n, { ...opts, records: recordsFromOptions(opts) });
    ctx.print(g.json, r, () =>
      keyValues([
        ["number", r.number],
        ["owner", r.owner],
        ["commit tx", r.commitTx],
        ["register tx", r.registerTx],
        ["height", "height" in r ? r.height : `(${r.status})`],
        ["expires at", "expiresAt" in r ? r.expiresAt : undefined],
      ]),
    );
  });

  signedCommand(e, ctx, {
    name: "set <e164>",
    description: "replace the records of a number you own",
    options: (c) => withRecords(c, "a SIP record (see register)"),
    build: ([raw], o) => {
      const n = number(raw);
      if (o.sip === undefined && o.record === undefined)
        throw new TelchainError("BAD_ARGUMENT", "give the new records: --sip URI and/or --record JSON");
      return enumCalls.set({ number: n.text, records: recordsFromOptions(o) });
    },
    show: async (_r, [raw], o) => {
      const records = recordsFromOptions(o);
      const n = number(raw).text;
      return { json: { number: n, records }, human: [`number  ${n}`, ...records.map(naptrLine)].join("\n") };
    },
  });

  signedCommand(e, ctx, {
    name: "transfer <e164>",
    description: "hand a number you own to another address",
    options: (c) => c.requiredOption("--to <address>", "new owner (tel1...)"),
    build: ([raw], o) => enumCalls.transfer({ number: number(raw).text, to: decodeAddress(o.to as string) }),
    show: async (_r, [raw], o) => {
      const shown = { number: number(raw).text, to: o.to as string };
      return { json: shown, human: keyValues(Object.entries(shown)) };
    },
  });

  signedCommand(e, ctx, {
    name: "renew <e164>",
    description: "extend the registration of a number you own",
    build: ([raw]) => enumCalls.renew({ number: number(raw).text }),
    show: async (r, [raw]) => {
      const n = number(raw);
      const expiresAt = r.status === "included" ? (await view(r.api, n.digits)).expiresAt : undefined;
      return {
        json: { number: n.text, ...(expiresAt !== undefined && { expiresAt }) },
        human: keyValues([
          ["number", n.text],
          ["expires at", expiresAt],
        ]),
      };
    },
  });

  let reattest: Command | undefined;
  let attestedUntil = 0;
  signedCommand(e, ctx, {
    name: "reattest <e164>",
    description: "present a fresh attestation for a number you own",
    options: (c) => {
      reattest = withAttestOptions(c);
      return reattest;
    },
    build: async ([raw], o, api) => {
      const n = number(raw);
      const source = await prepareAttestation(ctx, api, o.from as string, n.text, o);
      const progress = progressFor(reattest ? globals(reattest).json : false);
      progress(`attestation from ${source.describe}`);
      const attestation = await source.obtain(progress);
      attestedUntil = attestation.validUntil;
      return enumCalls.reattest({ number: n.text, attestation });
    },
    show: async (_r, [raw]) => ({
      json: { number: number(raw).text, attestedUntil },
      human: keyValues([
        ["number", number(raw).text],
        ["attested until", new Date(attestedUntil * 1000).toISOString()],
      ]),
    }),
  });

  e.command("challenge <e164>")
    .description(
      "ask a verifier to send a code now (answer it with register/reattest --challenge ID --code CODE)",
    )
    .requiredOption("--from <name>", FROM)
    .requiredOption("--verifier <url>", "URL of the verifier service")
    .action(async (raw: string, opts, cmd: Command) => {
      const g = globals(cmd);
      const n = number(raw);
      const owner = await ownerOf(opts.from, (await nodeStatus(ctx, g.api)).chainId);
      const c = await new VerifierClient(opts.verifier).challenge(n.text, owner.address);
      const r = { number: n.text, owner: owner.address, ...c };
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

  e.command("verifiers")
    .description("the verifiers whose attestations the chain accepts (and revoked ones)")
    .action(async (_opts, cmd: Command) => {
      const g = globals(cmd);
      const v = (await ctx.get(g.api, "/v1/enum/verifiers")) as { verifiers: EnumVerifierView[] };
      ctx.print(g.json, v, () =>
        v.verifiers.length ? v.verifiers.map(formatVerifier).join("\n") : "no verifiers",
      );
    });

  registerVerifierCommands(program, ctx);
}
