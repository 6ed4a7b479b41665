/**
 * The detail panel's address: `?registration=<id>` on the tab's own URL, so a registration's detail can be
 * linked, bookmarked and survives a reload; Back returns to the overview. The rest of the URL (path, other
 * parameters, hash) is kept, because the host owns it.
 */

export const DETAIL_PARAM = "registration";

/** The id in `search` (e.g. `location.search`), or null. */
export function detailIdOf(search: string): string | null {
  const id = new URLSearchParams(search).get(DETAIL_PARAM);
  return id ? id : null;
}

/** The href of a registration's detail (or, with null, of the overview), relative to the current page. */
export function detailHref(id: string | null, current: { search: string; hash: string } = globalThis.location): string {
  const params = new URLSearchParams(current.search);
  if (id === null) params.delete(DETAIL_PARAM);
  else params.set(DETAIL_PARAM, id);
  const query = params.toString();
  return `${query ? `?${query}` : "?"}${current.hash}`;
}
