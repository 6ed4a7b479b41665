/**
 * Bodies as the request journal keeps them (only for registrations that opted in): at most 4 kB of text, with the
 * secret redaction of journal-redaction.ts; binary (by content type, or bytes that are not UTF-8) and streamed bodies
 * as their size only.
 */
import type { BodyStart } from "./body-framing";
import { redactSecrets } from "./journal-redaction";
import type { RecordedBody } from "./protocol";

/** At most this much of a body is kept (issue 12: 4 kB). */
export const BODY_LIMIT = 4096;

/** The first BODY_LIMIT + 1 bytes of a whole body (one more tells a cut): a 100 MiB upload is not copied for 4 kB. */
export function headOf(start: BodyStart): Buffer {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for (const chunk of start.chunks) {
    if (bytes > BODY_LIMIT) break;
    chunks.push(chunk.subarray(0, BODY_LIMIT + 1 - bytes));
    bytes += chunks[chunks.length - 1]!.length;
  }
  return Buffer.concat(chunks, bytes);
}

/** A streamed body (never whole in memory): its size only; `truncated` unless its type says binary (size only anyway). */
export function sizeOnly(size: number, contentType: string | string[] | undefined): RecordedBody {
  const binary = isBinaryType(contentType);
  return { size, binary, truncated: !binary && size > 0 };
}

function isBinaryType(contentType: string | string[] | undefined): boolean {
  const type = Array.isArray(contentType) ? contentType[0] : contentType;
  return Boolean(type && !TEXT_TYPE.test(type));
}

const TEXT_TYPE = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|graphql|[\w.+-]*\+(json|xml))|multipart\/form-data)/i;

/**
 * At most BODY_LIMIT bytes as text; binary (by type, or bytes that are not UTF-8) as size only. `body` may be just
 * the start of a body of `size` bytes.
 */
export function recordedBody(body: Buffer, contentType: string | string[] | undefined, size = body.length): RecordedBody {
  const head = body.subarray(0, BODY_LIMIT);
  const truncated = size > BODY_LIMIT;
  if (isBinaryType(contentType) || !looksLikeText(head, truncated)) return { size, binary: true, truncated: false };
  let text = head.toString("utf8");
  if (truncated && text.endsWith("\uFFFD")) text = text.slice(0, -1); // a character cut at the limit
  return { size, text: redactSecrets(text), binary: false, truncated };
}

function looksLikeText(bytes: Buffer, cut: boolean): boolean {
  if (bytes.includes(0)) return false;
  try {
    // stream: a character cut at the limit is not an error when the body was cut there.
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: cut });
    return true;
  } catch {
    return false;
  }
}
