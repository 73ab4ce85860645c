/**
 * Sizes in messages: in MiB (or KiB under one MiB), with as many decimals as it takes for a size and the
 * limit it is compared with to read differently ("16.000001 MiB, expected at most 16 MiB", never
 * "16.0 MB, expected at most 16.0 MB"), and in bytes when even six decimals do not tell them apart.
 */

const KIB = 1024;
const MIB = 1024 * 1024;

function unitOf(bytes: number): [string, number] {
  return bytes >= MIB ? ['MiB', MIB] : bytes >= KIB ? ['KiB', KIB] : ['bytes', 1];
}

/** The size in `unit`, to `decimals` places, or whole when it is whole. */
function inUnit(bytes: number, [unit, size]: [string, number], decimals: number): string {
  const value = bytes / size;
  return `${Number.isInteger(value) ? String(value) : value.toFixed(decimals)} ${unit}`;
}

/** `size` and `limit`, in the limit's unit, written so that they differ whenever the numbers do. */
export function sizesApart(size: number, limit: number): [string, string] {
  const unit = unitOf(limit);
  if (unit[1] === 1) return [`${size} bytes`, `${limit} bytes`];
  for (let decimals = 1; decimals <= 6; decimals++) {
    if ((size / unit[1]).toFixed(decimals) !== (limit / unit[1]).toFixed(decimals) || size === limit)
      return [inUnit(size, unit, decimals), inUnit(limit, unit, decimals)];
  }
  return [`${size} bytes`, `${limit} bytes`];
}
