import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UnusableInputError, UsageError } from '../errors.js';
import { GENERATED_MARKER } from '../io/discover.js';
import { EXTRA_MEASURES } from './catalogue.js';
import { EXTRA_MEASURE_CONFIG } from './extras.js';
import {
  type FaultNote,
  type FaultPlan,
  type PlantedFault,
  planFaults,
  wideLayout,
} from './faults.js';
import { type GenerateOptions, resolveGenerateOptions } from './options.js';
import { partnerLayout, partnerRows } from './partnerRows.js';
import type { PartnerPlan } from './partners.js';
import { postcodesCsv } from './postcodes.js';
import { type ProgrammePlan, planProgramme } from './programme.js';
import { programmeReadme } from './readme.js';
import { csvField } from './rows.js';
import { type GenerateSummary, ProgrammeTally } from './summary.js';
import { LineWriter } from './writer.js';

export type { PlantedFault } from './faults.js';
export type { GenerateOptions, ResolvedGenerateOptions } from './options.js';
export { GENERATE_DEFAULTS, resolveGenerateOptions } from './options.js';
export type { GenerateSummary } from './summary.js';

/** Names `generateProgramme` writes at the top of its folder (partner folders are `P` + digits). */
const OWN_FILES = new Set([
  'partners.csv',
  'population.csv',
  'lsoa_imd.csv',
  'postcodes.csv',
  'tides.config.json',
  'planted-faults.json',
  'README.md',
]);
const PARTNER_FOLDER = /^P\d+$/;

/**
 * Writes a synthetic programme shaped like Turning Tides into `dir`, following the data contract:
 * partners.csv, one folder per partner with participants.csv and outcomes.csv, population.csv,
 * lsoa_imd.csv, tides.config.json, README.md and planted-faults.json. Deterministic: the same
 * options give byte-identical files. Memory stays bounded at any size: rows are generated one
 * episode at a time and streamed to disk.
 *
 * Throws `UsageError` for bad options or a non-empty folder without `force`, and
 * `UnusableInputError` when the folder cannot be written.
 */
export async function generateProgramme(
  dir: string,
  options: GenerateOptions = {},
): Promise<GenerateSummary> {
  const resolved = resolveGenerateOptions(options);
  await prepareFolder(dir, resolved.force);
  const programme = planProgramme(resolved);
  const plan = planFaults(programme);
  try {
    // First, so that a run stopped part-way leaves a folder that --force may replace.
    await writeFile(join(dir, GENERATED_MARKER), MARKER_TEXT);
    await writeFile(join(dir, 'partners.csv'), partnersCsv(programme.partners));
    await writeFile(join(dir, 'lsoa_imd.csv'), lsoaCsv(programme));
    await writeFile(join(dir, 'population.csv'), populationCsv(programme));
    if (usesPostcodes(plan)) await writeFile(join(dir, 'postcodes.csv'), postcodesCsv(programme));
    const tally = new ProgrammeTally(programme);
    const planted: PlantedFault[] = [];
    for (const partner of programme.partners) {
      await writePartner(dir, programme, plan, partner, tally, planted);
    }
    await writeFile(join(dir, 'tides.config.json'), configJson(plan, programme));
    await writeFile(join(dir, 'planted-faults.json'), `${JSON.stringify(planted, null, 2)}\n`);
    const figures = tally.finish(planted, []);
    await writeFile(join(dir, 'README.md'), programmeReadme(figures));
    const files = await listFiles(dir, programme);
    return { ...figures, files, totalBytes: files.reduce((a, f) => a + f.bytes, 0) };
  } catch (error) {
    throw asOutputError(error, dir);
  }
}

/** The marker's text: what made the folder, and what may replace it. */
const MARKER_TEXT =
  'This folder was written by `tides generate`: a synthetic programme, not real data.\n' +
  '`tides generate --force` may replace it; it replaces no folder without this file.\n';

/**
 * Makes `dir` ready: missing or empty, it is used as it is; otherwise only with `force`, and only
 * when `generate` made it (it holds the marker file). Then the generated files are removed and
 * anything else is kept, so that `--force` can never delete a real programme.
 */
async function prepareFolder(dir: string, force: boolean): Promise<void> {
  let entries: string[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new UsageError(`${dir} exists and is not a folder`);
    entries = await readdir(dir);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw asOutputError(error, dir);
    entries = [];
  }
  if (entries.length > 0 && !force) {
    throw new UsageError(
      `${dir} is not empty: choose an empty folder, or use --force to replace a generated programme there`,
    );
  }
  if (entries.length > 0 && !entries.includes(GENERATED_MARKER)) {
    throw new UsageError(
      `${dir} was not made by tides generate (it has no ${GENERATED_MARKER} file), so --force does not replace it: choose an empty folder`,
    );
  }
  try {
    for (const entry of entries) {
      if (OWN_FILES.has(entry) || PARTNER_FOLDER.test(entry) || entry === GENERATED_MARKER) {
        await rm(join(dir, entry), { recursive: true, force: true });
      }
    }
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw asOutputError(error, dir);
  }
}

async function writePartner(
  dir: string,
  programme: ProgrammePlan,
  plan: FaultPlan,
  partner: PartnerPlan,
  tally: ProgrammeTally,
  planted: PlantedFault[],
): Promise<void> {
  const faults = plan.byPartner.get(partner.index);
  const layout = partnerLayout(partner, faults);
  const folder = join(dir, partner.id);
  await mkdir(folder, { recursive: true });
  const participantsFile = `${partner.id}/participants.csv`;
  const outcomesFile = `${partner.id}/outcomes.csv`;
  const participants = await LineWriter.open(join(dir, participantsFile), layout.participantsStyle);
  participants.line(layout.participantsHeader);
  // Opened at the first questionnaire, so that a partner with none has no header-only file.
  let outcomes: LineWriter | null = null;
  for (const rows of partnerRows(programme, partner, layout, faults)) {
    for (const row of rows.participantRows) {
      const line = participants.line(row.text);
      if (row.fault?.rule === 'postcode.not_in_directory') {
        // tides reports a postcode its directory lacks once, on the directory, quoting no postcode.
        planted.push(plantedAt('postcodes.csv', null, { ...row.fault, column: null, value: null }));
      } else if (row.fault) {
        planted.push(plantedAt(participantsFile, line, row.fault));
      }
    }
    if (rows.outcomeRows.length > 0) {
      if (outcomes === null) {
        outcomes = await LineWriter.open(join(dir, outcomesFile), layout.outcomesStyle);
        outcomes.line(layout.outcomesHeader);
      }
      for (const row of rows.outcomeRows) {
        const line = outcomes.line(row.text);
        if (row.fault) planted.push(plantedAt(outcomesFile, line, row.fault));
      }
      await outcomes.flush();
    }
    tally.add(rows);
    await participants.flush();
  }
  await participants.close();
  await outcomes?.close();
  for (const note of faults?.fileNotes ?? []) {
    if (note.file === 'outcomes' && outcomes === null) continue;
    planted.push(
      plantedAt(note.file === 'outcomes' ? outcomesFile : participantsFile, note.line, note),
    );
  }
}

/** A planted fault with its keys in the documented order (file, line, column, value, rule, note). */
function plantedAt(file: string, line: number | null, fault: FaultNote): PlantedFault {
  return {
    file,
    line,
    column: fault.column,
    value: fault.value,
    rule: fault.rule,
    note: fault.note,
  };
}

function partnersCsv(partners: readonly PartnerPlan[]): string {
  const rows = partners.map((p) =>
    [p.id, p.name, p.type, p.theme, String(p.fundingGbp)].map(csvField).join(','),
  );
  return `partner_id,partner_name,partner_type,theme,funding_gbp\n${rows.join('\n')}\n`;
}

function lsoaCsv(programme: ProgrammePlan): string {
  const rows = programme.city.lsoas.map((l) => `${l.code},${l.decile}`);
  return `lsoa,imd_decile\n${rows.join('\n')}\n`;
}

function populationCsv(programme: ProgrammePlan): string {
  const rows = programme.city.population.map((r) => `${r.dimension},${r.group},${r.population}`);
  return `dimension,group,population\n${rows.join('\n')}\n`;
}

/**
 * A value bank for the demo's SROI, marked illustrative (the report labels every figure resting on
 * it): tides ships no licensed values (HACT's Social Value Bank may not be redistributed). One
 * outcome, valued once per person: life satisfaction gained, at the Green Book's WELLBY value, with
 * made-up adjustments. Valuing WEMWBS improvers as well would count the same good twice for anyone
 * seen at a WEMWBS partner and an ONS4 partner, so the demo values wellbeing on one basis only.
 */
const ILLUSTRATIVE_SOCIAL_VALUE = {
  source:
    'ILLUSTRATIVE values for the synthetic demo only, not from any value bank: replace them with values you may use, and cite their source',
  illustrative: true,
  discount_rate: 0.035,
  first_year: 0,
  outcomes: [
    {
      id: 'life_satisfaction_wellby',
      label: 'Life satisfaction gained (WELLBY: 1 point on 0–10 for a year)',
      measure: 'ons_life_satisfaction',
      basis: 'points_gained',
      value_gbp: 13000,
      deadweight: 0.3,
      attribution: 0.3,
      displacement: 0,
      drop_off: 0.5,
      duration_years: 1,
      source:
        'HM Treasury Green Book wellbeing guidance (2021): one WELLBY = £13,000 in 2019 prices (range £10,000–£16,000); adjustments illustrative',
    },
  ],
} as const;

/**
 * GP appointments saved, valued at the demo's illustrative unit cost of a GP appointment: a
 * different good from wellbeing (the NHS's time), so it is not counted twice with it.
 */
const GP_APPOINTMENTS_SAVED = {
  id: 'gp_appointments_saved',
  label: 'GP appointments saved (a year of the fall in use)',
  measure: 'gp_visits',
  basis: 'cost_saving',
  deadweight: 0.3,
  attribution: 0.5,
  displacement: 0,
  drop_off: 0.5,
  duration_years: 1,
  source:
    'ILLUSTRATIVE: the unit cost of gp_visits in the measures above; adjustments made up for the demo',
} as const;

function configJson(plan: FaultPlan, programme: ProgrammePlan): string {
  const partners = Object.fromEntries(
    Object.entries(plan.aliases).map(([id, aliases]) => [id, { aliases }]),
  );
  const wide = programme.partners.filter((p) => plan.byPartner.get(p.index)?.outcomesStyle.wide);
  const layouts = Object.fromEntries(
    wide.map((p) => [`${p.id}_wide`, wideLayout([`${p.id}/outcomes.csv`])]),
  );
  // The extra questions some partners ask, defined for tides (which knows none of them by name).
  const asked = EXTRA_MEASURES.filter((m) => programme.partners.some((p) => p.records.includes(m)));
  const measures = Object.fromEntries(asked.map((m) => [m, EXTRA_MEASURE_CONFIG[m]]));
  const config = {
    programme: 'Turning Tides (synthetic demo)',
    ...(Object.keys(partners).length > 0 ? { partners } : {}),
    ...(wide.length > 0 ? { layouts } : {}),
    ...(asked.length > 0 ? { measures } : {}),
    social_value: {
      ...ILLUSTRATIVE_SOCIAL_VALUE,
      outcomes: [
        ...ILLUSTRATIVE_SOCIAL_VALUE.outcomes,
        ...(asked.includes('gp_visits') ? [GP_APPOINTMENTS_SAVED] : []),
      ],
    },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

async function listFiles(
  dir: string,
  programme: ProgrammePlan,
): Promise<{ path: string; bytes: number }[]> {
  const names = [
    'partners.csv',
    'population.csv',
    'lsoa_imd.csv',
    ...(usesPostcodes(planFaults(programme)) ? ['postcodes.csv'] : []),
    'tides.config.json',
    'planted-faults.json',
    'README.md',
    ...programme.partners.flatMap((p) => [`${p.id}/participants.csv`, `${p.id}/outcomes.csv`]),
  ];
  const files: { path: string; bytes: number }[] = [];
  for (const path of names) {
    try {
      files.push({ path, bytes: (await stat(join(dir, path))).size });
    } catch {
      // A partner whose people answered no questionnaire has no outcomes file.
    }
  }
  return files;
}

function asOutputError(error: unknown, dir: string): Error {
  if (error instanceof UsageError || error instanceof UnusableInputError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') {
    const path = (error as NodeJS.ErrnoException).path ?? dir;
    return new UnusableInputError(`cannot write ${path} (${code})`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Whether a partner of the plan writes postcodes (then the demo has a postcode directory). */
function usesPostcodes(plan: FaultPlan): boolean {
  return [...plan.byPartner.values()].some((faults) => faults.participantsStyle.postcodes);
}
