/**
 * Readable segment names from centroid z-scores (scaled units, 0 = the typical customer):
 * "high value, frequent, active", "new, low spend", "lapsed, very active by email". Rules, not
 * a model, so a name always says what the numbers say.
 */

// Half a (robust) standard deviation from the typical customer is a visible difference;
// less than that is "typical" and left out of the name.
const NOTABLE = 0.5;
const STRONG = 1.25;

type Describe = (z: number) => string | null;

// Recent activity counts (`emails_90d`): many of one kind reads "very active by email".
const activity =
  (how: string): Describe =>
  (z) =>
    z >= STRONG
      ? `very active ${how}`
      : z >= NOTABLE
        ? `active ${how}`
        : z <= -NOTABLE
          ? `quiet ${how}`
          : null;

const WORDS: Record<string, Describe> = {
  monetary: (z) =>
    z >= STRONG ? 'top value' : z >= NOTABLE ? 'high value' : z <= -NOTABLE ? 'low spend' : null,
  frequency: (z) =>
    z >= STRONG ? 'very frequent' : z >= NOTABLE ? 'frequent' : z <= -NOTABLE ? 'one-off' : null,
  recency_days: (z) =>
    z >= STRONG ? 'lapsed' : z >= NOTABLE ? 'lapsing' : z <= -NOTABLE ? 'active' : null,
  tenure_days: (z) => (z >= NOTABLE ? 'long-standing' : z <= -NOTABLE ? 'new' : null),
  notes_90d: activity('in notes'),
  emails_90d: activity('by email'),
  calls_90d: activity('by phone'),
  meetings_90d: activity('in meetings'),
};

function describeOther(feature: string, z: number): string | null {
  if (Math.abs(z) < NOTABLE) return null;
  return `${z > 0 ? 'high' : 'low'} ${feature.replaceAll('_', ' ')}`;
}

/** The notable traits of one centroid, strongest first. */
export function segmentTraits(features: readonly string[], centroid: readonly number[]): string[] {
  return features
    .map((feature, j) => {
      const z = centroid[j] ?? 0;
      const word = (WORDS[feature] ?? ((v: number) => describeOther(feature, v)))(z);
      return { word, strength: Math.abs(z) };
    })
    .filter((t): t is { word: string; strength: number } => t.word !== null)
    .sort((a, b) => b.strength - a.strength)
    .map((t) => t.word);
}

/**
 * Names every centroid from its two strongest traits (three, then more, when two segments
 * would share a name); a name still shared gets a number. Centroids with no notable trait
 * are "typical".
 */
export function segmentNames(
  features: readonly string[],
  centroids: readonly (readonly number[])[],
): string[] {
  const traits = centroids.map((c) => segmentTraits(features, c));
  const names = traits.map((t) => t.slice(0, 2).join(', ') || 'typical');

  for (let length = 3; length <= features.length; length++) {
    const clashing = names.map((name) => names.filter((n) => n === name).length > 1);
    if (!clashing.some(Boolean)) break;
    clashing.forEach((clash, i) => {
      if (clash) names[i] = (traits[i] as string[]).slice(0, length).join(', ') || 'typical';
    });
  }

  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    const total = names.filter((n) => n === name).length;
    return total > 1 ? `${name} ${count}` : name;
  });
}
