import { describe, expect, it } from 'vitest';
import { type ColumnDef, SUPPRESSED, type Table } from '../../src/metrics/table.js';
import { headlines } from '../../src/report/headline.js';
import { renderHtmlReport } from '../../src/report/html.js';
import { renderMarkdownReport } from '../../src/report/markdown.js';
import {
  limitations,
  MAX_UNKNOWN_PCT,
  MIN_FOLLOWUP_PCT,
  MIN_GAP_PEOPLE,
  summaryParagraphs,
  weakDataCautions,
} from '../../src/report/narrative.js';
import { isShown, reportView } from '../../src/report/views.js';
import { realisticModel } from './fixtures.js';

const count = (name: string): ColumnDef => ({ name, kind: 'count' });
const decimal = (name: string, format: 'decimal1' | 'decimal2' = 'decimal2'): ColumnDef => ({
  name,
  kind: 'number',
  format,
});

function reach(pctImdUnknown: number): Table {
  return {
    name: 'reach',
    title: 'Reach',
    columns: [
      { name: 'partner_id', kind: 'group' },
      count('participants'),
      count('episodes'),
      { name: 'partners', kind: 'number', format: 'integer' },
      decimal('pct_core20', 'decimal1'),
      decimal('pct_core20_lcl', 'decimal1'),
      decimal('pct_core20_ucl', 'decimal1'),
      decimal('pct_imd_unknown', 'decimal1'),
    ],
    rows: [
      {
        partner_id: 'All',
        participants: 12_345,
        episodes: 13_000,
        partners: 12,
        pct_core20: 61.25,
        pct_core20_lcl: 60.4,
        pct_core20_ucl: 62.1,
        pct_imd_unknown: pctImdUnknown,
      },
    ],
    confidence: 0.95,
  };
}

function change(followup: number, attrition: number | typeof SUPPRESSED): Table {
  return {
    name: 'wellbeing_change',
    title: 'Change',
    columns: [
      { name: 'partner_id', kind: 'group' },
      { name: 'measure', kind: 'text' },
      count('n_baseline'),
      count('n_paired'),
      decimal('followup_rate', 'decimal1'),
      decimal('mean_change'),
      decimal('change_lcl'),
      decimal('change_ucl'),
      decimal('pct_improved', 'decimal1'),
      decimal('attrition_diff'),
      decimal('attrition_lcl'),
      decimal('attrition_ucl'),
    ],
    rows: [
      {
        partner_id: 'All',
        measure: 'wemwbs',
        n_baseline: 2000,
        n_paired: followup * 20,
        followup_rate: followup,
        mean_change: -1.5,
        change_lcl: -2.1,
        change_ucl: -0.9,
        pct_improved: 20,
        attrition_diff: attrition,
        attrition_lcl: 1.1,
        attrition_ucl: 3.3,
      },
    ],
    confidence: 0.95,
  };
}

function inequality(leastDeprived: number): Table {
  const row = (timepoint: string, gap: number) => ({
    measure: 'wemwbs',
    timepoint,
    dimension: 'imd_quintile',
    n_most_deprived_quintile: 400,
    n_least_deprived_quintile: leastDeprived,
    gap,
  });
  return {
    name: 'inequality',
    title: 'Inequality',
    columns: [
      { name: 'measure', kind: 'text' },
      { name: 'timepoint', kind: 'text' },
      { name: 'dimension', kind: 'text' },
      count('n_most_deprived_quintile'),
      count('n_least_deprived_quintile'),
      decimal('gap'),
    ],
    rows: [row('baseline', 6.5), row('followup', 4), row('change', -2.5)],
  };
}

describe('summaryParagraphs: the opening in words', () => {
  it('says who was reached, what changed with its interval, the gap, and what the design allows', () => {
    const paragraphs = summaryParagraphs(
      { reach: reach(3), wellbeing_change: change(60, 2.2), inequality: inequality(150) },
      'wemwbs',
      'WEMWBS',
    );
    expect(paragraphs).toEqual([
      'The programme reached 12,345 people (13,000 episodes of support at 12 partners). Of those whose area is known, 61.3% lived in the most deprived 20% of neighbourhoods in England (Core20; 95% CI 60.4% to 62.1%), against 20% of the country.',
      'Of 2,000 people with a baseline WEMWBS score, 1,200 (60.0%) were followed up. Their mean score fell by 1.50 points (95% CI -2.10 to -0.90), and 20.0% improved by at least the meaningful change.',
      'The gap in WEMWBS between people in the least and the most deprived fifth of areas narrowed, from 6.50 points at baseline to 4.00 at follow-up.',
      'This is a before-and-after comparison without a comparison group: some of the change would have come anyway (scores that start low tend to rise, and people get other help), so not all of it is the programme’s effect. People lost to follow-up started 2.20 points lower on average than those followed up (difference 1.10 to 3.30), so the change seen may not hold for everyone who took part.',
    ]);
  });

  it('leaves out a sentence whose figures are hidden', () => {
    const paragraphs = summaryParagraphs(
      { reach: reach(3), wellbeing_change: change(60, SUPPRESSED) },
      'wemwbs',
      'WEMWBS',
    );
    expect(paragraphs.join(' ')).not.toContain('lost to follow-up');
    expect(paragraphs.join(' ')).not.toContain('[c]');
    expect(paragraphs.at(-1)).toMatch(/^This is a before-and-after comparison/);
  });
});

describe('weakDataCautions: figures that rest on weak data', () => {
  it('gives none when the data is strong', () => {
    expect(
      weakDataCautions(
        { reach: reach(3), wellbeing_change: change(60, 2), inequality: inequality(150) },
        'wemwbs',
        'WEMWBS',
      ),
    ).toEqual([]);
  });

  it('names each figure and the threshold it crosses', () => {
    const cautions = weakDataCautions(
      {
        reach: reach(MAX_UNKNOWN_PCT + 5),
        wellbeing_change: change(MIN_FOLLOWUP_PCT - 10, 2),
        inequality: inequality(MIN_GAP_PEOPLE - 1),
      },
      'wemwbs',
      'WEMWBS',
    );
    expect(cautions.map((c) => c.figure)).toEqual([
      'Core20 share and inequality',
      'WEMWBS change',
      'WEMWBS deprivation gap at baseline',
      'WEMWBS deprivation gap at follow-up',
    ]);
    expect(cautions[0]?.text).toContain(
      'Deprivation is unknown for 25.0% of participants (over 20%)',
    );
    expect(cautions[1]?.text).toContain(
      'Only 40.0% of people with a baseline were followed up (under 50%)',
    );
    expect(cautions[2]?.text).toContain('fewer than 100 people in the least deprived fifth (99)');
    // At the thresholds themselves: no caution.
    expect(
      weakDataCautions(
        {
          reach: reach(MAX_UNKNOWN_PCT),
          wellbeing_change: change(MIN_FOLLOWUP_PCT, 2),
          inequality: inequality(MIN_GAP_PEOPLE),
        },
        'wemwbs',
        'WEMWBS',
      ),
    ).toEqual([]);
  });

  it('is shown in both reports, in a box headed Read with care', () => {
    const model = {
      ...realisticModel(),
      summary: ['The programme reached 5 people.'],
      cautions: [{ figure: 'WEMWBS change', text: 'Only 40.0% were followed up.' }],
    };
    expect(renderHtmlReport(model)).toContain(
      '<div class="cautions" role="note"><h3>Read with care</h3><ul><li><strong>WEMWBS change</strong>: Only 40.0% were followed up.</li></ul></div>',
    );
    expect(renderMarkdownReport(model)).toContain(
      '## In brief\n\nThe programme reached 5 people.\n\n**Read with care**\n\n- **WEMWBS change**: Only 40.0% were followed up.',
    );
  });
});

describe('illustrative values', () => {
  it('are labelled on the headline card', () => {
    const socialValue: Table = {
      name: 'social_value',
      title: 'Social value',
      columns: [
        { name: 'outcome', kind: 'group' },
        { name: 'present_value_gbp', kind: 'number', format: 'money' },
        { name: 'investment_gbp', kind: 'number', format: 'money' },
        { name: 'sroi_ratio', kind: 'number', format: 'decimal2' },
      ],
      rows: [
        {
          outcome: 'All',
          present_value_gbp: 35_589_190,
          investment_gbp: 1_379_000,
          sroi_ratio: 25.81,
        },
      ],
    };
    const tables = {
      reach: reach(3),
      wellbeing_change: change(60, 2),
      inequality: inequality(150),
      social_value: socialValue,
    };
    const card = headlines(tables, 'wemwbs', (m) => m, true).at(-1);
    expect(card?.label).toBe('Social value per £1 invested (SROI), ILLUSTRATIVE');
    expect(card?.note).toMatch(
      /^ILLUSTRATIVE values, not for decisions: present value £35,589,190 for £1,379,000/,
    );
    expect(headlines(tables, 'wemwbs').at(-1)?.label).toBe('Social value per £1 invested (SROI)');
  });
});

describe('report views', () => {
  it('never repeat a column', () => {
    for (const table of realisticModel().tables.filter(isShown)) {
      const names = reportView(table).table.columns.map((c) => c.name);
      expect(new Set(names).size, table.name).toBe(names.length);
    }
    const grouped: Table = {
      name: 'social_value',
      title: 'SV',
      columns: [
        { name: 'outcome', kind: 'group' },
        { name: 'label', kind: 'text' },
        count('n_people'),
      ],
      rows: [],
    };
    expect(reportView(grouped).table.columns.map((c) => c.name)).toEqual([
      'outcome',
      'label',
      'n_people',
    ]);
  });
});

describe('limitations: what the design and the data cannot tell', () => {
  const facts = { socialValue: false, illustrative: false };

  it('gives the design, and this run’s follow-up and unknown deprivation in figures', () => {
    const list = limitations(
      { reach: reach(23.46), wellbeing_change: change(61, 2.345) },
      'wemwbs',
      'WEMWBS',
      facts,
    );
    expect(list[0]).toMatch(/^Design: .*without a comparison group.*regression to the mean/);
    expect(list[1]).toBe(
      'Follow-up: change is measured only on people with a baseline and a follow-up score. 61.0% of people with a baseline WEMWBS score were followed up. Those lost to follow-up started 2.35 points lower on average, so the change seen may overstate or understate the change for everyone who took part.',
    );
    expect(list.join('\n')).toContain(
      'left out of the Core20 share and every inequality figure (23.5% of participants).',
    );
    expect(list.join('\n')).not.toContain('Social value');
  });

  it('leaves a hidden figure out and keeps the words', () => {
    const list = limitations(
      { reach: reach(5), wellbeing_change: change(61, SUPPRESSED) },
      'wemwbs',
      'WEMWBS',
      facts,
    );
    expect(list[1]).not.toContain('Those lost');
    expect(list[1]).toContain('61.0% of people');
  });

  it('says what a social value ratio is not, and that illustrative values are only that', () => {
    const list = limitations({}, 'wemwbs', 'WEMWBS', { socialValue: true, illustrative: true });
    expect(list.at(-1)).toMatch(
      /^Social value: .*not a saving that can be cashed.*illustrative only\.$/,
    );
  });
});
