/** What devices reads of other modules, through ctx.keeper / q.keeper (Cosmos's expected keepers). */

/** The carriers module's keeper, as far as devices uses it. */
export interface ExpectedCarriers {
  /** The id of the registered carrier that `operator` (a public key) acts for, or undefined. */
  carrierOfOperator(operator: Uint8Array): string | undefined;
}
