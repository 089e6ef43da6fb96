/** Consensus parameters, fixed by the genesis config. */
export interface ChainParams {
  /** Target seconds between blocks. */
  targetBlockTime: number;
  /** ASERT half-life in seconds. */
  halfLife: number;
  /** Easiest allowed target, compact form. */
  powLimitBits: number;
  /** Initial block reward in base units, halved every `halvingInterval` blocks (0 = never). */
  initialReward: bigint;
  halvingInterval: number;
  minFeePerByte: bigint;
  maxBlockBytes: number;
  maxBlockTxs: number;
  /** How far (seconds) a block's timestamp may be ahead of the local clock. */
  maxFutureDrift: number;
  /** Number of previous blocks whose median time a new block must exceed. */
  medianTimeSpan: number;
}

export function blockReward(params: ChainParams, height: number): bigint {
  if (height === 0) return 0n;
  if (params.halvingInterval === 0) return params.initialReward;
  const halvings = Math.floor((height - 1) / params.halvingInterval);
  return halvings >= 64 ? 0n : params.initialReward >> BigInt(halvings);
}
