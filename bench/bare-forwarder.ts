/**
 * Child entry: the BASELINE listener — the least any listener on hyco-https can cost. One createRelayedServer, and
 * per request one http.request to the target piped both ways. No status machine, no counters, no limits, no
 * backpressure care: scenario 1 compares the plugin against this, so whatever the plugin adds shows as a ratio.
 * It does strip the hybrid connection's name from the path and drop hop-by-hop headers, because without that the
 * target would answer 404 or the framing would break — a listener that forwards correctly cannot skip them.
 */
import { createRelayedServer } from "hyco-https";
import http from "node:http";
import { createSasToken } from "../server/relay/sas-token";
import { memoryHandler, serveChild } from "./lib/child-ipc";
import { startWindowProfile, stopWindowProfile } from "./lib/window-profile";

interface BareConfig {
  namespaceHost: string;
  hybridConnection: string;
  keyName: string;
  key: string;
  targetUrl: string;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "host", "servicebusauthorization", "content-length"]);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k)));
}

void serveChild(async (config) => {
  const cfg = config as BareConfig;
  const target = new URL(cfg.targetUrl);
  // Keep-alive to the target, as the plugin does: comparing against a forwarder paying a TCP setup per request would flatter the plugin.
  const agent = new http.Agent({ keepAlive: true });
  const prefix = `/${cfg.hybridConnection}`;
  const server = createRelayedServer(
    {
      server: `ws://${cfg.namespaceHost}/$hc/${cfg.hybridConnection}?sb-hc-action=listen`,
      token: () => createSasToken({ namespace: cfg.namespaceHost, hybridConnectionName: cfg.hybridConnection, keyName: cfg.keyName, key: cfg.key }),
    },
    (req, res) => {
      const url = req.url ?? "/";
      const path = url.startsWith(prefix) ? url.slice(prefix.length) || "/" : url;
      const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path, headers: endToEnd(req.headers), agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        answer.pipe(res);
      });
      upstream.on("error", () => {
        res.statusCode = 502;
        res.end();
      });
      req.pipe(upstream);
    },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the bare listener did not come online within 15 s")), 15_000);
    server.once("listening", () => (clearTimeout(timer), resolve()));
    server.listen();
  });
  return {
    info: { hybridConnection: cfg.hybridConnection },
    handlers: { memory: memoryHandler, profileStart: startWindowProfile, profileStop: stopWindowProfile },
    cleanup: async () => {
      server.close();
      agent.destroy();
    },
  };
});
