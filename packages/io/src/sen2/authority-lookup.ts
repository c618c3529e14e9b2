// Finding an authority in the statistics by name, prefix or code, as users type it: one
// reorganised away (Dorset's county) is named beside the current one, never silently dropped, and a
// name that matches none gets the closest.
import { editDistance } from "@hnb/model";
import type { AuthorityRef, Sen2Data } from "./sen2-data.js";

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** The outcome of looking an authority up. */
export type AuthorityLookup =
  | {
      ok: true;
      authority: AuthorityRef;
      /**
       * Where the name or old code also names other authorities (one reorganised away, such as
       * Dorset's county before 2019): the one chosen is the one with the latest census, and this
       * says which others there are and how to ask for them.
       */
      note?: string;
    }
  | { ok: false; message: string; suggestions: string[] };

/** Finds an authority by name (any case or punctuation; a unique prefix such as "Bristol" works), new code (E06000023) or old code (801). @example findAuthority(data, "Bristol") */
export function findAuthority(data: Sen2Data, query: string): AuthorityLookup {
  const q = norm(query);
  const exact = data.authorities.filter(
    (a) =>
      norm(a.name) === q ||
      a.newCode.toLowerCase() === query.trim().toLowerCase() ||
      a.oldCode === query.trim(),
  );
  if (exact.length) {
    // A name or old code can outlive a reorganisation (Dorset, Buckinghamshire): the current
    // authority is the one with the latest census, and the others are named, never silently dropped.
    const years = (a: AuthorityRef) => [...(data.totals.get(a.newCode)?.keys() ?? [])].sort((x, y) => x - y);
    const span = (a: AuthorityRef) => {
      const y = years(a);
      return y.length ? (y.length > 1 ? `${y[0]}–${y.at(-1)}` : `${y[0]}`) : "no census";
    };
    const latest = (a: AuthorityRef) => years(a).at(-1) ?? -1;
    const [chosen, ...others] = [...exact].sort((x, y) => latest(y) - latest(x));
    const authority = chosen as AuthorityRef;
    if (!others.length) return { ok: true, authority };
    return {
      ok: true,
      authority,
      note: `"${query}" names ${exact.length} authorities in the statistics: ${authority.name} (${authority.newCode}, ${authority.oldCode}; census ${span(authority)}) is used, the one with the latest census; ${others.map((a) => `${a.name} (${a.newCode}, ${a.oldCode}; census ${span(a)})`).join("; ")} ${others.length > 1 ? "are" : "is"} another: give its new code (${others.map((a) => a.newCode).join(", ")}) to import it. Their figures are not combined.`,
    };
  }
  if ([...data.regions.keys()].some((r) => norm(r) === q) || q === "england")
    return {
      ok: false,
      suggestions: [],
      message: `"${query}" is ${q === "england" ? "the national total" : "a region"}, not a local authority: name an authority, e.g. one of its boroughs or counties`,
    };
  const starts = data.authorities.filter(
    (a) => norm(a.name).startsWith(q) || norm(a.name).split(" ").includes(q),
  );
  if (starts.length === 1 && starts[0]) return { ok: true, authority: starts[0] };
  // Two authorities of one name (a county before and after a reorganisation) are told apart by code.
  const named = (a: AuthorityRef) =>
    data.authorities.filter((b) => b.name === a.name).length > 1 ? `${a.name} (${a.newCode})` : a.name;
  const suggestions = (starts.length > 1 ? starts : data.authorities)
    .map((a) => ({ a, d: editDistance(q, norm(a.name)) }))
    .sort((x, y) => x.d - y.d || x.a.name.localeCompare(y.a.name))
    .slice(0, 5)
    .map((x) => named(x.a));
  return {
    ok: false,
    suggestions,
    message: `${starts.length > 1 ? `"${query}" matches ${starts.length} authorities` : `no authority "${query}" in the statistics`}; closest: ${suggestions.join("; ")}`,
  };
}

/** Finds an authority or throws with the closest names (for notebooks and scripts). @example requireAuthority(data, "Bristol").newCode === "E06000023" */
export function requireAuthority(data: Sen2Data, query: string): AuthorityRef {
  const found = findAuthority(data, query);
  if (found.ok) return found.authority;
  throw new Error(found.message);
}
