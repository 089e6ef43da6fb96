/** One benchmark figure, and its two output forms: an aligned human line or one JSON object per line. */

export interface Reference {
  name: string;
  value: number;
  unit: string;
  /** How the reference was obtained (inputs, cores). */
  notes: string;
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  reference: number;
  referenceUnit: string;
  referenceName: string;
  /** value / reference. */
  ratio: number;
  notes?: string;
}

export function figureAgainst(
  name: string,
  value: number,
  unit: string,
  ref: Reference,
  notes?: string,
): Figure {
  return {
    name,
    value,
    unit,
    reference: ref.value,
    referenceUnit: ref.unit,
    referenceName: ref.name,
    ratio: value / ref.value,
    notes,
  };
}

/** Thousands-grouped integer for rates, a few significant digits for small values. */
export function formatNumber(n: number): string {
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString("en-US");
  return n.toPrecision(3);
}

export function humanLine(f: Figure): string {
  return (
    // At least one space after each column, also for a name or unit longer than its column.
    `${f.name.padEnd(13)} ${formatNumber(f.value).padStart(10)} ${f.unit.padEnd(9)} ` +
    `reference: ${formatNumber(f.reference)} ${f.referenceUnit} (${f.referenceName})   ` +
    `ratio: ${f.ratio.toFixed(2)}` +
    (f.notes ? `\n${"".padEnd(14)}${f.notes}` : "")
  );
}

export function jsonLine(f: Figure): string {
  return JSON.stringify({
    name: f.name,
    value: f.value,
    unit: f.unit,
    reference: f.reference,
    referenceUnit: f.referenceUnit,
    referenceName: f.referenceName,
    ratio: f.ratio,
    ...(f.notes ? { notes: f.notes } : {}),
  });
}
