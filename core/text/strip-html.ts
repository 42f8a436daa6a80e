import { Parser } from 'htmlparser2';

// Elements whose content is never text a person wrote.
const INVISIBLE = new Set(['script', 'style', 'head', 'title', 'template', 'noscript']);
// Block-level elements end a line visually; a newline keeps "Hello</p><p>Thanks" two words.
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'tr',
  'td',
  'th',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'section',
  'article',
  'hr',
]);
const LOOKS_LIKE_HTML = /<\/?[a-zA-Z][^>]*>|&(#?[a-zA-Z0-9]+);/;

/**
 * The visible text of an HTML fragment (an email body, a rich-text note), through
 * htmlparser2: drops comments, scripts and styles, turns block elements into line breaks and
 * decodes entities. Plain text passes through unchanged.
 */
export function stripHtml(text: string): string {
  if (!LOOKS_LIKE_HTML.test(text)) return text;

  const parts: string[] = [];
  let hidden = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (INVISIBLE.has(name)) hidden += 1;
        else if (BLOCK.has(name)) parts.push('\n');
      },
      onclosetag(name) {
        if (INVISIBLE.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BLOCK.has(name)) parts.push('\n');
      },
      ontext(chunk) {
        if (hidden === 0) parts.push(chunk);
      },
    },
    { decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  return parts.join('');
}
