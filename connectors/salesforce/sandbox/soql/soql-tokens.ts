import { soqlError } from './soql-error.js';

export type TokenKind = 'word' | 'string' | 'number' | 'datetime' | 'date' | 'operator' | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based offset in the query, for error carets. */
  position: number;
}

// Longest alternatives first so '2024-01-01T…' is not read as a date plus junk.
const PATTERNS: readonly [TokenKind, RegExp][] = [
  ['datetime', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})/y],
  ['date', /\d{4}-\d{2}-\d{2}(?![\dT])/y],
  ['number', /-?\d+(?:\.\d+)?(?![\w-])/y],
  ['word', /[A-Za-z_][A-Za-z0-9_.]*/y],
  ['operator', /!=|<>|<=|>=|=|<|>/y],
  ['punct', /[(),]/y],
];

/** Splits a SOQL query into tokens; quoted strings are unescaped (\' \" \\ \n \t). */
export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;

  while (index < soql.length) {
    const char = soql.charAt(index);
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (char === "'") {
      const { text, end } = readString(soql, index);
      tokens.push({ kind: 'string', text, position: index });
      index = end;
      continue;
    }

    const matched = PATTERNS.find(([, pattern]) => {
      pattern.lastIndex = index;
      return pattern.test(soql);
    });
    if (matched === undefined) throw soqlError(soql, index, `unexpected token: '${char}'`);
    const [kind, pattern] = matched;
    tokens.push({ kind, text: soql.slice(index, pattern.lastIndex), position: index });
    index = pattern.lastIndex;
  }
  return tokens;
}

const ESCAPES: Readonly<Record<string, string>> = {
  "'": "'",
  '"': '"',
  '\\': '\\',
  n: '\n',
  t: '\t',
  r: '\r',
  '%': '\\%',
  _: '\\_',
};

function readString(soql: string, start: number): { text: string; end: number } {
  let text = '';
  let index = start + 1;
  while (index < soql.length) {
    const char = soql.charAt(index);
    if (char === "'") return { text, end: index + 1 };
    if (char === '\\') {
      const escaped = ESCAPES[soql.charAt(index + 1)];
      if (escaped === undefined) throw soqlError(soql, index, 'Invalid string literal');
      text += escaped;
      index += 2;
      continue;
    }
    text += char;
    index += 1;
  }
  throw soqlError(soql, start, 'unexpected token: unterminated string literal');
}
