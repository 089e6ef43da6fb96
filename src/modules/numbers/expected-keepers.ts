/** What numbers uses of the carriers keeper, ctx.keeper<ExpectedCarriers>("carriers"); it imports nothing of it. */
export interface ExpectedCarriers {
  /** The id of the registered carrier `operator` (a public key) acts for, or undefined. */
  carrierOfOperator(operator: Uint8Array): string | undefined;
  /** A registered carrier's routing prefixes (digits; the first is its default), or undefined. */
  carrier(id: string): { routingPrefixes: string[] } | undefined;
}
