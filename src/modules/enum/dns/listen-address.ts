import { isIP } from "node:net";
import { TelchainError } from "../../../errors.js";

export interface ListenAddress {
  host: string;
  port: number;
  family: 4 | 6;
}

/** Parses "HOST:PORT" ("127.0.0.1:5353", "[::1]:53", "0.0.0.0:0"); the host must be an IP literal. */
export function parseListenAddress(listen: string): ListenAddress {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen.trim());
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  const family = host === undefined ? 0 : isIP(host);
  if (host === undefined || (family !== 4 && family !== 6) || !(port >= 0 && port <= 65535)) {
    throw new TelchainError(
      "DNS_LISTEN_INVALID",
      `DNS listen address must be IP:PORT or [IPv6]:PORT, got "${listen}"`,
    );
  }
  return { host, port, family };
}
