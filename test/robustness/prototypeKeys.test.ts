import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compareMetrics } from '../../src/check/compareMetrics.js';
import { parseMetricsFile } from '../../src/check/metricsFile.js';
import { parseTolerances, unmatchedTolerances } from '../../src/check/tolerances.js';
import { validateConfig } from '../../src/config/validateConfig.js';
import { dayNumber } from '../../src/contract/values.js';
import { UnusableInputError } from '../../src/errors.js';
import type { Dimension } from '../../src/metrics/grouping.js';
import { analyseProgramme, DEFAULT_ANALYSIS } from '../../src/metrics/index.js';
import type { Cell } from '../../src/metrics/table.js';
import { sampleMetrics } from '../check/sampleMetrics.js';
import { runTides } from '../helpers/cli.js';
import { loadWithIssues } from '../helpers/loadIssues.js';
import { writeProgramme } from '../helpers/programme.js';

/**
 * Text a user writes (a key of tides.config.json, a partner, cohort, theme, measure, inclusion
 * group, header or participant id in the data, a table or column of a metrics file) must never
 * reach Object.prototype. A custom measure named `constructor` once took Object's constructor as
 * its meaningful change whenever the config's `meaningful_change` had any key but its own, and 28
 * of 40 improved were published as 0.
 *
 * The programme below names everything after the properties every plain object has. Partner i
 * (of 5, each named after one of NAMES) has people j = 0…7: person 0 is called the partner's
 * name, the others `<name>.<j>`; cohort NAMES[(i + j) mod 5]; inclusion group NAMES[j mod 5]
 * (flags are lower-cased); theme NAMES[(i + 1) mod 5]. On measure `constructor` (higher better,
 * meaningful change 2 in its definition, none in `meaningful_change`) each person goes from 3 to
 * 3 + (j mod 4); on `valueof` (lower better, meaningful change 1 in its definition, 2 in
 * `meaningful_change`) from 8 to 8 − (j mod 4). So j = 2, 3, 6, 7 improve on both (4 a partner, 20
 * of 40): a change of 1 would give 6 a partner, and the prototype's function none.
 */
const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;
const PEOPLE = 8;

const improves = (j: number) => j % 4 >= 2;

/** JSON text, not an object literal: a literal `__proto__` key would set the prototype. */
const CONFIG = `{
  "aliases": {
    "participant_id": ["constructor"], "partner_id": ["__proto__"], "cohort": ["toString"],
    "inclusion_groups": ["hasOwnProperty"], "enrolled_on": ["valueOf"]
  },
  "partners": {
    "__proto__": { "aliases": { "score": ["toString"] } },
    "constructor": { "aliases": { "score": ["valueOf"] } },
    "toString": {}, "hasOwnProperty": {}, "valueOf": {}
  },
  "measures": {
    "constructor": { "min": 0, "max": 10, "direction": "higher_better", "meaningful_change": 2 },
    "valueof": { "min": 0, "max": 10, "direction": "lower_better", "meaningful_change": 1 },
    "tostring": { "min": 0, "max": 10, "direction": "higher_better", "meaningful_change": 1 },
    "hasownproperty": { "min": 0, "max": 10, "direction": "higher_better", "meaningful_change": 1 }
  },
  "meaningful_change": { "valueof": 2 },
  "primary_measure": "constructor",
  "inclusion_groups": ["__proto__", "constructor"],
  "social_value": {
    "source": "test values",
    "outcomes": [
      { "id": "__proto__", "measure": "constructor", "basis": "people_improved", "value_gbp": 100,
        "deadweight": 0, "attribution": 0, "displacement": 0, "drop_off": 0, "duration_years": 1,
        "source": "test" },
      { "id": "constructor", "measure": "constructor", "basis": "people_improved", "value_gbp": 10,
        "deadweight": 0, "attribution": 0, "displacement": 0, "drop_off": 0, "duration_years": 1,
        "source": "test" },
      { "id": "toString", "measure": "valueof", "basis": "points_gained", "value_gbp": 1,
        "deadweight": 0, "attribution": 0, "displacement": 0, "drop_off": 0, "duration_years": 1,
        "source": "test" }
    ]
  }
}`;

interface Person {
  readonly partner: string;
  readonly id: string;
  readonly j: number;
  readonly cohort: string;
  readonly group: string;
}

const PEOPLE_LIST: Person[] = NAMES.flatMap((partner, i) =>
  Array.from({ length: PEOPLE }, (_, j) => ({
    partner,
    id: j === 0 ? partner : `${partner}.${j}`,
    j,
    cohort: NAMES[(i + j) % NAMES.length] as string,
    group: (NAMES[j % NAMES.length] as string).toLowerCase(),
  })),
);
const themeOf = (partner: string) =>
  NAMES[(NAMES.indexOf(partner as (typeof NAMES)[number]) + 1) % NAMES.length] as string;

/** Partner `__proto__` names its score column `toString`, `constructor` `valueOf` (own aliases). */
const SCORE_HEADER = new Map([
  ['__proto__', 'toString'],
  ['constructor', 'valueOf'],
]);

function outcomesOf(partner: string): string {
  const lines = [
    `constructor,__proto__,measure,timepoint,recorded_on,${SCORE_HEADER.get(partner) ?? 'score'}`,
  ];
  for (const p of PEOPLE_LIST.filter((person) => person.partner === partner)) {
    const change = p.j % 4;
    lines.push(`${p.id},${partner},constructor,baseline,2016-05-01,3`);
    lines.push(`${p.id},${partner},CONSTRUCTOR,followup,2016-08-01,${3 + change}`);
    lines.push(`${p.id},${partner},valueOf,baseline,2016-05-01,8`);
    lines.push(`${p.id},${partner},valueof,followup,2016-08-01,${8 - change}`);
  }
  // Rejected: a measure and a timepoint that only Object.prototype would know.
  lines.push(`${partner},${partner},__proto__,baseline,2016-05-01,3`);
  lines.push(`${partner},${partner},hasownproperty,constructor,2016-05-01,3`);
  return `${lines.join('\n')}\n`;
}

function programmeFiles(): Record<string, string> {
  const files: Record<string, string> = {
    'tides.config.json': CONFIG,
    'partners.csv': `partner_id,partner_name,theme,funding_gbp\n${NAMES.map(
      (p) => `${p},${p},${themeOf(p)},1000`,
    ).join('\n')}\n`,
    'participants.csv': `constructor,__proto__,toString,valueOf,sex,hasOwnProperty,lsoa,isPrototypeOf\n${PEOPLE_LIST.map(
      (p) =>
        [
          p.id,
          p.partner,
          p.cohort,
          '2016-04-01',
          p.j === 7 ? 'constructor' : p.j % 2 ? 'female' : 'male',
          p.group,
          p.j === 6 ? '__proto__' : '',
          'x',
        ].join(','),
    ).join('\n')}\n`,
  };
  for (const partner of NAMES) files[`${partner}/outcomes.csv`] = outcomesOf(partner);
  return files;
}

const DIR = writeProgramme(programmeFiles());
const TODAY = dayNumber(2024, 1, 1);

function count(people: readonly Person[], keep: (p: Person) => boolean): number {
  return people.filter(keep).length;
}

describe('keys named after Object.prototype, end to end', async () => {
  const { programme, issues } = await loadWithIssues(DIR, { today: TODAY, jobs: 0 });
  const tables = (by: Dimension[]) =>
    analyseProgramme(programme, { ...DEFAULT_ANALYSIS, by, siiSimulations: 1000 });
  const change = (by: Dimension, category: string, measure: string) => {
    const row = tables([by]).wellbeing_change.rows.find(
      (r) => r[by] === category && r.measure === measure,
    );
    if (!row) throw new Error(`no ${by} ${category} row for ${measure}`);
    return [row.n_paired, row.n_improved];
  };

  it('reads every file through the aliases, with only the planted issues', () => {
    expect(programme.totals).toEqual({
      participants: { read: 40, used: 40, rejected: 0 },
      outcomes: { read: 170, used: 160, rejected: 10 },
    });
    const rules = issues.map((i) => `${i.file} ${i.column} ${i.rule}`);
    const expected = [
      'participants.csv null header.unknown_column',
      ...NAMES.flatMap(() => ['participants.csv lsoa lsoa.malformed']),
      ...NAMES.flatMap(() => ['participants.csv sex code.unknown']),
      ...NAMES.flatMap((p) => [
        `${p}/outcomes.csv measure measure.unknown`,
        `${p}/outcomes.csv timepoint timepoint.unknown`,
      ]),
    ];
    expect([...rules].sort()).toEqual([...expected].sort());
  });

  it('keeps a custom measure named constructor to its own meaningful change', () => {
    expect(programme.measures.get('constructor')?.meaningfulChange).toBe(2);
    expect(programme.measures.get('valueof')?.meaningfulChange).toBe(2);
    expect(change('partner_id', 'All', 'constructor')).toEqual([40, 20]);
    expect(change('partner_id', 'All', 'valueof')).toEqual([40, 20]);
  });

  it('publishes each partner, cohort, theme and inclusion group named so with its own figures', () => {
    for (const name of NAMES) {
      const atPartner = PEOPLE_LIST.filter((p) => p.partner === name);
      const inCohort = PEOPLE_LIST.filter((p) => p.cohort === name);
      const inTheme = PEOPLE_LIST.filter((p) => themeOf(p.partner) === name);
      const inGroup = PEOPLE_LIST.filter((p) => p.group === name.toLowerCase());
      for (const measure of ['constructor', 'valueof']) {
        expect(change('partner_id', name, measure)).toEqual([
          8,
          count(atPartner, (p) => improves(p.j)),
        ]);
        expect(change('cohort', name, measure)).toEqual([
          inCohort.length,
          count(inCohort, (p) => improves(p.j)),
        ]);
        expect(change('theme', name, measure)).toEqual([8, count(inTheme, (p) => improves(p.j))]);
        expect(change('inclusion_group', name.toLowerCase(), measure)).toEqual([
          inGroup.length,
          count(inGroup, (p) => improves(p.j)),
        ]);
      }
    }
  });

  it('counts reach, PLUS groups, cost and social value by the same names', () => {
    const { reach, cost, social_value } = tables(['partner_id']);
    const of = (rows: readonly Readonly<Record<string, Cell>>[], key: string, value: string) =>
      rows.find((r) => r[key] === value);
    for (const name of NAMES) {
      expect(of(reach.rows, 'partner_id', name)).toMatchObject({ participants: 8, n_plus: 4 });
      expect(of(cost.rows, 'partner_id', name)).toMatchObject({
        primary_measure: 'constructor',
        n_improved: 4,
      });
    }
    expect(of(cost.rows, 'partner_id', 'All')).toMatchObject({ n_improved: 20, funding_gbp: 5000 });
    // people_improved: 20 people; points_gained on valueof: 40 followed up, (0+1+2+3) × 2 × 5 points.
    expect(of(social_value?.rows ?? [], 'outcome', '__proto__')).toMatchObject({
      n_people: 20,
      gross_gbp: 2000,
    });
    expect(of(social_value?.rows ?? [], 'outcome', 'constructor')).toMatchObject({
      n_people: 20,
      gross_gbp: 200,
    });
    expect(of(social_value?.rows ?? [], 'outcome', 'toString')).toMatchObject({
      n_people: 40,
      quantity: 60,
    });
  });

  it('publishes the same figures from the command line', () => {
    const out = join(DIR, '..', `${DIR.split('/').pop()}-out`);
    const run = runTides(
      ['analyse', DIR, '--no-suppress', '--out', out, '--quiet', '--sii-simulations', '1000'],
      {
        SOURCE_DATE_EPOCH: '1700000000',
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const rows = parse(readFileSync(join(out, 'wellbeing_change.csv')), {
      columns: true,
    }) as Record<string, string>[];
    const improved = rows
      .filter((r) => r.measure === 'constructor')
      .map((r) => [r.partner_id, r.n_paired, r.n_improved]);
    expect(improved).toEqual([
      ['All', '40', '20'],
      ...[...NAMES].sort().map((name) => [name, '8', '4']),
    ]);
  });
});

describe('config keys named after Object.prototype', () => {
  const refuse = (json: string, message: string) => {
    const raw = JSON.parse(json);
    expect(() => validateConfig(raw, 'tides.config.json')).toThrow(UnusableInputError);
    expect(() => validateConfig(raw, 'tides.config.json')).toThrow(message);
  };
  const measure = '{"min": 0, "max": 1, "direction": "higher_better", "meaningful_change": 1}';

  it.each(NAMES)('refuses %s where it names nothing the config defines', (name) => {
    refuse(`{"${name}": 1}`, `"${name}" is not a setting tides knows`);
    refuse(
      `{"aliases": {"${name}": ["x"]}}`,
      `aliases.${name} is not a column of the data contract`,
    );
    refuse(
      `{"partners": {"P1": {"aliases": {"${name}": ["x"]}}}}`,
      `partners.P1.aliases.${name} is not a column`,
    );
    refuse(
      `{"meaningful_change": {"${name}": 2}}`,
      `meaningful_change.${name} names no known measure`,
    );
    refuse(`{"primary_measure": "${name}"}`, 'primary_measure must name a known measure');
    refuse(`{"disclosure": {"${name}": 1}}`, `disclosure.${name} is not a disclosure setting`);
    refuse(
      `{"partners": {"${name}": {"${name}": 1}}}`,
      `partners.${name}.${name} is not a partner setting`,
    );
  });

  it('keeps user-named keys in objects without a prototype, __proto__ as a plain key', () => {
    const config = validateConfig(JSON.parse(CONFIG), 'tides.config.json');
    for (const keyed of [
      config.aliases,
      config.partners,
      config.measures,
      config.meaningful_change,
    ]) {
      expect(Object.getPrototypeOf(keyed)).toBeNull();
    }
    expect(Object.keys(config.partners ?? {})).toEqual([...NAMES]);
    expect(Object.getOwnPropertyDescriptor(config.partners, '__proto__')?.value).toEqual({
      aliases: { score: ['toString'] },
    });
    expect(config.meaningful_change?.constructor).toBeUndefined();
  });

  it('defines a measure under a lower-case name only, constructor included', () => {
    refuse(
      `{"measures": {"__proto__": ${measure}}}`,
      'measures.__proto__ must be named in lower case',
    );
    refuse(
      `{"measures": {"toString": ${measure}}}`,
      'measures.toString must be named in lower case',
    );
    const config = validateConfig(
      JSON.parse(`{"measures": {"constructor": ${measure}}, "primary_measure": "constructor"}`),
      'tides.config.json',
    );
    expect(config.primary_measure).toBe('constructor');
  });
});

describe('tides check with tables and columns named after Object.prototype', () => {
  it('reports a tolerance for a table named __proto__ as matching nothing', () => {
    const tolerances = parseTolerances(
      '{"tables": {"__proto__": {"abs": 100}}, "metrics": {"reach.constructor": {"abs": 1}}}',
      'tolerances.json',
    );
    expect(
      unmatchedTolerances(tolerances, new Map([['reach', new Set(['participants'])]])),
    ).toEqual(['table "__proto__"', 'metric "reach.constructor"']);
  });

  it('compares a column named __proto__ or constructor like any other', () => {
    const file = (proto: number, ctor: number) => {
      const metrics = sampleMetrics();
      // The reach table's All row, the first row of the file.
      const text = JSON.stringify(metrics).replace(
        '"partner_id":"All",',
        `"partner_id":"All","__proto__":${proto},"constructor":${ctor},`,
      );
      return parseMetricsFile(text, 'metrics.json');
    };
    const row = file(1, 2).tables[0]?.rows[0] ?? {};
    expect(Object.keys(row)).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
    const exact = { default: { abs: 0, rel: 0 }, tables: {}, metrics: {} };
    const result = compareMetrics(file(5, 7), file(6, 7), exact);
    const moved = result.tables
      .flatMap((t) => t.checks)
      .filter((c) => !c.passed)
      .map((c) => c.metric);
    expect(moved).toEqual(['__proto__']);
  });
});

describe('command-line values named after Object.prototype', () => {
  it.each([
    ['--preset', '__proto__'],
    ['--preset', 'constructor'],
    ['--by', 'constructor'],
    ['--format', 'toString'],
    ['--period', 'valueOf'],
  ])('refuses %s %s as a usage error', (option, value) => {
    const run = runTides(['analyse', DIR, option, value, '--out', join(DIR, 'never'), '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`'${value}' is invalid`);
  });
});
