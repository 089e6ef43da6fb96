/**
 * A lying node for light-client tests: a real HTTP server in front of a real node that passes
 * every request through and lets the test rewrite the JSON answers of chosen paths (a value, a
 * proof, a header), as a dishonest or broken node would.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Rewrites the parsed JSON answer of `path` (with its query); return it (or a new value). */
export type Rewrite = (path: string, body: unknown) => unknown;

export class RewritingProxy {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** The rewrite in force; undefined passes answers through unchanged. */
  rewrite: Rewrite | undefined;

  static async start(target: string, rewrite?: Rewrite): Promise<RewritingProxy> {
    let proxy: RewritingProxy | undefined;
    const server = createServer(async (req, res) => {
      const path = req.url ?? "/";
      try {
        const upstream = await fetch(`${target}${path}`, { method: req.method });
        let text = await upstream.text();
        const edit = proxy?.rewrite;
        if (edit && upstream.headers.get("content-type")?.includes("json")) {
          text = JSON.stringify(edit(path, JSON.parse(text)));
        }
        res.writeHead(upstream.status, { "content-type": "application/json; charset=utf-8" });
        res.end(text);
      } catch (e) {
        res.writeHead(502, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ error: { code: "PROXY", message: String(e) } }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    proxy = new RewritingProxy(server, `http://127.0.0.1:${port}`);
    proxy.rewrite = rewrite;
    return proxy;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
