/** Adapts the node's service to what the network layer needs (p2p knows only ChainAccess). */
import type { ChainAccess } from "../p2p/types.js";
import type { NodeService } from "./service.js";

export function chainAccess(service: NodeService): ChainAccess {
  const chain = service.chain;
  return {
    chainId: chain.chainId,
    genesisHash: chain.genesisHash(),
    head: () => {
      const h = chain.head();
      return { hash: h.hash, height: h.header.height, work: h.work };
    },
    headerAt: (height) => {
      const hash = chain.store.mainHash(height);
      return hash ? chain.store.record(hash)?.header : undefined;
    },
    blockBytesAt: (height) => {
      const hash = chain.store.mainHash(height);
      return hash ? chain.store.blockBytes(hash) : undefined;
    },
    submitTx: (bytes, origin) => service.submitTx(bytes, origin),
    submitBlock: (bytes, origin, opts) => service.submitBlock(bytes, origin, opts),
    onLocalTx: (listener) => {
      service.on("tx", (e) => {
        if (e.origin === "local") listener(e.bytes);
      });
    },
    onLocalBlock: (listener) => {
      service.on("block", (e) => {
        if (e.origin === "local" && e.status === "head") listener(e.bytes);
      });
    },
  };
}
