import { GraphQLRequestError } from "../../components/src/graphql-client";
import { translator } from "../../components/src/i18n";
import { generalErrorText, hasErrors, mapCheckProblems, mapServerError, partLabel, problemText } from "../../components/src/problems";

const en = translator("en-GB");
const de = translator("de-DE");

describe("connection-string problems", () => {
  it("put every problem under the connection-string field, in order", () => {
    const errors = mapCheckProblems(
      [
        { field: "Endpoint", message: "Endpoint is missing — a connection string starts with Endpoint=sb://…" },
        { field: "SharedAccessKey", message: "the key is not Base64" },
      ],
      en,
    );
    expect(errors).toEqual({
      connectionString: ["Endpoint is missing — a connection string starts with Endpoint=sb://…", "Shared access key: the key is not Base64"],
    });
  });

  it("label the part unless the message already names it", () => {
    expect(problemText({ field: "EntityPath", message: "contains a slash" }, en)).toBe("Entity path: contains a slash");
    expect(problemText({ field: "EntityPath", message: "EntityPath contains a slash" }, en)).toBe("EntityPath contains a slash");
    expect(problemText({ field: "connectionString", message: "The connection string is wrapped in quotes — remove them" }, en)).toBe(
      "The connection string is wrapped in quotes — remove them",
    );
  });

  it("name parts in German and keep unknown keys as written", () => {
    expect(partLabel("Endpoint", de)).toBe("Endpunkt");
    expect(partLabel("sharedaccesskeyname", de)).toBe("Name des SAS-Schlüssels");
    expect(partLabel("Endpiont", de)).toBe("Endpiont");
  });

  it("map no problems to no errors", () => {
    expect(mapCheckProblems([], en)).toEqual({});
    expect(hasErrors({})).toBe(false);
    expect(hasErrors({ name: [] })).toBe(false);
    expect(hasErrors({ name: ["x"] })).toBe(true);
  });
});

describe("server errors", () => {
  it("go to the input named by extensions.field", () => {
    expect(mapServerError(new GraphQLRequestError("BAD_USER_INPUT", "Name is empty", "name"), en)).toEqual({ name: ["Name is empty"] });
    expect(mapServerError(new GraphQLRequestError("BAD_USER_INPUT", "bad URL", "targetUrl"), en)).toEqual({ targetUrl: ["bad URL"] });
    expect(mapServerError(new GraphQLRequestError("CONFLICT", "already registered", "hybridConnectionName"), en)).toEqual({
      hybridConnectionName: ["already registered"],
    });
  });

  it("with problems, list each problem under the connection string", () => {
    const error = new GraphQLRequestError("BAD_USER_INPUT", "2 problems", "Endpoint", [
      { field: "Endpoint", message: "Endpoint is missing" },
      { field: "SharedAccessKey", message: "SharedAccessKey is missing" },
    ]);
    expect(mapServerError(error, en)).toEqual({ connectionString: ["Endpoint is missing", "SharedAccessKey is missing"] });
  });

  it("a connection-string key as field still lands at the connection string", () => {
    expect(mapServerError(new GraphQLRequestError("BAD_USER_INPUT", "Endpoint is not sb://", "Endpoint"), en)).toEqual({ connectionString: ["Endpoint is not sb://"] });
  });

  it("say clearly when the relay refused a new key", () => {
    const errors = mapServerError(new GraphQLRequestError("RELAY_REFUSED", "401 Unauthorized: the key does not match", "connectionString"), en);
    expect(errors.connectionString?.[0]).toBe("Key not changed — the current key stays in use. 401 Unauthorized: the key does not match");
  });

  it("put session, permission and network errors on the form", () => {
    expect(mapServerError(new GraphQLRequestError("UNAUTHENTICATED", "no"), en)).toEqual({ form: ["Your session has ended — sign in again."] });
    expect(mapServerError(new GraphQLRequestError("FORBIDDEN", "no"), de)).toEqual({ form: ["Dazu sind Sie nicht berechtigt — wenden Sie sich an einen Administrator."] });
    expect(mapServerError(new GraphQLRequestError("NETWORK", "HTTP 502"), en).form?.[0]).toMatch(/could not be reached/);
    expect(mapServerError(new GraphQLRequestError("BAD_USER_INPUT", "odd", "somethingElse"), en)).toEqual({ form: ["odd"] });
    expect(mapServerError(new Error("boom"), en).form?.[0]).toMatch(/boom/);
  });

  it("have general words for the whole action", () => {
    expect(generalErrorText(new GraphQLRequestError("NOT_FOUND", "gone"), en)).toMatch(/no longer exists/);
    expect(generalErrorText(new GraphQLRequestError("INTERNAL_SERVER_ERROR", "Internal error"), en)).toBe("That did not work: The plugin hit an internal fault; the details are in the host log.");
    expect(generalErrorText(new GraphQLRequestError("SOMETHING_NEW" as never, "Slow down"), en)).toBe("That did not work: Slow down"); // unknown code: the server's text
  });
});
