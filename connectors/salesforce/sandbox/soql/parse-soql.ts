import { soqlError } from './soql-error.js';
import type { Condition, FieldRef, Literal, OrderKey, SoqlQuery } from './soql-query.js';
import { tokenize, type Token } from './soql-tokens.js';

/**
 * Parses `SELECT fields|COUNT() FROM Object [WHERE …] [ORDER BY …] [LIMIT n] [OFFSET n]`.
 * Conditions: = != <> < <= > >= LIKE, [NOT] IN (…), NOT, parentheses, and AND/OR — which,
 * as in Salesforce, cannot be mixed at one level without parentheses. Anything else is a
 * 400 MALFORMED_QUERY with Salesforce's caret message.
 */
export function parseSoql(soql: string): SoqlQuery {
  return new SoqlParser(soql).parse();
}

class SoqlParser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(private readonly soql: string) {
    this.tokens = tokenize(soql);
  }

  parse(): SoqlQuery {
    this.keyword('SELECT');
    const { fields, count } = this.selectList();
    this.keyword('FROM');
    const object = this.fieldRef();
    const where = this.acceptKeyword('WHERE') ? this.condition() : undefined;
    const orderBy = this.acceptKeyword('ORDER') ? this.orderBy() : [];
    const limit = this.acceptKeyword('LIMIT') ? this.integer() : undefined;
    const offset = this.acceptKeyword('OFFSET') ? this.integer() : undefined;

    const extra = this.peek();
    if (extra) throw this.unexpected(extra);
    return { soql: this.soql, fields, count, object, where, orderBy, limit, offset };
  }

  private selectList(): { fields: FieldRef[]; count: boolean } {
    const first = this.peek();
    if (first?.kind === 'word' && first.text.toUpperCase() === 'COUNT') {
      this.index += 1;
      this.punct('(');
      this.punct(')');
      return { fields: [], count: true };
    }
    const fields = [this.fieldRef()];
    while (this.acceptPunct(',')) fields.push(this.fieldRef());
    return { fields, count: false };
  }

  private condition(): Condition {
    const first = this.unary();
    const joiner = this.peekKeyword('AND') ? 'and' : this.peekKeyword('OR') ? 'or' : undefined;
    if (joiner === undefined) return first;

    const conditions = [first];
    while (this.acceptKeyword(joiner.toUpperCase())) conditions.push(this.unary());
    const other = this.peek();
    if (other && (this.peekKeyword('AND') || this.peekKeyword('OR'))) throw this.unexpected(other);
    return { kind: joiner, conditions };
  }

  private unary(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', condition: this.unary() };
    if (this.acceptPunct('(')) {
      const inner = this.condition();
      this.punct(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Condition {
    const field = this.fieldRef();
    const negated = this.acceptKeyword('NOT');
    if (this.acceptKeyword('IN')) {
      this.punct('(');
      const values = [this.literal()];
      while (this.acceptPunct(',')) values.push(this.literal());
      this.punct(')');
      return { kind: 'in', field, negated, values };
    }
    if (negated) throw this.unexpected(this.peek());
    if (this.acceptKeyword('LIKE'))
      return { kind: 'compare', field, operator: 'LIKE', value: this.literal() };

    const token = this.next();
    if (token.kind !== 'operator') throw this.unexpected(token);
    const operator = token.text === '<>' ? '!=' : token.text;
    return {
      kind: 'compare',
      field,
      operator: operator as '=' | '!=' | '<' | '<=' | '>' | '>=',
      value: this.literal(),
    };
  }

  private literal(): Literal {
    const token = this.next();
    const upper = token.text.toUpperCase();
    if (token.kind === 'string') return { kind: 'string', value: token.text };
    if (token.kind === 'number') return { kind: 'number', value: Number(token.text) };
    if (token.kind === 'datetime') return { kind: 'datetime', value: token.text };
    if (token.kind === 'date') return { kind: 'date', value: token.text };
    if (token.kind === 'word' && (upper === 'TRUE' || upper === 'FALSE')) {
      return { kind: 'boolean', value: upper === 'TRUE' };
    }
    if (token.kind === 'word' && upper === 'NULL') return { kind: 'null' };
    throw this.unexpected(token);
  }

  private orderBy(): OrderKey[] {
    this.keyword('BY');
    const keys: OrderKey[] = [];
    do {
      const field = this.fieldRef();
      const descending = this.acceptKeyword('DESC');
      if (!descending) this.acceptKeyword('ASC');
      // Salesforce puts nulls first when ascending and last when descending, unless told.
      let nullsLast = descending;
      if (this.acceptKeyword('NULLS')) {
        nullsLast = this.acceptKeyword('LAST');
        if (!nullsLast) this.keyword('FIRST');
      }
      keys.push({ field, descending, nullsLast });
    } while (this.acceptPunct(','));
    return keys;
  }

  private integer(): number {
    const token = this.next();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text)) throw this.unexpected(token);
    return Number(token.text);
  }

  private fieldRef(): FieldRef {
    const token = this.next();
    if (token.kind !== 'word') throw this.unexpected(token);
    return { name: token.text, position: token.position };
  }

  private keyword(word: string): void {
    if (!this.acceptKeyword(word)) throw this.unexpected(this.peek());
  }

  private acceptKeyword(word: string): boolean {
    if (!this.peekKeyword(word)) return false;
    this.index += 1;
    return true;
  }

  private peekKeyword(word: string): boolean {
    const token = this.peek();
    return token?.kind === 'word' && token.text.toUpperCase() === word;
  }

  private punct(text: string): void {
    if (!this.acceptPunct(text)) throw this.unexpected(this.peek());
  }

  private acceptPunct(text: string): boolean {
    const token = this.peek();
    if (token?.kind !== 'punct' || token.text !== text) return false;
    this.index += 1;
    return true;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.peek();
    if (!token) throw this.unexpected(undefined);
    this.index += 1;
    return token;
  }

  private unexpected(token: Token | undefined): Error {
    if (!token) return soqlError(this.soql, this.soql.length, 'unexpected token: <EOF>');
    return soqlError(this.soql, token.position, `unexpected token: '${token.text}'`);
  }
}
