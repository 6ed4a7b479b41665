/**
 * Binary message fragments as they arrive. ws 8 emits whole messages only, but a request body is ONE binary message
 * of many fragments (docs/relay-protocol-notes.md §3) of any size: waiting for the whole message would hold the whole body in
 * memory. This taps the receiver's fragment list of ws 8.23 (pinned; the emulator relies on the same seam for
 * responses): binary payloads go to `onFragment` instead of being stored, so the final `message` event carries an
 * empty buffer and only marks the end. Returns false if ws's internals differ: bodies then arrive whole.
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
    list.push = (...items: Buffer[]): number => {
      if (receiver._opcode !== BINARY) return Array.prototype.push.apply(list, items);
      items.forEach(onFragment);
      return list.length;
    };
    return list;
  };
  let current = wrap(receiver._fragments); // ws replaces the list after every message: wrap each new one
  Object.defineProperty(receiver, "_fragments", {
    configurable: true,
    get: () => current,
    set: (list: Buffer[]) => void (current = wrap(list)),
  });
  return true;
}
