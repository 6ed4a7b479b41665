/** Reads an ARM request body: a JSON object (or nothing), at most 1 MB. */
import type { IncomingMessage } from "node:http";
import { badRequest } from "./arm-errors";

/** ARM refuses larger requests long before this; the limit keeps a stray client from filling memory. */
const MAX_BODY_BYTES = 1024 * 1024;

export function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on("error", reject);
    req.on("end", () => {
      if (size > MAX_BODY_BYTES) return reject(badRequest("The request body is too large."));
      const text = Buffer.concat(chunks).toString("utf8").trim();
      if (!text) return resolve({});
      try {
        const value: unknown = JSON.parse(text);
        if (typeof value !== "object" || value === null || Array.isArray(value)) return reject(badRequest("The request body must be a JSON object."));
        resolve(value as Record<string, unknown>);
      } catch {
        reject(badRequest("The request body is not valid JSON."));
      }
    });
  });
}
