/**
 * Peers we have talked to, kept in `<dir>/peers.json` as full multiaddrs (ending in
 * /p2p/<id>) so a restarted node finds its network again without the bootstrap list.
 * Bounded: the peers seen longest ago are forgotten first.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const PEERS_FILE = "peers.json";
export const MAX_KNOWN_PEERS = 256;
/** Addresses kept per peer (a node listening on 0.0.0.0 announces one per interface). */
const MAX_ADDRS_PER_PEER = 4;

/** The peer id at the end of a multiaddr string (`.../p2p/<id>`), if any. */
export function peerIdOfAddr(addr: string): string | undefined {
  const m = /\/p2p\/([^/]+)$/.exec(addr);
  return m ? m[1] : undefined;
}

export class PeerStore {
  /** Peer id → its addresses; Map order is recency (oldest first). */
  private readonly peers = new Map<string, string[]>();
  private readonly path: string;

  constructor(dir: string) {
    this.path = join(dir, PEERS_FILE);
    this.load();
  }

  addresses(): string[] {
    return [...this.peers.values()].flat();
  }

  has(peerId: string): boolean {
    return this.peers.has(peerId);
  }

  /** Remembers (or refreshes) a peer's addresses; writes the file when it changed. */
  remember(peerId: string, addrs: string[]): void {
    const full = addrs
      .map((a) => (peerIdOfAddr(a) === undefined ? `${a}/p2p/${peerId}` : a))
      .filter((a) => peerIdOfAddr(a) === peerId)
      .slice(0, MAX_ADDRS_PER_PEER);
    if (full.length === 0) return;
    const old = this.peers.get(peerId);
    this.peers.delete(peerId);
    this.peers.set(peerId, full);
    while (this.peers.size > MAX_KNOWN_PEERS) {
      const oldest = this.peers.keys().next().value as string;
      this.peers.delete(oldest);
    }
    if (!old || old.join("\n") !== full.join("\n")) this.save();
  }

  forget(peerId: string): void {
    if (this.peers.delete(peerId)) this.save();
  }

  private load(): void {
    if (!existsSync(this.path)) return;
    try {
      const list: unknown = JSON.parse(readFileSync(this.path, "utf8"));
      if (!Array.isArray(list)) return;
      for (const addr of list.slice(-MAX_KNOWN_PEERS * MAX_ADDRS_PER_PEER)) {
        const id = typeof addr === "string" ? peerIdOfAddr(addr) : undefined;
        if (!id) continue;
        const addrs = this.peers.get(id) ?? [];
        if (addrs.length < MAX_ADDRS_PER_PEER) addrs.push(addr);
        this.peers.set(id, addrs);
      }
    } catch {
      // A damaged file only costs us the list; the bootstrap peers still work.
    }
  }

  private save(): void {
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.addresses(), null, 1)}\n`);
    renameSync(tmp, this.path);
  }
}
