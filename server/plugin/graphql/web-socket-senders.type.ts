/** GraphQL enum of a registration's WebSocket senders setting (server/plugin/registrations/web-socket-senders.ts). */
import { registerEnumType } from "type-graphql";

export enum WebSocketSenders {
  DEFAULT = "default",
  PASS = "pass",
  REFUSE = "refuse",
}
registerEnumType(WebSocketSenders, {
  name: "WebSocketSenders",
  description: "What the listener does with senders that open a WebSocket (native engine; hyco-https cannot pass them).",
  valuesConfig: {
    DEFAULT: { description: "Follow the installation's setting (ECS_PLUGIN_AZURE_RELAY_WEBSOCKETS, default pass)." },
    PASS: { description: "Pass them through to the target's ws:// or wss:// endpoint." },
    REFUSE: { description: "Refuse them with 403." },
  },
});
