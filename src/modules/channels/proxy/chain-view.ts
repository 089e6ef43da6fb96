/** The proxy's ChainView over a node's API: channels, heights and the chain's voucher check. */
import { toHex } from "../../../bytes.js";
import { ApiClient, ApiError } from "../../../client/api-client.js";
import type { ChainView, ChannelView } from "./server.js";

export async function nodeChainView(apiUrl: string): Promise<ChainView> {
  const api = new ApiClient(apiUrl);
  const status = () => api.get<{ chainId: string; height: number }>("/v1/status");
  const { chainId } = await status();
  return {
    chainId,
    height: async () => (await status()).height,
    async channel(id: number): Promise<ChannelView | undefined> {
      try {
        const c = await api.get<{
          payer: string;
          payee: string;
          deposit: string;
          expiry: number;
          status: string;
        }>(`/v1/channels/${id}`);
        return {
          payer: c.payer,
          payee: c.payee,
          deposit: BigInt(c.deposit),
          expiry: c.expiry,
          status: c.status,
        };
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return undefined;
        throw e;
      }
    },
    async checkVoucher(v) {
      const r = await api.post<{ valid: boolean; reason?: string }>(
        `/v1/channels/${v.channel}/check-voucher`,
        {
          amount: v.amount.toString(),
          signature: `0x${toHex(v.signature)}`,
        },
      );
      return { valid: r.valid, reason: r.reason };
    },
  };
}
