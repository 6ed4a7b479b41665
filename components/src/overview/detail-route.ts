/**
 * The detail panel's address: `?registration=<id>` on the tab's own URL, so a registration's detail can be
 * linked, bookmarked and survives a reload; Back returns to the overview. The rest of the URL (path, other
 * parameters, hash) is kept, because the host owns it.
 */

export const DETAIL_PARAM = "registration";

type PageLocation = { pathname: string; search: string; hash: string };

/** The page's location; read through globalThis so this module also type-checks (and loads in jest) without the DOM lib. */
function pageLocation(): PageLocation {
  return (globalThis as unknown as { location: PageLocation }).location;
}

/** The id in `search` (e.g. `location.search`), or null. */
export function detailIdOf(search: string): string | null {
  const id = new URLSearchParams(search).get(DETAIL_PARAM);
  return id ? id : null;
}

/** The href (path, query, hash) of a registration's detail, or with null of the overview, on the current page. */
export function detailHref(id: string | null, current: PageLocation = pageLocation()): string {
  const params = new URLSearchParams(current.search);
  if (id === null) params.delete(DETAIL_PARAM);
  else params.set(DETAIL_PARAM, id);
  const query = params.toString();
  return `${current.pathname}${query ? `?${query}` : ""}${current.hash}`;
}
