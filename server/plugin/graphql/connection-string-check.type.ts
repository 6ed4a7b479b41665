/** Result of checking a connection string without saving it: the parts safe to show, or each problem at its field. */
import { Field, ObjectType } from "type-graphql";
import type { ConnectionStringCheck as CheckShape } from "../registrations/registration-connection-string";

@ObjectType({ simpleResolvers: true, description: "One problem in a connection string." })
export class ConnectionStringProblem {
  @Field({ description: "The connection-string key at fault (Endpoint, SharedAccessKey, …) or connectionString for the whole." }) field!: string;
  @Field() message!: string;
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
