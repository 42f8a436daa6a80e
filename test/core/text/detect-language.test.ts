import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { detectLanguage, scriptShares } from '../../../core/text/detect-language.js';

describe('detectLanguage', () => {
  it('tells Chinese, English, mixed and other texts apart by script share', () => {
    assert.equal(detectLanguage('送餐很快，味道不错'), 'zh');
    assert.equal(detectLanguage('The support team was great.'), 'en');
    assert.equal(detectLanguage('这个 product is really good 质量很好'), 'mixed');
    assert.equal(detectLanguage('Отличный сервис'), 'other');
  });

  it('keeps a text’s language when a few words of the other script appear', () => {
    assert.equal(detectLanguage('这个iPhone壳质量非常好，很满意'), 'zh');
    assert.equal(detectLanguage('Ordered the 麻辣 chicken and it was great fun'), 'en');
  });

  it('calls texts without letters other', () => {
    assert.equal(detectLanguage(''), 'other');
    assert.equal(detectLanguage('😀😀👍 !!! 123'), 'other');
    assert.equal(scriptShares('👍👍').letters, 0);
  });
});
