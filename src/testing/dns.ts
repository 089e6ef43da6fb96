/** DNS over UDP in tests (test-only): one query, one answer. */
import { createSocket } from "node:dgram";
import { once } from "node:events";

/** Sends `packet` to 127.0.0.1:`port` over UDP; the first datagram back, or undefined after `timeoutMs`. */
export async function udpExchange(
  packet: Uint8Array,
  port: number,
  timeoutMs = 1000,
): Promise<Buffer | undefined> {
  const socket = createSocket("udp4");
  try {
    const reply = once(socket, "message", { signal: AbortSignal.timeout(timeoutMs) });
    socket.send(packet, port, "127.0.0.1");
    const [message] = (await reply) as [Buffer];
    return message;
  } catch (err) {
    if (err instanceof Error && err.name === "AbortError") return undefined;
    throw err;
  } finally {
    socket.close();
  }
}
