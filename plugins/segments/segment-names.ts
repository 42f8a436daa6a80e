/**
 * Readable segment names from centroid z-scores (scaled units, 0 = the typical customer):
 * "high value · frequent · active", "new · low spend", "lapsed · very active by email". Rules,
 * not a model, so a name always says what the numbers say.
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
 * What joins a name's traits: not a comma, because run summaries list segments with commas
 * ("337 very frequent · high value, 231 new").
 */
export const TRAIT_JOINER = ' · ';

/** The figure of one feature at one centroid, in words (`2 notes in 90 days`). */
export type DescribeCentroid = (centroid: number, feature: number) => string;

/**
 * Names every centroid from its two strongest traits (three, then more, when two segments
 * would share a name). Segments whose traits are all the same differ only in degree: their
 * names add `figure` of the feature their centres differ most in, so the name says what
 * differs ("very active in notes (2 notes in 90 days)"); a name still shared gets a number.
 * Centroids with no notable trait are "typical".
 */
export function segmentNames(
  features: readonly string[],
  centroids: readonly (readonly number[])[],
  figure?: DescribeCentroid,
): string[] {
  const traits = centroids.map((c) => segmentTraits(features, c));
  const named = (i: number, length: number): string =>
    (traits[i] as string[]).slice(0, length).join(TRAIT_JOINER) || 'typical';
  const names = traits.map((_, i) => named(i, 2));

  for (let length = 3; length <= features.length; length++) {
    const clashing = names.map((name) => names.filter((n) => n === name).length > 1);
    if (!clashing.some(Boolean)) break;
    clashing.forEach((clash, i) => {
      if (clash) names[i] = named(i, length);
    });
  }

  if (figure !== undefined) {
    for (const group of sharedNames(names)) {
      const feature = widestFeature(
        features.length,
        group.map((i) => centroids[i] ?? []),
      );
      for (const i of group) names[i] = `${names[i]} (${figure(i, feature)})`;
    }
  }

  const numbered = [...names];
  for (const group of sharedNames(names)) {
    group.forEach((i, n) => (numbered[i] = `${names[i]} ${n + 1}`));
  }
  return numbered;
}

/** The positions of every name given to more than one segment, one group per name. */
function sharedNames(names: readonly string[]): number[][] {
  const byName = new Map<string, number[]>();
  names.forEach((name, i) => byName.set(name, [...(byName.get(name) ?? []), i]));
  return [...byName.values()].filter((group) => group.length > 1);
}

/** The feature whose value differs most between `centroids`. */
function widestFeature(count: number, centroids: readonly (readonly number[])[]): number {
  let widest = 0;
  let widestRange = -1;
  for (let j = 0; j < count; j++) {
    const values = centroids.map((c) => c[j] ?? 0);
    const range = Math.max(...values) - Math.min(...values);
    if (range > widestRange) [widest, widestRange] = [j, range];
  }
  return widest;
}
