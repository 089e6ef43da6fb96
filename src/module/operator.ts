/**
 * The carrier a transaction's sender operates, asked of the carriers keeper as each module's
 * expected-keepers.ts declares it; a sender that operates none is refused with the module's code.
 */
import { TelchainError } from "../errors.js";
import type { TxContext } from "./interface.js";

export function senderCarrierOf(ctx: TxContext, code: string): string {
  const id = ctx
    .keeper<{ carrierOfOperator(operator: Uint8Array): string | undefined }>("carriers")
    .carrierOfOperator(ctx.sender);
  if (id === undefined) throw new TelchainError(code, "the sender is no operator of a registered carrier");
  return id;
}
