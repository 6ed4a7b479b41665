/**
 * The host contract's `@secret` directive (contract 1.1): put `@Directive("@secret")` on every input field or
 * argument that carries a secret (connection strings, client secrets, tokens). The host then never echoes the
 * value — not in error messages, `extensions` or its log — whatever shape the caller sent it in.
 */
import { DirectiveLocation, GraphQLDirective } from "graphql";
import { SECRET_DIRECTIVE_NAME } from "../../host/contract";

export const secretDirective = new GraphQLDirective({
  name: SECRET_DIRECTIVE_NAME,
  description: "A write-only secret: its value is never returned, logged or echoed in an error.",
  locations: [DirectiveLocation.INPUT_FIELD_DEFINITION, DirectiveLocation.ARGUMENT_DEFINITION],
});

/** The decorator argument, in one place. */
export const SECRET = `@${SECRET_DIRECTIVE_NAME}`;
