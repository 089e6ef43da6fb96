/**
 * What every protocol part of the network (gossip, the sync server, the syncer) works with:
 * the libp2p host, the chain, the protocol names of this chain, peer scores and the log.
 * Built once in Network.start and handed to each part.
 */

import type { Host } from "./host.js";
import type { PeerScores } from "./peer-scores.js";
import type { ProtocolNames } from "./protocols.js";
import type { ChainAccess, NetworkLog } from "./types.js";

export interface NetworkParts {
  host: Host;
  chain: ChainAccess;
  names: ProtocolNames;
  scores: PeerScores;
  log: NetworkLog;
}

export abstract class ProtocolPart {
  protected readonly host: Host;
  protected readonly chain: ChainAccess;
  protected readonly names: ProtocolNames;
  protected readonly scores: PeerScores;
  protected readonly log: NetworkLog;

  constructor(parts: NetworkParts) {
    this.host = parts.host;
    this.chain = parts.chain;
    this.names = parts.names;
    this.scores = parts.scores;
    this.log = parts.log;
  }
}
