/** The read-only view of the head that a module's queries, routes and services get. */
import { concatBytes } from "../bytes.js";
import type { QueryContext } from "../module/interface.js";
import { modulePrefix } from "../module/registry.js";
import { authorisingKey } from "../state/account-auth.js";
import { prefixedReader } from "../state/overlay.js";
import type { Chain } from "./chain.js";

export function headQueryContext(chain: Chain, module: string): QueryContext {
  const prefix = modulePrefix(module);
  return {
    chainId: () => chain.chainId,
    height: () => chain.height(),
    timestamp: () => chain.headHeader().timestamp,
    params: () => chain.params,
    state: () => prefixedReader(chain.state, prefix),
    keeper: (other) => chain.modules.keeper(other, chain.state),
    authorisingKey: (address) => authorisingKey(chain.state, address),
    scan: (p, limit, after) =>
      chain.state.scan(concatBytes(prefix, p), limit, prefix.length, after && concatBytes(prefix, after)),
  };
}
