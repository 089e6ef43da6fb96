/**
 * What the numbers module expects of other modules' keepers (Cosmos's expected_keepers): only
 * what it uses, read through ctx.keeper(name). It imports nothing of those modules.
 */

/** ctx.keeper<ExpectedCarriers>("carriers") */
export interface ExpectedCarriers {
  /** The id of the registered carrier `operator` (a public key) acts for, or undefined. */
  carrierOfOperator(operator: Uint8Array): string | undefined;
  /** A registered carrier's routing prefixes (digits; the first is its default), or undefined. */
  carrier(id: string): { routingPrefixes: string[] } | undefined;
}
