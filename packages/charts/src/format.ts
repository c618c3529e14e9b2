// Presentation formats for charts; money goes through the model's one formatter.
import { formatNumber, formatMoney as money } from "@hnb/model";

/** The money unit an axis uses: £m from £1m, else £k. @example moneyUnit(37_800_000) === "m" */
export function moneyUnit(maxAbs: number): "m" | "k" {
  return Math.abs(maxAbs) >= 1e6 ? "m" : "k";
}

/** A Vega expression labelling a £ axis in £m or £k with thousands separators and a minus sign. @example moneyLabelExpr("m") */
export function moneyLabelExpr(unit: "m" | "k"): string {
  const divisor = unit === "m" ? 1e6 : 1e3;
  // "~" trims trailing zeros: a tick at zero reads £0, at fifty million £50m, at 2.5 million £2.5m.
  const digits = unit === "m" ? ",.2~f" : ",.0f";
  return `(datum.value < 0 ? '\u2212£' : '£') + format(abs(datum.value) / ${divisor}, '${digits}') + '${unit}'`;
}

/** Money for a sentence: £37.8m, −£1.2m, £450k (the paper's figures, which read an amount under £500 as nil). @example formatMoney(-37_835_000) === "−£37.8m" */
export function formatMoney(value: number): string {
  const millions = Math.abs(value) >= 1e6;
  return money(value, {
    unit: millions ? "millions" : "thousands",
    decimals: millions ? 1 : 0,
    negative: "minus",
    symbol: true,
    suffix: true,
  });
}

/** A count for a sentence, to the nearest whole placement. @example formatCount(3424.4) === "3,424" */
export function formatCount(value: number): string {
  return formatNumber(Math.round(value));
}

/** A rate for a sentence: 0.005 → "0.5%". @example formatRate(0.015) === "1.5%" */
export function formatRate(value: number): string {
  return `${formatNumber(value * 100, 2)}%`;
}

/** A label broken into lines of at most `width` characters at spaces, so long names wrap rather than truncate. @example wrapLabel("Theme A: more local specialist places", 20) */
export function wrapLabel(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** A change in money for a bar label, signed so a saving reads as a gain: +£14.9m, −£1.2m, +£320 (a bar that is not zero never reads "£0k"). @example formatChange(1_200_000) === "+£1.2m" */
export function formatChange(value: number): string {
  // Under £500 a £k figure would round a real effect to "£0k": whole pounds (pence under £1) say it.
  const text =
    value !== 0 && Math.abs(value) < 500
      ? money(value, {
          unit: "pounds",
          decimals: Math.abs(value) < 1 ? 2 : 0,
          negative: "minus",
          symbol: true,
          suffix: true,
        })
      : formatMoney(value);
  return value > 0 ? `+${text}` : text;
}
