/**
 * A strict reader of the Prometheus text exposition format (0.0.4) for tests: every sample
 * belongs to a family announced by # HELP and # TYPE before it, label values are quoted,
 * values are numbers. Throws on anything else, naming the line.
 */

export interface Sample {
  /** The sample's own name (e.g. x_bucket, x_sum, x_count for a histogram x). */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: "counter" | "gauge" | "histogram" | "summary" | "untyped";
  help: string;
  samples: Sample[];
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: (-?[0-9]+))?$`);
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/;
const SUFFIXES: Record<string, string[]> = {
  counter: [""],
  gauge: [""],
  untyped: [""],
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["", "_sum", "_count"],
};

function parseValue(text: string, line: number): number {
  if (text === "+Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  // Prometheus parses values with Go's ParseFloat, which takes NaN in any case; prom-client
  // writes "Nan" (e.g. the event loop lag before its first sample).
  if (text.toLowerCase() === "nan") return Number.NaN;
  const v = Number(text);
  if (text === "" || Number.isNaN(v)) throw new Error(`line ${line}: "${text}" is not a number`);
  return v;
}

function parseLabels(text: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const m = LABEL.exec(rest);
    if (!m) throw new Error(`line ${line}: malformed labels "${text}"`);
    if (m[1] in labels) throw new Error(`line ${line}: label ${m[1]} twice`);
    labels[m[1]] = m[2].replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
    rest = rest.slice(m[0].length);
  }
  return labels;
}

/** The families of an exposition, by name. */
export function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const help = new Map<string, string>();
  let current: Family | undefined;
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    if (raw.startsWith("# HELP ")) {
      const m = new RegExp(`^# HELP (${NAME}) (.*)$`).exec(raw);
      if (!m) throw new Error(`line ${line}: malformed HELP "${raw}"`);
      help.set(m[1], m[2]);
      return;
    }
    if (raw.startsWith("# TYPE ")) {
      const [, , name, type] = raw.split(" ");
      if (!(type in SUFFIXES)) throw new Error(`line ${line}: unknown type "${type}"`);
      if (families.has(name)) throw new Error(`line ${line}: family ${name} declared twice`);
      const h = help.get(name);
      if (h === undefined) throw new Error(`line ${line}: TYPE of ${name} without a HELP before it`);
      current = { name, type: type as Family["type"], help: h, samples: [] };
      families.set(name, current);
      return;
    }
    if (raw.startsWith("#")) return;
    const m = SAMPLE.exec(raw);
    if (!m) throw new Error(`line ${line}: not a sample: "${raw}"`);
    const [, name, labelText, value] = m;
    const family = current;
    if (!family || !SUFFIXES[family.type].some((s) => name === family.name + s)) {
      throw new Error(`line ${line}: sample ${name} outside its family (after ${family?.name ?? "nothing"})`);
    }
    family.samples.push({ name, labels: parseLabels(labelText ?? "", line), value: parseValue(value, line) });
  });
  return families;
}

/** The value of the one sample of `name` whose labels include `labels` (undefined if none). */
export function sampleValue(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const f of families.values()) {
    for (const s of f.samples) {
      if (s.name !== name) continue;
      if (Object.entries(labels).every(([k, v]) => s.labels[k] === v)) return s.value;
    }
  }
  return undefined;
}
