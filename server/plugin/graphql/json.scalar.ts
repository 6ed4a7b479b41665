/**
 * `JSON`: a JSON value, for message parameters (`RelayError.params`, `ConnectionStringProblem.params`) whose names
 * depend on the code. graphql-scalars' GraphQLJSON (already a dependency) rather than a hand-written scalar.
 */
export { GraphQLJSON as JSONScalar } from "graphql-scalars";
