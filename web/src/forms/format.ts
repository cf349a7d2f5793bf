// Plain-language wording of catalog numbers.
import type { Tier } from '../api/types.ts';

const number = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return number.format(n);
}

export function describeRate(tier: Pick<Tier, 'rate'>): string {
  return `${formatCount(tier.rate.limit)} calls per ${tier.rate.per}`;
}

export function describeQuota(tier: Pick<Tier, 'monthlyQuota'>): string {
  const meters = Object.entries(tier.monthlyQuota ?? {});
  if (meters.length === 0) return 'no monthly cap (pay per call)';
  if (meters.length === 1) return `${formatCount(meters[0][1])} calls per month`;
  return meters.map(([meter, n]) => `${formatCount(n)} ${meter} calls per month`).join(', ');
}

/** The monthly cap of the tier's one meter, or null when the tier has none. */
export function monthlyLimit(tier: Pick<Tier, 'monthlyQuota'> | undefined): number | null {
  const values = Object.values(tier?.monthlyQuota ?? {});
  return values.length === 1 ? values[0] : null;
}

/** One short line for a tier in a select: "F0 — 20/minute, 5,000/month". */
export function describeTierShort(tier: Pick<Tier, 'name' | 'rate' | 'monthlyQuota'>): string {
  const limit = monthlyLimit(tier);
  const quota = limit !== null ? `${formatCount(limit)}/month` : Object.keys(tier.monthlyQuota ?? {}).length ? describeQuota(tier) : 'no monthly cap';
  return `${tier.name} — ${formatCount(tier.rate.limit)}/${tier.rate.per}, ${quota}`;
}
