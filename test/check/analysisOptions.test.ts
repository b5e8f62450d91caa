import { describe, expect, it } from 'vitest';
import { analysisDifferences, describeDifferences } from '../../src/check/analysisOptions.js';
import { parseMetricsFile } from '../../src/check/metricsFile.js';
import { type SampleMetrics, sampleMetrics } from './sampleMetrics.js';

const parse = (m: SampleMetrics) => parseMetricsFile(JSON.stringify(m), 'm.json');
const withOptions = (options: Record<string, unknown>) => parse({ ...sampleMetrics(), options });

describe('analysisDifferences', () => {
  it('finds none between the same analysis, whatever the simulations or seed', () => {
    const other = sampleMetrics();
    other.options.sii_simulations = 2000;
    other.options.seed = 1;
    expect(analysisDifferences(parse(other), parse(sampleMetrics()))).toEqual([]);
  });

  it('finds a different grouping, period or minimum cell', () => {
    const other = sampleMetrics();
    other.options.by = ['partner_id', 'imd_quintile'];
    other.options.period = '2016-17';
    other.options.min_cell = 10;
    const differences = analysisDifferences(parse(other), parse(sampleMetrics()));
    expect(differences.map((d) => d.option)).toEqual(['by', 'period', 'min_cell']);
    expect(describeDifferences(differences)).toBe(
      'by (current ["partner_id","imd_quintile"], baseline ["partner_id"]), period (current "2016-17", baseline null), min_cell (current 10, baseline 5)',
    );
  });

  it('compares disclosure settings when both files record them', () => {
    const other = sampleMetrics();
    other.options.suppress = false;
    expect(analysisDifferences(parse(other), parse(sampleMetrics())).map((d) => d.option)).toEqual([
      'suppress',
    ]);
    const minimal = withOptions({ by: ['partner_id'], period: null, min_cell: 5 });
    expect(analysisDifferences(minimal, parse(other))).toEqual([]);
  });

  it('treats a missing period as null, but a missing grouping as a difference', () => {
    const noPeriod = withOptions({ by: ['partner_id'], min_cell: 5 });
    expect(analysisDifferences(noPeriod, parse(sampleMetrics()))).toEqual([]);
    const noBy = withOptions({ period: null, min_cell: 5 });
    expect(analysisDifferences(noBy, parse(sampleMetrics())).map((d) => d.option)).toEqual(['by']);
  });
});
