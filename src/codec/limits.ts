/**
 * Hard limits of the wire format. Consensus parameters (genesis) may be tighter;
 * these bound what a decoder will ever allocate for one object.
 */
export const MAX_NAME_BYTES = 32; // module and kind names
export const MAX_PAYLOAD_BYTES = 16 * 1024;
export const MAX_BLOCK_TXS = 65_536;
export const MAX_BLOCK_BYTES = 8 * 1024 * 1024;
