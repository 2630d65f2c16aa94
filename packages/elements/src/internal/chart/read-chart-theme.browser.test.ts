import { defaultChartTheme } from '@crm-lens/charts';
import { expect } from '@open-wc/testing';
import { LIGHT_TOKENS } from '../../themes/tokens.js';
import { formatTooltip } from './format-tooltip.js';
import { readChartTheme } from './read-chart-theme.js';

describe('readChartTheme', () => {
  let wrapper: HTMLDivElement;
  beforeEach(() => {
    wrapper = document.createElement('div');
    document.body.append(wrapper);
  });
  afterEach(() => wrapper.remove());

  it('falls back to the light theme, which is the elements’ light tokens', () => {
    const theme = readChartTheme(wrapper);
    expect(theme).to.deep.equal(defaultChartTheme);
    expect(theme.background).to.equal(LIGHT_TOKENS['color-background']);
    expect(theme.text).to.equal(LIGHT_TOKENS['color-text']);
    expect(theme.textMuted).to.equal(LIGHT_TOKENS['color-text-muted']);
    expect(theme.grid).to.equal(LIGHT_TOKENS['color-grid']);
    expect(theme.fontFamily).to.equal(LIGHT_TOKENS['font-family']);
    expect(theme.series).to.deep.equal(
      [1, 2, 3, 4, 5, 6, 7, 8].map((i) => LIGHT_TOKENS[`series-${i}` as 'series-1']),
    );
    expect(theme.ramp).to.deep.equal([1, 2, 3, 4, 5].map((i) => LIGHT_TOKENS[`ramp-${i}` as 'ramp-1']));
    expect(theme.tiers).to.deep.equal({
      platinum: LIGHT_TOKENS['tier-platinum'],
      gold: LIGHT_TOKENS['tier-gold'],
      iron: LIGHT_TOKENS['tier-iron'],
      lead: LIGHT_TOKENS['tier-lead'],
    });
    // 0.875rem at the default 16px root size.
    expect(LIGHT_TOKENS['font-size']).to.equal('0.875rem');
    expect(theme.fontSize).to.equal('14px');
  });

  it('reads the computed --lens-* tokens, inherited and through var()', () => {
    wrapper.style.setProperty('--lens-color-background', '#101010');
    wrapper.style.setProperty('--lens-brand', '#123456');
    wrapper.style.setProperty('--lens-tier-gold', 'var(--lens-brand)');
    wrapper.style.setProperty('--lens-series-3', 'rgb(1, 2, 3)');
    wrapper.style.setProperty('--lens-ramp-5', 'oklch(40% 0.1 250)');
    wrapper.style.setProperty('--lens-font-family', 'Inter, sans-serif');
    const child = document.createElement('span');
    wrapper.append(child);
    const theme = readChartTheme(child);
    expect(theme.background).to.equal('#101010');
    expect(theme.tiers.gold).to.equal('#123456');
    expect(theme.series[2]).to.equal('rgb(1, 2, 3)');
    expect(theme.ramp[4]).to.equal('oklch(40% 0.1 250)');
    expect(theme.fontFamily).to.equal('Inter, sans-serif');
    expect(theme.text).to.equal(defaultChartTheme.text);
  });

  it('resolves font sizes to px', () => {
    const size = (value: string) => {
      wrapper.style.setProperty('--lens-font-size', value);
      return readChartTheme(wrapper).fontSize;
    };
    wrapper.style.fontSize = '20px';
    expect(size('13px')).to.equal('13px');
    expect(size('1rem')).to.equal('16px');
    expect(size('0.5em')).to.equal('10px');
    expect(size('150%')).to.equal('30px');
    expect(size('large')).to.equal(defaultChartTheme.fontSize);
  });
});

describe('formatTooltip', () => {
  it('shows strings as they are and objects as key: value lines', () => {
    expect(formatTooltip('Gold\n150 customers')).to.equal('Gold\n150 customers');
    expect(formatTooltip({ tier: 'Gold', customers: 150, tags: ['a', 'b'] })).to.equal(
      'tier: Gold\ncustomers: 150\ntags: a, b',
    );
    expect(formatTooltip(42)).to.equal('42');
    expect(formatTooltip(null)).to.equal('');
    expect(formatTooltip(undefined)).to.equal('');
  });
});
