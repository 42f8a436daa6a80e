import {
  detectLanguage,
  scriptShares,
  type TextLanguage,
} from '../../core/text/detect-language.js';
import { normaliseText } from '../../core/text/normalise-text.js';
import { shippedClassifier } from './shipped-classifiers.js';

/** The sentiment of one text. */
export interface TextSentiment {
  language: TextLanguage;
  /** P(positive), 0.5 for texts no model reads (`other`). */
  probability: number;
  /** 2p − 1, in [−1, 1]. */
  score: number;
  /** The normalised text that was scored. */
  text: string;
}

/**
 * Scores one raw text (HTML allowed) with the shipped model of its language. A mixed
 * Chinese–English text averages both models by their scripts' shares of its letters;
 * texts in other scripts or without letters get `undefined` (no opinion can be read).
 *
 * @example scoreText('Great support, thanks!')?.score // ≈ 0.9
 */
export function scoreText(raw: string): TextSentiment | undefined {
  const text = normaliseText(raw);
  const language = detectLanguage(text);
  if (language === 'other') return undefined;

  let probability: number;
  if (language === 'mixed') {
    const shares = scriptShares(text);
    const zh = shippedClassifier('zh').classifier.probability(text);
    const en = shippedClassifier('en').classifier.probability(text);
    probability = (shares.han * zh + shares.latin * en) / (shares.han + shares.latin);
  } else {
    probability = shippedClassifier(language).classifier.probability(text);
  }
  return { language, probability, score: 2 * probability - 1, text };
}
