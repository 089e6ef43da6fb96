/** Test support: parts of a stub NodeApi for API tests that fake the node (src/node/types.ts). */
import type { NodeApi } from "../node/types.js";

const unused = (): never => {
  throw new Error("unused by this test");
};

/** The light-client queries (module proofs, headers, chain parameters), for stubs whose tests never ask them. */
export const unusedLightClientQueries: Pick<NodeApi, "moduleProof" | "headers" | "chainInfo"> = {
  moduleProof: unused,
  headers: unused,
  chainInfo: unused,
};
