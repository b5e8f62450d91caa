import { describe, expect, it } from 'vitest';
import { NOT_AVAILABLE, SUPPRESSED } from '../../src/metrics/table.js';
import { bandChart } from '../../src/report/charts/bandChart.js';
import { type ForestRow, forestPlot } from '../../src/report/charts/forestPlot.js';
import { type FunnelPoint, funnelPlot, funnelTable } from '../../src/report/charts/funnelPlot.js';
import { type GradientSeries, gradientChart } from '../../src/report/charts/gradientChart.js';
import { type ImdReachPoint, reachByImdChart } from '../../src/report/charts/reachByImd.js';
import { COLOURS, niceScale, tickLabel } from '../../src/report/charts/svg.js';
import { FUNNEL_95, FUNNEL_998, meanFunnelLimits } from '../../src/stats/funnelLimits.js';

const XSS = '<img src=x onerror=alert(1)>';
const base = { minCell: 5 };

function count(svg: string, pattern: RegExp): number {
  return svg.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}

/** Common checks: accessible, escaped, no scripts or links, coordinates with ≤ 2 decimals. */
function expectWellFormed(svg: string, id: string) {
  expect(svg).toMatch(
    new RegExp(`^<svg [^>]*role="img"[^>]*aria-labelledby="${id}-title ${id}-desc"`),
  );
  expect(svg).toContain(`<title id="${id}-title">`);
  expect(svg).toContain(`<desc id="${id}-desc">`);
  expect(svg.endsWith('</svg>')).toBe(true);
  expect(svg).not.toMatch(/<script|<img|href=|url\(|@import/i);
  expect(svg.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:/);
  for (const [, value] of svg.matchAll(/ (?:x|y|x1|x2|y1|y2|cx|cy|width|height)="([^"]*)"/g)) {
    expect(value).toMatch(/^-?\d+(\.\d{1,2})?$/);
  }
}

describe('reachByImdChart', () => {
  const points: ImdReachPoint[] = Array.from({ length: 10 }, (_, i) => ({
    decile: String(i + 1),
    participants: i === 8 || i === 9 ? SUPPRESSED : 20 - i * 2,
    residents: 10,
  }));
  const options = { ...base, id: 'reach', title: 'Reach by IMD decile' };

  it('draws a bar per published decile and none for suppressed ones', () => {
    const svg = reachByImdChart(points, options);
    expectWellFormed(svg, 'reach');
    // 8 bars + 1 legend swatch in the participants' colour
    expect(count(svg, new RegExp(`<rect [^>]*fill="${COLOURS.primary}"`))).toBe(9);
    expect(count(svg, />\[c\]</)).toBe(2);
    expect(svg).toContain('[c] not shown: fewer than 5 people');
    expect(svg).toContain('decile 9: participants not shown, residents 10.0%');
    expect(svg).toContain('IMD decile (1 = most deprived 10%)');
  });

  it('has no note when nothing was left out, and is deterministic', () => {
    const all = points.map((point) => ({ ...point, participants: 10 }));
    const svg = reachByImdChart(all, options);
    expect(svg).not.toContain('not shown');
    expect(reachByImdChart(all, options)).toBe(svg);
  });

  it('says when there are no population figures', () => {
    const svg = reachByImdChart(
      points.map((point) => ({ ...point, residents: NOT_AVAILABLE })),
      options,
    );
    expect(svg).toContain('residents not shown: no population figures');
    expect(svg).not.toContain('Residents (population)');
  });
});

describe('forestPlot', () => {
  const rows: ForestRow[] = [
    { label: 'Walk & Talk', n: 84, estimate: 4.1, lower: 2.4, upper: 5.8 },
    { label: XSS, n: 22, estimate: -0.8, lower: -4.62, upper: 3.02 },
    {
      label: 'Tiny group',
      n: SUPPRESSED,
      estimate: SUPPRESSED,
      lower: SUPPRESSED,
      upper: SUPPRESSED,
    },
    { label: 'All', n: 150, estimate: 3, lower: 1.68, upper: 4.32, total: true },
  ];
  const options = {
    ...base,
    id: 'forest',
    title: 'Mean change',
    xLabel: 'Mean change (points)',
    level: '95%',
  };

  it('draws a point and CI per published group and nothing for a suppressed one', () => {
    const svg = forestPlot(rows, options);
    expectWellFormed(svg, 'forest');
    expect(count(svg, /<rect /)).toBe(2); // squares for the two groups
    expect(count(svg, /<path /)).toBe(1); // the diamond of All
    expect(svg).toContain('>Tiny group<');
    expect(svg).toContain('>[c]<');
    expect(svg).toContain('[c] not shown: fewer than 5 people');
    expect(svg).toContain('4.10 (2.40 to 5.80)');
    expect(svg).toContain('stroke-dasharray="4 3"'); // the zero line
  });

  it('draws a share without the zero line, on its own range, to one decimal', () => {
    const shares = [
      { label: '2015-16', n: 900, estimate: 74.68, lower: 73.94, upper: 75.4 },
      { label: '2016-17', n: 1200, estimate: 73.3, lower: 72.69, upper: 73.91 },
    ];
    const svg = forestPlot(shares, {
      ...options,
      zeroLine: false,
      format: 'decimal1',
      groupHeading: 'Financial year',
    });
    expectWellFormed(svg, 'forest');
    expect(svg).toContain('>Financial year<');
    expect(svg).not.toContain('>Group<');
    expect(svg).not.toContain('stroke-dasharray="4 3"');
    expect(svg).not.toContain('marks no change');
    expect(svg).toContain('74.7 (73.9 to 75.4)');
    // The axis runs over the intervals (72.5 to 75.5), not from zero.
    expect(svg).not.toMatch(/>0</);
    expect(svg).toContain('>72.5<');
  });

  it('escapes group labels', () => {
    const svg = forestPlot(rows, options);
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).not.toContain('<img');
  });

  it('shows which direction is better when told', () => {
    expect(forestPlot(rows, { ...options, higherIsBetter: false })).toContain('← better');
    expect(forestPlot(rows, { ...options, higherIsBetter: true })).toContain('← worse');
    expect(forestPlot(rows, options)).not.toContain('better');
  });

  it('labels the intervals with the level the table carries', () => {
    const svg = forestPlot(rows, { ...options, level: '90%' });
    expect(svg).toContain('Estimate (90% CI)');
    expect(svg).toContain('Point estimates with 90% confidence intervals');
    expect(svg).not.toContain('95%');
  });
});

describe('bandChart', () => {
  it('draws no bar for a suppressed share', () => {
    const svg = bandChart(
      [
        { band: 'probable depression', baseline: 40.7, followup: 25.3 },
        { band: 'high', baseline: SUPPRESSED, followup: 6.7 },
      ],
      { ...base, id: 'bands', title: 'Bands' },
    );
    expectWellFormed(svg, 'bands');
    // 3 bars + 2 legend swatches
    expect(count(svg, /<rect /)).toBe(5);
    expect(svg).toContain('>40.7%<');
    expect(svg).not.toContain('>4.0%<');
    expect(svg).toContain('high: baseline not shown, follow-up 6.7%');
    expect(svg).toContain('[c] not shown: fewer than 5 people');
  });
});

describe('gradientChart', () => {
  const series: GradientSeries[] = [
    {
      timepoint: 'baseline',
      points: [0.1, 0.3, 0.5, 0.7, 0.9].map((x, i) => ({
        quantile: String(i + 1),
        x,
        mean: 38 + 2 * i,
      })),
      fit: { atZero: 37, atOne: 47 },
    },
    {
      timepoint: 'followup',
      points: [0.1, 0.3, 0.5, 0.7, 0.9].map((x, i) => ({
        quantile: String(i + 1),
        x,
        mean: i === 4 ? SUPPRESSED : 42 + i,
      })),
      fit: null,
    },
  ];
  const options = {
    ...base,
    id: 'gradient',
    title: 'Gradient',
    yLabel: 'Mean WEMWBS',
    quantileLabel: 'IMD quintile',
  };

  it('draws published means and fitted lines only', () => {
    const svg = gradientChart(series, options);
    expectWellFormed(svg, 'gradient');
    // 5 + 4 points and 2 legend markers
    expect(count(svg, /<circle /)).toBe(11);
    expect(count(svg, /stroke-dasharray="7 4"/)).toBe(2); // baseline line and its legend
    expect(svg).toContain('Baseline, SII 10.00');
    expect(svg).toContain('[c] not shown: fewer than 5 people');
    expect(svg).toContain('a fitted line is not shown where its SII is not published');
    expect(svg).toContain('IMD quintile 5 not shown');
  });
});

describe('niceScale', () => {
  it('chooses round limits and steps of 1, 2 or 5 × 10^k', () => {
    expect(niceScale(0, 27)).toEqual({
      min: 0,
      max: 30,
      step: 5,
      ticks: [0, 5, 10, 15, 20, 25, 30],
    });
    expect(niceScale(-4.62, 5.8).ticks).toEqual([-6, -4, -2, 0, 2, 4, 6]);
    expect(niceScale(37.1, 48.2).ticks).toEqual([36, 38, 40, 42, 44, 46, 48, 50]);
    expect(niceScale(0.11, 0.93).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceScale(3, 3).ticks.length).toBeGreaterThan(1);
  });

  it('labels ticks with the decimals the step needs', () => {
    expect(tickLabel(0.2, 0.2)).toBe('0.2');
    expect(tickLabel(40, 2)).toBe('40');
    expect(tickLabel(0.05, 0.05)).toBe('0.05');
  });
});

describe('funnelPlot', () => {
  const points: FunnelPoint[] = [
    { id: 'P1', name: 'Alpha Arts', n: 100, value: 2.6, flag: 'within' },
    { id: 'P2', name: XSS, n: 400, value: 6, flag: 'above_99.8' },
    { id: 'P3', name: 'Gamma Garden', n: 50, value: -0.5, flag: 'below_95' },
  ];
  const options = {
    id: 'chart-funnel',
    title: 'Partners compared',
    minCell: 5,
    target: 2.5,
    limits: (size: number) => ({
      at95: meanFunnelLimits(2.5, 8, size, FUNNEL_95),
      at998: meanFunnelLimits(2.5, 8, size, FUNNEL_998),
    }),
    xLabel: 'People',
    yLabel: 'Mean change',
    notDrawn: 1,
  };
  const svg = funnelPlot(points, options);

  it('draws every partner, names those beyond the 99.8% limits, escaped, and the four limit curves', () => {
    expectWellFormed(svg, 'chart-funnel');
    // Two open or outlined marks and one filled, named point.
    expect(svg.match(/<circle [^>]*fill="none"/g)).toHaveLength(1);
    expect(svg.match(/<circle [^>]*r="5" fill="#1f4e79"/g)?.length).toBe(2); // point and legend
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).not.toContain('Gamma Garden</text>');
    expect(svg.match(/<path d="M[^"]*" fill="none" stroke="#4d4d4d"/g)).toHaveLength(4);
    expect(svg).toContain('1 partner(s) not drawn');
  });

  it('says in words where the partners lie', () => {
    expect(svg).toContain(
      '3 partners against the programme value 2.5; 1 within the 95% limits; 1 between the 95% and 99.8% limits; 1 beyond the 99.8% limits; above: &lt;img',
    );
    expect(funnelPlot(points, options)).toBe(svg);
  });

  it('lists the partners outside the 95% limits by id order, never ranked', () => {
    const table = funnelTable(points, 'Outside');
    expect(table.rows.map((r) => [r.Id, r['Against the limits']])).toEqual([
      ['P2', 'above the 99.8% limit'],
      ['P3', 'below the 95% limit'],
    ]);
  });
});
