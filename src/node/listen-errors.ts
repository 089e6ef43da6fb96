/**
 * Errors of a node that cannot listen where it was told to: the message says why (a taken
 * port, a privileged port, an address not of this machine) and names the flag that moves it
 * (--api, --p2p, or a module's own NodeFlag, found generically: the core knows no module).
 */
import { TelchainError } from "../errors.js";
import type { NodeFlag } from "../module/interface.js";
import type { NodeOptions } from "./types.js";

export function formatHostPort(host: string, port: number | string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The system error code of a failed listen (EADDRINUSE, …), also when a library wrapped it. */
function listenErrno(e: unknown): string | undefined {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return code;
  return /\b(EADDRINUSE|EACCES|EADDRNOTAVAIL)\b/.exec(String((e as Error)?.message ?? e))?.[1];
}

/**
 * The reason in an error message: a libp2p listen error's first line is generic ("Some
 * configured addresses failed to be listened on, …") and the lines after it give each
 * address's failure; other errors are one line.
 */
function failureReason(message: string): string {
  const lines = message
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return (lines.length > 1 ? lines.slice(1) : lines).join("; ");
}

/**
 * "cannot listen on ADDRESS: <why>: choose another with FLAG": a taken port names the flag
 * that moves it. Without a recognised cause the first line of the error is shown.
 */
export function listenFailure(e: unknown, address: string, flag: string): string {
  const port = /:([0-9]+)$/.exec(address)?.[1] ?? "?";
  const host = address.replace(/:[0-9]+$/, "").replace(/^\[|\]$/g, "");
  const why = {
    EADDRINUSE: `port ${port} is in use`,
    EACCES: `not allowed to use port ${port} (ports below 1024 need privileges)`,
    EADDRNOTAVAIL: `${host} is not an address of this machine`,
  }[listenErrno(e) ?? ""];
  const detail = why ?? failureReason(String((e as Error)?.message ?? e));
  return `cannot listen on ${address}: ${detail}: choose another with ${flag}`;
}

/**
 * A module service that cannot start: when it failed to listen, name the module's flag that
 * sets the address (the NodeFlag whose value has the port), generically — the core knows no
 * module.
 */
export function moduleStartFailure(
  e: unknown,
  flags: NodeFlag[],
  values: Record<string, string | undefined>,
  opts: NodeOptions,
): string {
  const first = String((e as Error)?.message ?? e).split("\n")[0];
  const errno = listenErrno(e);
  if (errno === undefined || e instanceof TelchainError) return first;
  const port = (e as { port?: unknown }).port;
  const withValue = flags.filter(
    (f) => values[f.name] !== undefined && /:[0-9]+$/.test(values[f.name] ?? ""),
  );
  const flag =
    withValue.find((f) => port !== undefined && (values[f.name] ?? "").endsWith(`:${port}`)) ?? withValue[0];
  if (!flag) return first;
  const value = values[flag.name] as string;
  const derived =
    opts.moduleOptions?.[flag.name] === undefined ? " (with --dev its default follows the --api port)" : "";
  return `${listenFailure(e, value, flag.flags)}${derived}`;
}
