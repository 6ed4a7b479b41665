import { CATALOGUES, fill, pickLanguage, translator } from "../../components/src/i18n";
import { enGB } from "../../components/src/i18n/en-GB";
import { deDE } from "../../components/src/i18n/de-DE";

describe("i18n catalogues", () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it("have identical keys in every language", () => {
    const english = Object.keys(enGB).sort();
    for (const catalogue of Object.values(CATALOGUES)) expect(Object.keys(catalogue).sort()).toEqual(english);
  });

  it("have no empty strings", () => {
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      for (const [key, text] of Object.entries(catalogue)) expect({ language, key, empty: text.trim() === "" }).toEqual({ language, key, empty: false });
    }
  });

  it("use the same placeholders in German as in English", () => {
    for (const key of Object.keys(enGB) as Array<keyof typeof enGB>) {
      expect({ key, placeholders: placeholders(deDE[key]) }).toEqual({ key, placeholders: placeholders(enGB[key]) });
    }
  });

  it("keep the seed's labels in British English", () => {
    expect(enGB.addButton).toBe("Add Relay Registration");
    expect(enGB.saveAdd).toBe("Add Azure Relay Registration");
    expect(enGB.connectionString).toBe("Connection string");
    expect(enGB.cacheButton).toBe("Clear consumer website caches");
  });
});

describe("pickLanguage", () => {
  it.each([
    ["de-DE", "de-DE"],
    ["de", "de-DE"],
    ["de_DE", "de-DE"],
    ["de-AT", "de-DE"],
    ["DE-de", "de-DE"],
    ["en-GB", "en-GB"],
    ["en", "en-GB"],
    ["fr-FR", "en-GB"],
    ["", "en-GB"],
    [null, "en-GB"],
    [undefined, "en-GB"],
  ])("%p → %p", (tag, language) => expect(pickLanguage(tag)).toBe(language));
});

describe("translate", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(fill("{a} and {b}", { a: 1 })).toBe("1 and {b}");
    expect(translator("de-DE")("removeTitle", { name: "ecs-core" })).toBe("ecs-core entfernen?");
    expect(translator("en-GB")("removeTitle", { name: "ecs-core" })).toBe("Remove ecs-core?");
  });
});
