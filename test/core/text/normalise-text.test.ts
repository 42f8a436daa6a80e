import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { MAX_TEXT_CHARS, normaliseText, truncateText } from '../../../core/text/normalise-text.js';
import { stripHtml } from '../../../core/text/strip-html.js';

describe('stripHtml', () => {
  it('keeps visible text, drops scripts, styles and comments, breaks at block tags', () => {
    const html =
      '<html><head><style>p{color:red}</style></head><body><p>Hello&nbsp;team,</p>' +
      '<!-- tracking --><div>Thanks <b>a lot</b>!</div><script>alert(1)</script></body></html>';
    assert.equal(normaliseText(html), 'Hello team,\nThanks a lot!');
  });

  it('leaves plain text with angle brackets alone', () => {
    assert.equal(stripHtml('price < 10 and 5 > 3 <3'), 'price < 10 and 5 > 3 <3');
  });
});

describe('stripHtml entities', () => {
  it('decodes numeric and named entities', () => {
    assert.equal(stripHtml('caf&#233; &#x4E2D; &amp; &ldquo;ok&rdquo;'), 'café 中 & “ok”');
  });

  it('keeps the text after a > inside a quoted attribute', () => {
    assert.equal(stripHtml('<a title="a > b">link</a> text'), 'link text');
  });
});

describe('normaliseText', () => {
  it('collapses whitespace, folds full-width forms and drops control characters', () => {
    assert.equal(normaliseText('  Ｇｏｏｄ\t\tjob\u0000 \n\n\n ok  '), 'Good job\nok');
  });

  it('caps long texts at MAX_TEXT_CHARS without splitting a surrogate pair', () => {
    assert.equal(normaliseText('a'.repeat(1_000_000)).length, MAX_TEXT_CHARS);
    assert.equal(truncateText('ab😀', 3), 'ab');
  });
});
