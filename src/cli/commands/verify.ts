/**
 * `telchain verify WHAT ID`: the SDK's light client against one or more nodes (--node, repeatable;
 * --api by default) checks the headers from genesis (or a pinned --genesis hash), then the
 * record's Merkle proof against a checked header's state root, and says what it checked.
 *
 * The command is generic (the core knows no telephony): WHAT is a module with provable records
 * (moduleProofs()), named as it is or without its plural s ("device" for devices, "number" for
 * numbers), or a record name only one module has, or "account" for an address. So
 * `verify number +1555…`, `verify device IMEI` and `verify enum +1555…` come from the modules'
 * own proofs, with no list of telephony names here.
 */
import type { Command } from "commander";
import { TelchainError } from "../../errors.js";
import type { ModuleProof } from "../../module/proof.js";
import { moduleProofs } from "../../modules/proofs.js";
import { LightClient, type NodeReport, type VerifiedRecord } from "../../sdk/light-client.js";
import { globals, keyValues, print } from "../output.js";

/** The module (and record, when WHAT named one) that WHAT stands for. */
export function resolveWhat(
  what: string,
  proofs: Record<string, ModuleProof[]>,
): { module: string; record?: string } {
  if (Object.hasOwn(proofs, what)) return { module: what };
  if (Object.hasOwn(proofs, `${what}s`)) return { module: `${what}s` };
  const having = Object.keys(proofs).filter((m) => proofs[m].some((p) => p.record === what));
  if (having.length === 1) return { module: having[0], record: what };
  if (having.length > 1) {
    throw new TelchainError(
      "BAD_ARGUMENT",
      `"${what}" is a record of ${having.join(" and ")}: name the module and pass --record ${what}`,
    );
  }
  throw new TelchainError(
    "SDK_UNKNOWN_MODULE",
    `nothing provable is called "${what}": give account, a module (${Object.keys(proofs).join(", ")}) or one of their records`,
  );
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function nodeLine(n: NodeReport): string {
  const tip = n.tip ? ` tip ${n.tip.height}` : "";
  return `${n.url}  ${n.status}${tip}${n.code ? ` [${n.code}] ${n.reason}` : ""}`;
}

function human(r: VerifiedRecord, nodes: NodeReport[]): string {
  const value = r.value === null ? "absent (proven)" : JSON.stringify(r.value, null, 2);
  return [
    keyValues([
      ["verified", `${r.module}/${r.record} ${r.id}`],
      ["present", r.present ? "yes" : "no"],
      ["block", `${r.block.height} ${r.block.hash}`],
      ["state root", r.block.stateRoot],
      ["answered by", r.node],
    ]),
    "checked:",
    ...r.checked.map((c) => `  ${c}`),
    "nodes:",
    ...nodes.map((n) => `  ${nodeLine(n)}`),
    `record: ${value}`,
  ].join("\n");
}

export function registerVerifyCommand(program: Command): void {
  program
    .command("verify <what> <id>")
    .description(
      "verify a record with a light client: headers from genesis (work, ASERT bits, median time), then the record's Merkle proof against a checked block; WHAT is account, a module (number, device, enum…) or a record name",
    )
    .option("--record <name>", "which of the module's records (default: its first)")
    .option("--node <url>", "a node to follow (repeatable; default: --api)", collect)
    .option("--genesis <hash>", "pin the genesis hash instead of taking the one every node agrees on")
    .action(
      async (
        what: string,
        id: string,
        o: { record?: string; node?: string[]; genesis?: string },
        cmd: Command,
      ) => {
        const g = globals(cmd);
        const lc = new LightClient({
          nodes: o.node ?? [g.api],
          trust: o.genesis === undefined ? undefined : { genesisHash: o.genesis },
        });
        // verifyRecord parses the id before it syncs: a malformed id is refused without a request.
        let result: VerifiedRecord;
        if (what === "account") {
          result = await lc.verifyAccount(id);
        } else {
          const target = resolveWhat(what, moduleProofs());
          result = await lc.verifyRecord(target.module, id, { record: o.record ?? target.record });
        }
        const seen = { ...lc.stats(), nodes: lc.nodes() };
        print(g.json, { ...result, ...seen }, () => human(result, seen.nodes));
      },
    );
}
