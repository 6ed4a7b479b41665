import { detailHref, detailIdOf } from "../../../components/src/overview/detail-route";

describe("detail route", () => {
  it("reads the open registration from the query", () => {
    expect(detailIdOf("?registration=abc-1")).toBe("abc-1");
    expect(detailIdOf("?registration=")).toBeNull();
    expect(detailIdOf("")).toBeNull();
  });

  it("sets and clears ?registration= and keeps the host's other parameters and hash", () => {
    const here = { pathname: "/settings/azure-relay", search: "?tab=x", hash: "#top" };
    expect(detailHref("a b", here)).toBe("/settings/azure-relay?tab=x&registration=a+b#top");
    expect(detailIdOf(new URL(detailHref("a b", here), "http://h").search)).toBe("a b");
    expect(detailHref(null, { ...here, search: "?tab=x&registration=a", hash: "" })).toBe("/settings/azure-relay?tab=x");
    expect(detailHref(null, { ...here, search: "?registration=a", hash: "" })).toBe("/settings/azure-relay");
  });
});
