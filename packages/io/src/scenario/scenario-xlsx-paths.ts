const YEAR_KEY = /^\d{4}$/;

const FY_KEY = /^\d{4}-\d{2}$/;

// --- Paths and headers -------------------------------------------------------------------------

/** A path as a header or Field cell writes it: dotted keys, other keys quoted in brackets. @example pathText(["income", "hnb", "amount"]) === "income.hnb.amount" */
export function pathText(path: readonly (string | number)[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** The keys of a path written by pathText (or by the model's formatPath); undefined when it does not parse. @example parsePath('a.b["x y"][0]') // ["a", "b", "x y", 0] */
export function parsePath(text: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  let i = 0;
  const s = text.trim();
  while (i < s.length) {
    if (s[i] === ".") {
      if (i === 0) return undefined;
      i++;
    }
    if (s[i] === "[") {
      const close = s[i + 1] === '"' ? closingQuote(s, i + 1) : s.indexOf("]", i);
      if (close < 0) return undefined;
      const inner = s[i + 1] === '"' ? s.slice(i + 1, close + 1) : s.slice(i + 1, close);
      const end = s[i + 1] === '"' ? close + 1 : close;
      if (s[end] !== "]") return undefined;
      if (inner === "*") out.push("*");
      else if (/^\d+$/.test(inner)) out.push(Number(inner));
      else {
        try {
          out.push(JSON.parse(inner) as string);
        } catch {
          return undefined;
        }
      }
      i = end + 1;
      continue;
    }
    const m = /^[A-Za-z_$][\w$-]*/.exec(s.slice(i));
    if (!m) return undefined;
    out.push(m[0]);
    i += m[0].length;
  }
  return out.length ? out : undefined;
}

function closingQuote(s: string, open: number): number {
  for (let i = open + 1; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}

/** A record key as it heads a year column: as it is when plain, else quoted. @example keyText("2025-26") === "2025-26" */
export function keyText(key: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(key) && key !== "(JSON)" ? key : JSON.stringify(key);
}

/** A key column's header back to its key; undefined when it does not parse. @example parseKey('"a b"') === "a b" */
export function parseKey(text: string): string | undefined {
  const t = text.trim();
  if (t.startsWith('"')) {
    try {
      const k = JSON.parse(t);
      return typeof k === "string" ? k : undefined;
    } catch {
      return undefined;
    }
  }
  return t === "" ? undefined : t;
}

/** Orders record keys: census years, then financial years, then anything else. @example sortKeys(["2023-24", "2023", "x"]) // ["2023", "2023-24", "x"] */
export function sortKeys(keys: Iterable<string>): string[] {
  const rank = (k: string) => (YEAR_KEY.test(k) ? 0 : FY_KEY.test(k) ? 1 : 2);
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
