/** One feature value in words: `14 orders`, `last order 30 days ago`, `2 notes in 90 days`. */
export function describeFigure(feature: string, value: number | null): string {
  if (value === null) return `${feature.replaceAll('_', ' ')} unknown`;
  const whole = Math.round(value);
  switch (feature) {
    case 'recency_days':
      return `last order ${whole} days ago`;
    case 'frequency':
      return `${whole} order${whole === 1 ? '' : 's'}`;
    case 'monetary':
      return `spent ${whole}`;
    case 'tenure_days':
      return `first order ${whole} days ago`;
    case 'notes_90d':
    case 'emails_90d':
    case 'calls_90d':
    case 'meetings_90d': {
      const noun = feature.slice(0, -'s_90d'.length);
      return `${whole} ${noun}${whole === 1 ? '' : 's'} in 90 days`;
    }
    default:
      return `${feature.replaceAll('_', ' ')} ${Number(value.toPrecision(4))}`;
  }
}
