/** Result of checking a connection string without saving it: the parts safe to show, or each problem at its field. */
import { Field, ObjectType } from "type-graphql";
import type { ConnectionStringProblemCode } from "../registrations/connection-string";
import type { ConnectionStringCheck as CheckShape } from "../registrations/registration-connection-string";
import { JSONScalar } from "./json.scalar";

@ObjectType({ simpleResolvers: true, description: "One problem in a connection string." })
export class ConnectionStringProblem {
  @Field({ description: "The connection-string key at fault (Endpoint, SharedAccessKey, …) or connectionString for the whole." }) field!: string;
  @Field(() => String, { description: "Stable code of the problem, e.g. CONNECTION_STRING_KEY_MISSING; a client translates by it." }) code!: ConnectionStringProblemCode;
  @Field(() => JSONScalar, { description: "The values the problem's text needs, by name (e.g. { field: \"SharedAccessKey\" }); never a secret." })
  params!: Record<string, string | number>;
  @Field({ description: "The problem in English." }) message!: string;
}

@ObjectType({ simpleResolvers: true })
export class ConnectionStringCheck implements CheckShape {
  @Field() valid!: boolean;
  @Field(() => String, { nullable: true }) endpoint!: string | null;
  @Field(() => String, { nullable: true }) namespace!: string | null;
  @Field(() => String, { nullable: true }) keyName!: string | null;
  @Field(() => String, { nullable: true }) keyFingerprint!: string | null;
  @Field(() => String, { nullable: true, description: "EntityPath: the hybrid connection the string is scoped to." }) entityPath!: string | null;
  @Field() useDevelopmentEmulator!: boolean;
  @Field(() => [ConnectionStringProblem]) problems!: ConnectionStringProblem[];
}
