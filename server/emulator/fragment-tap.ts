/**
 * Binary message fragments as they arrive. `ws` 8 only emits whole messages, but the relay must stream a listener's
 * response body to the sender without waiting for (and buffering) the whole message (relay-protocol-notes.md §5: body = ONE message,
 * fragmented). This taps the receiver's fragment list of ws 8.23 (pinned): binary payloads go to `onFragment` instead
 * of being stored, so the final `message` event carries an empty buffer and only marks the end of the body.
 * If ws's internals ever differ, it returns false and bodies simply arrive whole with the `message` event.
 */
import type WebSocket from "ws";

const BINARY = 2;

interface ReceiverInternals {
  _opcode: number;
  _fragments: Buffer[];
}

export function tapBinaryFragments(ws: WebSocket, onFragment: (data: Buffer) => void): boolean {
  const receiver = (ws as unknown as { _receiver?: ReceiverInternals })._receiver;
  if (!receiver || typeof receiver._opcode !== "number" || !Array.isArray(receiver._fragments)) return false;
  const wrap = (list: Buffer[]): Buffer[] => {
    list.push = (...items: Buffer[]) => {
      if (receiver._opcode !== BINARY) return Array.prototype.push.apply(list, items);
      items.forEach(onFragment);
      return list.length;
    };
    return list;
  };
  // ws replaces the list after every message: wrap each new one.
  let current = wrap(receiver._fragments);
  Object.defineProperty(receiver, "_fragments", {
    configurable: true,
    get: () => current,
    set: (list: Buffer[]) => void (current = wrap(list)),
  });
  return true;
}
