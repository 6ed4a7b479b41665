/** What a journal row shows about its replay: running, the target's answer, or why it did not happen. Pure TS. */
import { latency } from "../format";
import type { Translate } from "../i18n";
import type { ReplayResult } from "./detail-types";
import { problemText } from "./problem-text";

export type ReplayView = { kind: "busy" } | { kind: "done"; result: ReplayResult } | { kind: "failed"; message: string };

export function replayText(view: ReplayView, t: Translate): string {
  const lang = t.language ?? "en-GB";
  switch (view.kind) {
    case "busy":
      return t("replaying");
    case "failed":
      return view.message;
    case "done": {
      const r = view.result;
      const duration = r.durationMs === null ? "—" : latency(r.durationMs, lang);
      if (r.ok) return t("replayOk", { status: r.status ?? "—", duration });
      if (r.problem) return t("replayFailed", { message: problemText(r.problem, t).message });
      return t("replayAnswered", { status: r.status ?? "—", duration });
    }
  }
}
