/** What recovery reads of other modules, through ctx.keeper (Cosmos's expected keepers). */

/** The carriers module's keeper, as far as recovery uses it: carrier guardians act through their operators. */
export interface ExpectedCarriers {
  /** The id of the registered carrier that `operator` (a public key) acts for, or undefined. */
  carrierOfOperator(operator: Uint8Array): string | undefined;
  /** The registered carrier `id`, or undefined. */
  carrier(id: string): { id: string } | undefined;
}
