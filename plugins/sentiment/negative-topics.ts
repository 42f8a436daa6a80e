import type { TextLanguage } from '../../core/text/detect-language.js';
import { IdfTable, type IdfTableJson } from '../../core/text/idf-table.js';
import { contentTerms, corpusKeywords } from '../../core/text/keywords.js';
import { tokenise } from '../../core/text/tokenise.js';
import { TopicModel, type TopicModelJson } from '../../core/text/topic-model.js';

/** A scored, normalised text as topic finding sees it. */
export interface TopicText {
  text: string;
  language: TextLanguage;
  score: number;
}

/** The corpus statistics a sentiment model keeps, as JSON. */
export interface NegativeTopicsJson {
  idf: IdfTableJson;
  topics: TopicModelJson;
}

// k grows like √(n/2), the usual rule of thumb, capped so a field lists distinct themes.
const MAX_TOPICS = 8;
const KEYWORDS_WITHOUT_TOPIC = 3;

/** Content words of a normalised text (no negation marks, no stop words). */
export function topicTerms(text: string, language: TextLanguage): string[] {
  return contentTerms(tokenise(text, language, { negation: false }));
}

/**
 * What customers complain about: IDF over every related text, and topics found by
 * k-means among the negative ones at training time. Each customer's negative texts are
 * matched to those topics, so the same theme gets the same label on every record.
 */
export class NegativeTopics {
  constructor(
    readonly idf: IdfTable,
    readonly topics: TopicModel,
  ) {}

  /** Learns IDF from all `texts` and topics from those scoring ≤ −`neutralBand`. */
  static fit(texts: readonly TopicText[], neutralBand: number, seed: number): NegativeTopics {
    const terms = texts.map((t) => topicTerms(t.text, t.language));
    const idf = IdfTable.fit(terms);
    const negative = terms.filter((_, i) => (texts[i]?.score ?? 0) <= -neutralBand);
    const k = Math.min(MAX_TOPICS, Math.max(1, Math.round(Math.sqrt(negative.length / 2))));
    const topics = TopicModel.fit(
      negative.map((tokens) => idf.vector(tokens)),
      { k, seed },
    );
    return new NegativeTopics(idf, topics);
  }

  static fromJSON(json: NegativeTopicsJson): NegativeTopics {
    return new NegativeTopics(IdfTable.fromJSON(json.idf), TopicModel.fromJSON(json.topics));
  }

  /**
   * Names the topics of one customer's negative texts, heaviest first, as
   * `term / term / term; …`. `weight` says how much each text counts (negativity ×
   * recency). Texts matching no topic contribute their own top keywords as one entry.
   */
  describe(texts: readonly (TopicText & { weight: number })[], maxTopics: number): string {
    const weightOfTopic = new Map<number, number>();
    const unmatched: string[][] = [];
    for (const text of texts) {
      const tokens = topicTerms(text.text, text.language);
      const topic = this.topics.assign(this.idf.vector(tokens));
      if (topic < 0) unmatched.push(tokens);
      else weightOfTopic.set(topic, (weightOfTopic.get(topic) ?? 0) + text.weight);
    }

    const labels = [...weightOfTopic]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([topic]) => this.topics.topics[topic]?.label ?? '')
      .filter((label) => label !== '');
    if (unmatched.length > 0 && labels.length < maxTopics) {
      const keywords = corpusKeywords(unmatched, this.idf, KEYWORDS_WITHOUT_TOPIC);
      if (keywords.length > 0) labels.push(keywords.map((k) => k.term).join(' / '));
    }
    return labels.slice(0, maxTopics).join('; ');
  }

  /**
   * The `k` terms that best characterise one customer's texts against the whole corpus
   * (summed TF-IDF, each text at unit length), as `term, term, …`.
   */
  keywords(texts: readonly TopicText[], k: number): string {
    const documents = texts.map((text) => topicTerms(text.text, text.language));
    return corpusKeywords(documents, this.idf, k)
      .map((keyword) => keyword.term)
      .join(', ');
  }

  toJSON(): NegativeTopicsJson {
    return { idf: this.idf.toJSON(), topics: this.topics.toJSON() };
  }
}
