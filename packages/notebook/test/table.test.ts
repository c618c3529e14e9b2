import { describe, expect, test } from "vitest";
import { cellText, chartBundle, tableHtml } from "../src/index.js";

describe("notebook tables", () => {
  test("money in £ thousands with separators, deficits in brackets, rounded once", () => {
    expect(cellText(-1_234_567, "money")).toBe("(1,235)");
    expect(cellText(33_800_000, "money")).toBe("33,800");
    expect(cellText(-156_910_000, "money", "millions")).toBe("(156.9)");
    expect(cellText(0.005, "percent")).toBe("0.50%");
    expect(cellText(1186, "plain")).toBe("1,186");
  });

  test("an HTML table with a caption, unit in money headers and escaped text", () => {
    const html = tableHtml([{ fy: "2025-26", label: "A <b>", inYear: -1_500_000 }], {
      title: "Ledger",
      money: ["inYear"],
    });
    expect(html).toContain("<caption");
    expect(html).toContain("inYear (£k)");
    expect(html).toContain("(1,500)");
    expect(html).toContain("A &lt;b&gt;");
    expect(html).toMatch(/text-align:right">\(1,500\)/);
  });

  test("a chart bundle carries the spec, the SVG and the alt text", () => {
    const b = chartBundle({ mark: "bar", data: { values: [] } }, "<svg/>", "A bar chart.");
    expect(Object.keys(b)).toEqual(["application/vnd.vegalite.v5+json", "image/svg+xml", "text/plain"]);
    expect(b["text/plain"]).toBe("A bar chart.");
  });
});
