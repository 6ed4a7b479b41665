/** The Management Site's menu: the settings tabs a caller may see (by weight, then title), then System Operations. */
import type { Caller } from "../contract";
import type { RouteDeps } from "./http-routes";
import type { MenuItem } from "./pages/layout";
import { hostTexts } from "./i18n/host-texts";

export const SYSTEM_OPERATIONS_PATH = "/settings/system-operations";

/** Settings tabs of all plugins that `caller` holds the permission for, in menu order. */
export function visibleTabs(deps: Pick<RouteDeps, "plugins" | "auth">, caller: Caller) {
  return deps.plugins
    .flatMap((loaded) => (loaded.manifest.contributes?.settingsTabs ?? []).map((tab) => ({ tab, loaded })))
    .filter(({ tab }) => deps.auth.can(caller, tab.permission))
    .sort((a, b) => a.tab.weight - b.tab.weight || a.tab.title.localeCompare(b.tab.title));
}

export function menuFor(deps: Pick<RouteDeps, "plugins" | "auth" | "language">, caller: Caller): MenuItem[] {
  const tabs = visibleTabs(deps, caller).map(({ tab }) => ({ title: tab.title, href: `/settings/${tab.id}` }));
  return [...tabs, { title: hostTexts(deps.language).systemOperations, href: SYSTEM_OPERATIONS_PATH }];
}

/** Where a caller lands after sign-in: the first menu entry. */
export function firstPageHref(deps: Pick<RouteDeps, "plugins" | "auth" | "language">, caller: Caller): string {
  return menuFor(deps, caller)[0].href;
}
