/** What settlement reads of other modules, through ctx.keeper / q.keeper; it imports nothing of them. */

/** The carriers module's keeper, as far as settlement uses it. */
export interface ExpectedCarriers {
  /** The id of the registered carrier that `operator` (a public key) acts for, or undefined. */
  carrierOfOperator(operator: Uint8Array): string | undefined;
  /** A registered carrier, or undefined. */
  carrier(id: string): { id: string } | undefined;
}
