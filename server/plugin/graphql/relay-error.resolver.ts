/**
 * `RelayError.params` is never null: `{}` when the error's texts need no values. The probe, replay and webhook
 * results reuse RelayError; this resolver spares each of them from filling `params`.
 */
import { FieldResolver, Resolver, Root } from "type-graphql";
import { JSONScalar } from "./json.scalar";
import { RelayErrorInfo } from "./relay-status.type";

@Resolver(() => RelayErrorInfo)
export class RelayErrorResolver {
  @FieldResolver(() => JSONScalar)
  params(@Root() error: { params?: Record<string, string | number | boolean> | null }): Record<string, string | number | boolean> {
    return error.params ?? {};
  }
}
