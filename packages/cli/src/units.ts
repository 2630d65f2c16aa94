import type { Horizon, TimeUnit } from '@crm-lens/core';
import { UsageError } from './args.js';

export function parseUnit(text: string | undefined): TimeUnit {
  const unit = text ?? 'week';
  if (unit !== 'day' && unit !== 'week' && unit !== 'month') {
    throw new UsageError(`--unit takes day, week or month, got "${unit}"`);
  }
  return unit;
}

/** `12m`, `52w`, `365d`, `1y`, or a plain number of `unit`s. */
export function parseHorizon(text: string | undefined, unit: TimeUnit): Horizon {
  if (text === undefined) return { months: 12 };
  const m = /^(\d+(?:\.\d+)?)\s*([dwmy]?)$/.exec(text.trim());
  if (!m) throw new UsageError(`--horizon takes a span such as 12m, 52w, 365d or 1y, got "${text}"`);
  const amount = Number(m[1]);
  const suffix = m[2] || unit[0];
  return suffix === 'd'
    ? { days: amount }
    : suffix === 'w'
      ? { weeks: amount }
      : suffix === 'm'
        ? { months: amount }
        : { years: amount };
}
