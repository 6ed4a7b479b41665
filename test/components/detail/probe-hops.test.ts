import { hopNameText, hopOutcomeText } from "../../../components/src/detail/probe-hops";
import { translator } from "../../../components/src/i18n";

const de = translator("de-DE");
const en = translator("en-GB");

test("the server's hop names and outcomes are translated, keeping their variable part", () => {
  expect(hopNameText("sender → relay", de)).toBe("Absender → Relay");
  expect(hopOutcomeText("connected", de)).toBe("verbunden");
  expect(hopOutcomeText("refused: HTTP 401", de)).toBe("abgelehnt: HTTP 401");
  expect(hopOutcomeText("answered by host-a", de)).toBe("beantwortet von host-a");
  expect(hopOutcomeText("not answered by a listener of this host", de)).toBe("von keinem Listener dieses Hosts beantwortet");
  expect(hopOutcomeText("unreachable: ENOTFOUND", en)).toBe("unreachable: ENOTFOUND");
});

test("an outcome or hop the tab does not know is shown as the server wrote it", () => {
  expect(hopNameText("relay → elsewhere", de)).toBe("relay → elsewhere");
  expect(hopOutcomeText("HTTP 502", de)).toBe("HTTP 502");
});
