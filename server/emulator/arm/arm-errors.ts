/**
 * Errors in ARM's wire format. Resource-provider errors of api-version 2017-04-01 are a flat `{ code, message }`
 * (the spec's ErrorResponse); ARM's own front door (authentication, api-version checks) wraps them in `{ error: {…} }`.
 * @azure/core-client reads either (`parsedBody.error || parsedBody`), so both surface as RestError.code/message.
 */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** true: `{ error: { code, message } }` (ARM front door); false: flat `{ code, message }` (the relay provider). */
    readonly frontDoor = false,
  ) {
    super(message);
  }

  body(): unknown {
    const inner = { code: this.code, message: this.message };
    return this.frontDoor ? { error: inner } : inner;
  }
}

export function notFound(kind: string, name: string): ArmError {
  return new ArmError(404, "NotFound", `The ${kind} '${name}' could not be found.`);
}

export function badRequest(message: string): ArmError {
  return new ArmError(400, "BadRequest", message);
}

export function unauthenticated(message: string): ArmError {
  return new ArmError(401, "AuthenticationFailed", message, true);
}
