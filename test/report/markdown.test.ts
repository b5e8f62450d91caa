import { describe, expect, it } from 'vitest';
import { renderMarkdownReport } from '../../src/report/markdown.js';
import { realisticModel } from './fixtures.js';

describe('renderMarkdownReport', () => {
  const markdown = renderMarkdownReport(realisticModel());

  it('starts with the title, then problems and headline findings', () => {
    expect(
      markdown.startsWith('# Turning Tides Community Wellbeing Programme: evaluation report\n'),
    ).toBe(true);
    const order = [
      '## Data problems',
      '## Headline findings',
      '## Reach',
      '## Wellbeing and mental health',
      '## Reducing inequalities',
      '## Cost and social value',
      '## Data quality',
      '## Methods',
      '### Disclosure control',
    ];
    const positions = order.map((heading) => markdown.indexOf(`\n${heading}\n`));
    for (const position of positions) expect(position).toBeGreaterThan(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('lists the limitations under Methods, escaped, in both reports', () => {
    const limits = ['Design: before and after, <b>no</b> comparison group.', 'Follow-up: 61.0%.'];
    const withLimits = renderMarkdownReport({ ...realisticModel(), limitations: limits });
    const methods = withLimits.indexOf('\n## Methods\n');
    const at = withLimits.indexOf(
      '\n### Limitations\n\n- Design: before and after, \\<b\\>no\\</b\\> comparison group.\n- Follow-up: 61.0%.\n',
    );
    expect(methods).toBeGreaterThan(0);
    expect(at).toBeGreaterThan(methods);
    expect(markdown).not.toContain('### Limitations');
  });

  it('escapes text from the data', () => {
    expect(markdown).not.toMatch(/(^|[^\\])<img/m);
    expect(markdown).toContain('| \\<img src=x onerror=alert(1)\\> | wemwbs |');
  });

  it('writes every table it shows with [c] for suppressed cells', () => {
    for (const table of realisticModel().tables) {
      // The quantile means are charted (the deprivation gradient), and data quality by file and
      // rule is summarised (files with records left out, the most frequent problems): their
      // whole tables are in the CSV files.
      if (table.name === 'inequality_quantiles' || table.name === 'data_quality') {
        expect(markdown).not.toContain(`### ${table.title}`);
        continue;
      }
      expect(markdown).toContain(`### ${table.title}\n\n| `);
    }
    expect(markdown).toContain('| Tiny group | wemwbs | 6 | [c] | [c] |');
    expect(markdown).toContain('- **Participants reached:** 489 (5 partners, 524 episodes)');
  });

  it('states the rule, and NOT FOR PUBLICATION when disclosure is off', () => {
    expect(markdown).toContain('Counts from 1 to 4 and statistics based on fewer than 5 people');
    expect(markdown).not.toContain('NOT FOR PUBLICATION');
    const internal = renderMarkdownReport(realisticModel({ notForPublication: true }));
    expect(internal.startsWith('# NOT FOR PUBLICATION: ')).toBe(true);
    expect(internal).toContain('> **NOT FOR PUBLICATION.**');
    expect(internal.trimEnd().endsWith('**NOT FOR PUBLICATION.**')).toBe(true);
  });

  it('is deterministic and ends with one newline', () => {
    expect(renderMarkdownReport(realisticModel())).toBe(markdown);
    expect(markdown.endsWith('.\n')).toBe(true);
  });
});
