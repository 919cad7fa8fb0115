import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { CSSResultGroup, CSSResultOrNative } from 'lit';
import {
  control,
  inboxAndThread,
  session,
  settled,
  shadow,
  signedIn,
  startSim,
} from '../../../test/support/harness.js';
import { ChatomniInbox } from '../chatomni-inbox/chatomni-inbox.js';
import { ChatomniStatus } from '../chatomni-status/chatomni-status.js';
import { ChatomniThread } from '../chatomni-thread/chatomni-thread.js';
import { COLOR_TOKENS, tokenStyles } from './tokens.js';
import type { ChatSession } from '../../session/session.js';

const ELEMENTS = { ChatomniInbox, ChatomniThread, ChatomniStatus };

/** Every style sheet an element class adopts, nested groups flattened. */
function flatten(styles: CSSResultGroup | undefined): CSSResultOrNative[] {
  if (!styles) return [];
  return Array.isArray(styles) ? styles.flatMap((s) => flatten(s)) : [styles as CSSResultOrNative];
}

/** Every declaration with its selector, inside @media and @container too. */
function declarations(
  rules: CSSRuleList,
  out: { selector: string; property: string; value: string }[] = [],
) {
  for (const rule of rules) {
    if (rule instanceof CSSStyleRule) {
      for (const property of rule.style) {
        const value = rule.style.getPropertyValue(property);
        out.push({ selector: rule.selectorText, property, value });
      }
    }
    if ('cssRules' in rule) declarations((rule as CSSGroupingRule).cssRules, out);
  }
  return out;
}

/** Properties that take a colour, where a bare word may be a named one. */
const COLOUR_PROPERTY = /color|background|border|outline|shadow|fill|stroke|caret|rule|decoration/;

/**
 * A colour written out in `property: value`: hex or a colour function anywhere, or a named
 * colour (the browser decides which words are colours) in a property that takes one.
 */
function colourLiteral(property: string, value: string): string | undefined {
  const literal = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/i.exec(value);
  if (literal) return literal[0];
  if (!COLOUR_PROPERTY.test(property) || property.startsWith('transition')) return undefined;
  const allowed = new Set(['transparent', 'currentcolor', 'inherit', 'initial', 'unset', 'none']);
  return value
    .replace(/var\([^)]*\)/g, '')
    .match(/[a-z]+/gi)
    ?.find((word) => !allowed.has(word.toLowerCase()) && CSS.supports('color', word));
}

const bg = (el: Element) => getComputedStyle(el).backgroundColor;
/** The computed `rgb()` of a token's default. */
function rgb(value: string): string {
  const probe = document.createElement('i');
  probe.style.color = value;
  document.body.append(probe);
  const out = getComputedStyle(probe).color;
  probe.remove();
  return out;
}

/** An inbox and a thread showing the first conversation's messages, in `theme`. */
async function shown(s: ChatSession, theme?: string) {
  s.select(s.visibleConversations()[0]!.id);
  const { inbox, thread } = await inboxAndThread(s, { theme });
  await waitUntil(() => shadow(thread).querySelector('[part~="message"]'), 'no messages', {
    timeout: 8000,
  });
  await settled(thread);
  return { inbox, thread };
}

describe('theming', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  describe('custom properties', () => {
    it('should write no colour in any element style outside the token definitions', () => {
      const found: string[] = [];
      for (const [name, element] of Object.entries(ELEMENTS)) {
        for (const style of flatten(element.styles)) {
          if (style === tokenStyles) continue;
          const sheet = new CSSStyleSheet();
          sheet.replaceSync('cssText' in style ? style.cssText : '');
          for (const { selector, property, value } of declarations(sheet.cssRules)) {
            const literal = colourLiteral(property, value);
            if (literal) found.push(`${name}: ${selector} { ${property}: ${value} } (${literal})`);
          }
        }
      }
      expect(found).to.deep.equal([]);
    });

    it('should read every colour through a token the elements define', () => {
      const defined = new Set(Object.keys(COLOR_TOKENS).map((n) => `--_${n}`));
      for (const n of ['--_font', '--_radius']) defined.add(n);
      const unknown = new Set<string>();
      for (const element of Object.values(ELEMENTS)) {
        for (const style of flatten(element.styles)) {
          const css = 'cssText' in style ? style.cssText : '';
          for (const [name] of css.matchAll(/--_[a-z0-9-]+/g)) {
            if (!defined.has(name)) unknown.add(name);
          }
        }
      }
      expect([...unknown]).to.deep.equal([]);
    });

    it('should document every token as a @cssprop of each element, light default first', async () => {
      const manifest = (await (
        await fetch('/packages/widgets/dist/custom-elements.json')
      ).json()) as {
        modules: { declarations?: { name: string; cssProperties?: Record<string, string>[] }[] }[];
      };
      const declared = manifest.modules.flatMap((m) => m.declarations ?? []);
      for (const name of Object.keys(ELEMENTS)) {
        const props = new Map(
          (declared.find((d) => d.name === name)?.cssProperties ?? []).map((p) => [p['name'], p]),
        );
        for (const [token, { light, dark }] of Object.entries(COLOR_TOKENS)) {
          const doc = props.get(`--chatomni-${token}`);
          expect(doc, `${name} --chatomni-${token}`).to.not.equal(undefined);
          expect(doc!['default'], `${name} --chatomni-${token}`).to.equal(light);
          expect(doc!['description'], `${name} --chatomni-${token}`).to.include(`(dark ${dark})`);
        }
      }
    });

    it("should let a page's custom property win in both themes", async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await fixture<ChatomniInbox>(
        html`<chatomni-inbox
          style="height:400px;--chatomni-bg:#fdf6e3"
          session=${s.name}
        ></chatomni-inbox>`,
      );
      expect(bg(el)).to.equal('rgb(253, 246, 227)');
      el.theme = 'dark';
      await el.updateComplete;
      expect(bg(el)).to.equal('rgb(253, 246, 227)');
    });
  });

  describe('light and dark', () => {
    it("should follow the system's dark preference unless theme says otherwise", async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await fixture<ChatomniInbox>(
        html`<chatomni-inbox style="height:400px" session=${s.name}></chatomni-inbox>`,
      );
      expect(bg(el)).to.equal(rgb(COLOR_TOKENS.bg.light));
      expect(getComputedStyle(el).colorScheme).to.equal('light');
      await emulateMedia({ colorScheme: 'dark' });
      expect(bg(el)).to.equal(rgb(COLOR_TOKENS.bg.dark));
      // Form controls follow: the search field is drawn in the dark scheme.
      const search = shadow(el).querySelector('input')!;
      expect(getComputedStyle(search).colorScheme).to.equal('dark');
      el.theme = 'light';
      await el.updateComplete;
      expect(el.getAttribute('theme')).to.equal('light');
      expect(bg(el)).to.equal(rgb(COLOR_TOKENS.bg.light));
      await emulateMedia({ colorScheme: 'light' });
      el.theme = 'dark';
      await el.updateComplete;
      expect(bg(el)).to.equal(rgb(COLOR_TOKENS.bg.dark));
      expect(getComputedStyle(el).color).to.equal(rgb(COLOR_TOKENS.fg.dark));
    });

    it('is accessible in the light theme, text contrast included', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const { inbox, thread } = await shown(s, 'light');
      await expect(inbox).to.be.accessible();
      await expect(thread).to.be.accessible();
    });

    it('is accessible in the dark theme, text contrast included', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const { inbox, thread } = await shown(s, 'dark');
      expect(bg(inbox)).to.equal(rgb(COLOR_TOKENS.bg.dark));
      await expect(inbox).to.be.accessible();
      await expect(thread).to.be.accessible();
    });

    it('is accessible with the system in dark mode', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      const sim = await startSim();
      const s = await signedIn(sim);
      const { inbox, thread } = await shown(s);
      const status = await fixture<ChatomniStatus>(
        html`<chatomni-status session=${s.name}></chatomni-status>`,
      );
      expect(bg(thread)).to.equal(rgb(COLOR_TOKENS.bg.dark));
      await expect(inbox).to.be.accessible();
      await expect(thread).to.be.accessible();
      await expect(status).to.be.accessible();
    });
  });

  describe('reduced motion', () => {
    it('should stop the skeleton pulse and the refresh spinner', async () => {
      const sim = await startSim();
      // Searches answer after 4 s: the skeleton pulses, the refresh spins meanwhile.
      await control(sim, 'fail', {
        route: 'conversations/search',
        status: 200,
        body: 'json',
        delayMs: 4000,
        count: 50,
      });
      const s = session(sim);
      void s.login('demo', 'demo123').catch(() => undefined);
      const wrap = await fixture<HTMLDivElement>(
        html`<div>
          <chatomni-status session=${s.name}></chatomni-status>
          <chatomni-inbox style="height:400px" session=${s.name}></chatomni-inbox>
        </div>`,
      );
      const inbox = wrap.querySelector('chatomni-inbox')!;
      const status = wrap.querySelector('chatomni-status')!;
      const pulse = () => shadow(inbox).querySelector('.skeleton .avatar');
      await waitUntil(pulse, 'no skeleton');
      // Signed in, the first search still held back: a refresh now spins until it answers.
      await waitUntil(() => s.auth === 'authenticated' && s.listState.loading, 'not loading');
      // The status shows the sign-in in its next frame: until then the refresh is disabled.
      const refresh = () => shadow(status).querySelector<HTMLButtonElement>('[part~="refresh"]');
      await waitUntil(() => refresh() && !refresh()!.disabled, 'refresh still disabled');
      refresh()!.click();
      await waitUntil(() => shadow(status).querySelector('.spin .icon'), 'no spinner');
      const spinner = () => shadow(status).querySelector('.spin .icon')!;
      expect(getComputedStyle(pulse()!).animationName).to.equal('pulse');
      expect(getComputedStyle(spinner()).animationName).to.equal('spin');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle(pulse()!).animationName).to.equal('none');
      expect(getComputedStyle(spinner()).animationName).to.equal('none');
    });
  });
});
