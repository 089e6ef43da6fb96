/** Codes of the peer-to-peer network. */
import { defineErrors } from "../errors.js";

export const P2P_ERRORS = defineErrors("p2p", {
  P2P_BAD_LISTEN: { class: "invalid", description: "A p2p listen address that is not HOST:PORT." },
  P2P_BAD_REQUEST: {
    class: "invalid",
    description: "A peer asked for a number of items outside the allowed range.",
  },
  P2P_IDENTITY_CORRUPT: {
    class: "internal",
    description: "The node's p2p identity file does not hold a libp2p private key.",
  },
  P2P_OVERSIZE_FRAME: {
    class: "too-large",
    description:
      "A peer sent a frame over the protocol's size limit, a malformed or over-long length prefix, or more data than the read buffer holds.",
  },
  P2P_NO_RESPONSE: { class: "upstream", description: "A peer closed the stream without answering." },
  P2P_TIMEOUT: { class: "upstream", description: "A request to a peer timed out." },
});
