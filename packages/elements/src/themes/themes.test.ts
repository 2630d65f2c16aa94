import { expect, html } from '@open-wc/testing';
import '../lens-data.js';
import '../testing/probe-element.js';
import type { LensData } from '../data/data.js';
import { mount } from '../testing/fixtures.js';
import type { LensTestProbe } from '../testing/probe-element.js';
import { DARK_TOKENS, LIGHT_TOKENS, readToken, TOKEN_NAMES, type TokenName } from './tokens.js';

/** `--lens-x: v;` declarations of a CSS file's first rule. */
async function declarations(file: string): Promise<Record<string, string>> {
  const text = await (await fetch(new URL(`./${file}`, import.meta.url))).text();
  const out: Record<string, string> = {};
  for (const match of text.matchAll(/--lens-([a-z0-9-]+):\s*([^;]+);/g)) {
    // Compared as written by scripts/build-themes.mjs before biome's formatting (quotes, line breaks).
    out[match[1]!] = match[2]!.replace(/\s+/g, ' ').replaceAll('"', "'").trim();
  }
  return out;
}

/** A colour as the browser computes it (`rgb(…)`). */
function rgb(color: string): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

/** The computed text colour of the probe's idle state. */
function stateColor(probe: LensTestProbe): string {
  return getComputedStyle(probe.shadowRoot!.querySelector('.state')!).color;
}

function stateBackground(probe: LensTestProbe): string {
  return getComputedStyle(probe.shadowRoot!.querySelector('.state')!).backgroundColor;
}

describe('themes', () => {
  it('light.css and dark.css define every token with the values of tokens.ts', async () => {
    const light = await declarations('light.css');
    const dark = await declarations('dark.css');
    expect(Object.keys(light).sort()).to.deep.equal([...TOKEN_NAMES].sort());
    for (const name of TOKEN_NAMES) {
      expect(light[name], name).to.equal(LIGHT_TOKENS[name]);
      expect(dark[name], name).to.equal(DARK_TOKENS[name]);
    }
  });

  it('elements use the light defaults without any theme file', async () => {
    const probe = await mount<LensTestProbe>(html`<lens-test-probe></lens-test-probe>`);
    expect(stateColor(probe)).to.equal(rgb(LIGHT_TOKENS['color-text']));
    expect(stateBackground(probe)).to.equal(rgb(LIGHT_TOKENS['color-surface']));
    expect(readToken(probe, 'color-accent')).to.equal(LIGHT_TOKENS['color-accent']);
  });

  it('theme="dark" on the element switches its colours', async () => {
    const probe = await mount<LensTestProbe>(html`<lens-test-probe theme="dark"></lens-test-probe>`);
    expect(stateColor(probe)).to.equal(rgb(DARK_TOKENS['color-text']));
    expect(stateBackground(probe)).to.equal(rgb(DARK_TOKENS['color-surface']));
    expect(readToken(probe, 'tier-gold')).to.equal(DARK_TOKENS['tier-gold']);
    probe.theme = 'light';
    await probe.updateComplete;
    expect(stateColor(probe)).to.equal(rgb(LIGHT_TOKENS['color-text']));
  });

  it('theme="dark" on <lens-data> reaches the widgets inside it', async () => {
    const data = await mount<LensData>(
      html`<lens-data theme="dark"><lens-test-probe></lens-test-probe></lens-data>`,
    );
    const probe = data.querySelector('lens-test-probe')!;
    await probe.updateComplete;
    expect(stateColor(probe)).to.equal(rgb(DARK_TOKENS['color-text']));
  });

  it('page tokens on any ancestor override the defaults', async () => {
    const outer = await mount<HTMLDivElement>(
      html`<div style="--lens-color-text: rgb(1, 2, 3); --lens-color-surface: rgb(4, 5, 6)">
        <lens-test-probe></lens-test-probe>
      </div>`,
    );
    const probe = outer.querySelector('lens-test-probe')!;
    await probe.updateComplete;
    expect(stateColor(probe)).to.equal('rgb(1, 2, 3)');
    expect(stateBackground(probe)).to.equal('rgb(4, 5, 6)');
    expect(readToken(probe, 'color-text' as TokenName)).to.equal('rgb(1, 2, 3)');
  });

  it('the class lens-theme-dark with dark.css darkens everything inside', async () => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(await (await fetch(new URL('./dark.css', import.meta.url))).text());
    const host = await mount<HTMLDivElement>(html`<div></div>`);
    // Adopted into a shadow root of the test, not the document: nothing leaks into the page.
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    const wrapper = document.createElement('div');
    wrapper.className = 'lens-theme-dark';
    const probe = document.createElement('lens-test-probe');
    wrapper.append(probe);
    root.append(wrapper);
    await probe.updateComplete;
    expect(stateColor(probe)).to.equal(rgb(DARK_TOKENS['color-text']));
  });
});
