// Problems from zod's issues: unknown fields with the known ones, missing fields, wrong types.
import { z } from "zod";
import { didYouMean } from "./names.js";
import { formatPath, issueCode, type Problem } from "./problem.js";
import { describeValue } from "./schema.js";

// The keys an object accepts at a path, walking the schema beside the raw value (to pick a
// discriminated union's branch by its `type`), through zod's public classes only.
function knownKeysAt(schema: z.ZodType, raw: unknown, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = schema;
  let value = raw;
  let i = 0;
  while (node) {
    if (
      node instanceof z.ZodOptional ||
      node instanceof z.ZodDefault ||
      node instanceof z.ZodNullable ||
      node instanceof z.ZodPrefault
    )
      node = node.unwrap() as z.ZodType;
    else if (node instanceof z.ZodPipe) node = node.in as z.ZodType;
    else if (node instanceof z.ZodUnion) {
      const options = node.options as readonly z.ZodType[];
      const type = (value as { type?: unknown } | undefined)?.type;
      const pick = options.find((o) => {
        const t = o instanceof z.ZodObject ? o.shape.type : undefined;
        return t instanceof z.ZodLiteral && t.values.has(type as never);
      });
      if (!pick)
        return [...new Set(options.flatMap((o) => (o instanceof z.ZodObject ? Object.keys(o.shape) : [])))];
      node = pick;
    } else if (i >= path.length) return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
    else {
      const key = path[i++] as PropertyKey;
      value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
      if (node instanceof z.ZodObject) node = node.shape[key as string] as z.ZodType | undefined;
      else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
      else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
      else return [];
    }
  }
  return [];
}

/**
 * Problems, each with its field's path, from the issues zod found parsing `raw` against `schema`
 * (parsed with reportInput, so a wrong value is named): unknown fields with the known ones, missing
 * fields as required, wrong types with what was given. Scenario and monitoring files share it.
 * @example structuralProblems(ScenarioSchema, ScenarioSchema.safeParse(raw, { reportInput: true }).error?.issues ?? [], raw)
 */
export function structuralProblems(
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(schema, raw, issue.path);
      for (const key of issue.keys) {
        problems.push({
          code: "unknown-key",
          path: formatPath([...issue.path, key]),
          message: `unknown field${didYouMean(key, known, (k) => `\`${k}\``)}; known fields here: ${known.join(", ")}`,
        });
      }
    } else if (issue.code === "invalid_key") {
      // zod wraps a record key's own message; the user needs the inner one.
      for (const inner of issue.issues)
        problems.push({ code: "bad-value", path: formatPath(issue.path), message: inner.message });
    } else if (issue.code === "invalid_type" && issue.input === undefined) {
      problems.push({ code: "required", path: formatPath(issue.path), message: "is required" });
    } else if (issue.code === "invalid_type") {
      // A schema's own message says what the field takes better than the type's name does.
      const expected = issue.message.startsWith("Invalid input")
        ? `expected ${issue.expected === "object" ? "a map" : issue.expected === "array" ? "a list" : issue.expected}`
        : issue.message;
      problems.push({
        code: "wrong-type",
        path: formatPath(issue.path),
        message: `${expected}, got ${describeValue(issue.input)}`,
      });
    } else {
      problems.push({ code: issueCode(issue), path: formatPath(issue.path), message: issue.message });
    }
  }
  return problems;
}
