/**
 * The loose form check of a listing's endpoint (the text rules — 1-256 bytes of printable ASCII
 * without spaces — are the payload's): a URL `scheme://host:port[/…]` whose port is 1-65535, or
 * a multiaddr `/ip4|ip6|dns|dns4|dns6/<host>/tcp|udp/<port>[/…]`. The chain does not resolve or
 * dial it: clients do, and a listing that does not serve drops out when its heartbeats stop.
 */
const URL_FORM = /^[a-z][a-z0-9+.-]{0,31}:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~-]+):([0-9]{1,5})(\/.*)?$/;
const MULTIADDR_FORM = /^\/(ip4|ip6|dns|dns4|dns6)\/[^/]+\/(tcp|udp)\/([0-9]{1,5})(\/.*)?$/;

const goodPort = (p: string) => Number(p) >= 1 && Number(p) <= 65_535;

/** Whether `e` has one of the two forms, with a port from 1 to 65535. */
export function endpointFormOk(e: string): boolean {
  const u = URL_FORM.exec(e);
  if (u) return goodPort(u[2] as string);
  const m = MULTIADDR_FORM.exec(e);
  return m !== null && goodPort(m[3] as string);
}
