/**
 * `telchain verifier serve`: runs the reference verifier service (../verifier/service.ts)
 * until SIGINT/SIGTERM.
 */
import type { Command } from "commander";
import { globals } from "../../../cli/output.js";
import { DEV_CHAIN_ID, readPassphrase } from "../../../client/signer.js";
import { encodeAddress } from "../../../crypto/address.js";
import { publicKeyFromSeed } from "../../../crypto/ed25519.js";
import { Keystore } from "../../../crypto/keystore.js";
import { TelchainError } from "../../../errors.js";
import type { CliContext } from "../../../module/interface.js";
import { DEFAULT_VALIDITY_SECONDS } from "../attestation.js";
import { devVerifier } from "../dev-verifier.js";
import {
  CommandDeliveryChannel,
  ConsoleDeliveryChannel,
  type DeliveryChannel,
} from "../verifier/delivery.js";
import { createVerifierService } from "../verifier/service.js";
import { nodeStatus } from "./attest.js";

export const DEFAULT_VERIFIER_LISTEN = "127.0.0.1:8653";
const MAX_VALIDITY_SECONDS = 10 * 365 * 86_400;

/** "HOST:PORT" or "[IPv6]:PORT". */
export function parseListen(value: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:\s]+)):([0-9]{1,5})$/.exec(value);
  const port = Number(m?.[3]);
  if (!m || port > 65535)
    throw new TelchainError(
      "BAD_ARGUMENT",
      `--listen must be HOST:PORT (e.g. ${DEFAULT_VERIFIER_LISTEN}), got "${value}"`,
    );
  return { host: m[1] ?? m[2], port };
}

export function parseValidity(s: string): number {
  if (!/^[0-9]{1,10}$/.test(s) || Number(s) < 60 || Number(s) > MAX_VALIDITY_SECONDS)
    throw new TelchainError(
      "BAD_ARGUMENT",
      `--validity must be whole seconds from 60 to ${MAX_VALIDITY_SECONDS}, got "${s}"`,
    );
  return Number(s);
}

interface ServeOptions {
  listen: string;
  key?: string;
  dev?: boolean;
  validity: string;
  chainId?: string;
  deliverCommand?: string;
}

export function registerVerifierCommands(program: Command, ctx: CliContext): void {
  const verifier = program.command("verifier").description("run an ENUM verifier service");
  verifier
    .command("serve")
    .description(
      "serve the reference verifier: sends a code to a number, signs an attestation when it comes back",
    )
    .option("--listen <host:port>", "address to listen on", DEFAULT_VERIFIER_LISTEN)
    .option("--key <name>", "keystore key of the verifier (registered on chain as a verifier)")
    .option("--dev", "dev chain: without --key, sign with the published dev verifier key")
    .option("--validity <seconds>", "how long attestations are valid", String(DEFAULT_VALIDITY_SECONDS))
    .option(
      "--chain-id <id>",
      "chain the attestations are for (default: the node's at --api; telchain-dev with --dev)",
    )
    .option(
      "--deliver-command <program>",
      "send codes by running PROGRAM NUMBER with the code on stdin (default: print them, console channel)",
    )
    .action(async (opts: ServeOptions, cmd: Command) => {
      const g = globals(cmd);
      const { host, port } = parseListen(opts.listen);
      const validitySeconds = parseValidity(opts.validity);
      const chainId = opts.chainId ?? (opts.dev ? DEV_CHAIN_ID : (await nodeStatus(ctx, g.api)).chainId);
      const seed32 = await verifierKey(opts, chainId);
      const channel: DeliveryChannel = opts.deliverCommand
        ? new CommandDeliveryChannel(opts.deliverCommand)
        : new ConsoleDeliveryChannel();
      const app = await createVerifierService({ seed32, chainId, channel, validitySeconds });
      const url = await app.listen({ host, port });
      const address = encodeAddress(publicKeyFromSeed(seed32));
      process.stdout.write(
        `verifier ${address} for chain ${chainId} listening on ${url} (codes via ${channel.name})\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await app.close();
    });
}

async function verifierKey(opts: ServeOptions, chainId: string): Promise<Uint8Array> {
  if (opts.key !== undefined) {
    const unlocked = new Keystore().unlock(opts.key, await readPassphrase(opts.key));
    return unlocked.seed32;
  }
  if (!opts.dev)
    throw new TelchainError(
      "VERIFIER_KEY_REQUIRED",
      "give --key NAME (a keystore key), or --dev for the dev verifier key",
    );
  if (chainId !== DEV_CHAIN_ID)
    throw new TelchainError(
      "VERIFIER_DEV_KEY",
      `the dev verifier key is public: it signs only for ${DEV_CHAIN_ID}, not ${chainId}`,
    );
  return devVerifier().seed32;
}
