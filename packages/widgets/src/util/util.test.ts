import { expect } from '@open-wc/testing';
import { realtimeTarget, safeHttpUrl } from './url.js';
import { capText, foldText, matchesKeyword } from './text.js';

describe('safeHttpUrl', () => {
  it('keeps absolute http(s) URLs only', () => {
    expect(safeHttpUrl('https://a.example/x?y=1')).to.equal('https://a.example/x?y=1');
    expect(safeHttpUrl(' http://a.example ')).to.equal('http://a.example/');
    for (const bad of [
      'javascript:alert(1)',
      'data:image/png;base64,AA',
      '/relative',
      '//a.example/x',
      'ftp://a',
      '',
      42,
      null,
      {},
      `https://a.example/${'x'.repeat(5000)}`,
    ]) {
      expect(safeHttpUrl(bad), String(bad).slice(0, 30)).to.equal(undefined);
    }
  });
});

describe('realtimeTarget', () => {
  it('maps a proxy path to the Engine.IO path and a bare host to /socket.io', () => {
    expect(realtimeTarget('https://shop.example/ws/rt')).to.deep.equal({
      url: 'https://shop.example/chatomni',
      path: '/ws/rt/socket.io',
    });
    expect(realtimeTarget('http://127.0.0.1:9002')).to.deep.equal({
      url: 'http://127.0.0.1:9002/chatomni',
      path: '/socket.io',
    });
    expect(realtimeTarget('wss://rt-2.tpos.app/')).to.deep.equal({
      url: 'https://rt-2.tpos.app/chatomni',
      path: '/socket.io',
    });
  });

  it('refuses other schemes', () => {
    expect(() => realtimeTarget('ftp://x.example')).to.throw(TypeError);
  });
});

describe('text', () => {
  it('folds Vietnamese diacritics and case', () => {
    expect(foldText('  Nguyễn Thị   ĐÀO ')).to.equal('nguyen thi dao');
    expect(matchesKeyword('nguyen dao', ['Nguyễn Thị Đào'])).to.equal(true);
    expect(matchesKeyword('hoa', ['Nguyễn Thị Đào', undefined])).to.equal(false);
    expect(matchesKeyword('  ', ['x'])).to.equal(true);
  });

  it('caps text and turns non-strings into the fallback', () => {
    expect(capText('abc', 2)).to.equal('ab');
    expect(capText(12)).to.equal('12');
    expect(capText({}, 10, '?')).to.equal('?');
  });
});
