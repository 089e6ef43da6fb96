/**
 * Names of the gossip topics and request/response protocols. Every name carries the chain
 * id, so nodes of different networks never exchange messages even when connected.
 */
export interface ProtocolNames {
  txTopic: string;
  blockTopic: string;
  status: string;
  headers: string;
  blocks: string;
}

export function protocolNames(chainId: string): ProtocolNames {
  const base = `/telchain/${chainId}`;
  return {
    txTopic: `${base}/tx/1`,
    blockTopic: `${base}/block/1`,
    status: `${base}/status/1`,
    headers: `${base}/headers/1`,
    blocks: `${base}/blocks/1`,
  };
}
