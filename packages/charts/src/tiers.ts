/** The four customer-value tiers, top of the pyramid first (the order every chart draws them in). */
export const TIERS = ['platinum', 'gold', 'iron', 'lead'] as const;

/** A customer-value tier: Platinum (high current, high potential) … Lead (low, low). */
export type Tier = (typeof TIERS)[number];

/** Whether `value` names a tier (for data read back from a chart's scenegraph). */
export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}
