import { EXIT, type ExitCode } from '../errors.js';
import { prepareOutputDir, writeOutputFile } from '../io/outputDir.js';
import { filterRows } from '../metrics/filterRows.js';
import { ALL, type Cell, type Table } from '../metrics/table.js';
import { buildReportModel } from '../report/assemble.js';
import { groupThousands, headlines } from '../report/headline.js';
import { renderHtmlReport } from '../report/html.js';
import { renderMarkdownReport } from '../report/markdown.js';
import type { HeadlineFinding } from '../report/model.js';
import { visible } from '../visibleText.js';
import { loadForPublishing } from './loading.js';
import { analyseAndDisclose, analysisOptions } from './publishing.js';
import type { SummaryCliOptions } from './summary.js';
import { toolVersion } from './version.js';

/**
 * `tides summary DIR --year 2016-17`: a commissioner's summary of one UK financial year — the
 * year's reach, change, deprivation gap, and the programme's cost and social value — with the
 * trend over the years up to it. Episodes count in the year of enrolment and outcome change in
 * the year of the follow-up, as everywhere in tides.
 */
export async function runSummary(dir: string, cli: SummaryCliOptions): Promise<ExitCode> {
  const out = await prepareOutputDir(cli.out);
  const { programme, rule } = await loadForPublishing(dir, cli, cli.year);
  const year = analyseAndDisclose(
    programme,
    analysisOptions(rule, cli, ['partner_id'], cli.year),
    rule,
  );
  const trend = analyseAndDisclose(programme, analysisOptions(rule, cli, ['year'], null), rule);
  const programmeWide = analyseAndDisclose(programme, analysisOptions(rule, cli, [], null), rule);
  const upToYear = (row: Readonly<Record<string, Cell>>) =>
    typeof row.year === 'string' && row.year !== ALL && row.year <= cli.year;
  const isTotal = (row: Readonly<Record<string, Cell>>) => row.partner_id === ALL;

  const tables: Table[] = [
    filterRows(trend.reach, upToYear, `Reach by financial year of enrolment, up to ${cli.year}`),
    filterRows(year.reach_profile, isTotal, `Who was reached in ${cli.year}`),
    filterRows(
      trend.wellbeing_change,
      upToYear,
      `Wellbeing change by financial year of follow-up, up to ${cli.year}`,
    ),
    filterRows(year.band_change, isTotal, `Score bands at baseline and follow-up, ${cli.year}`),
    { ...year.inequality, title: `Inequality by deprivation, ${cli.year}` },
    { ...year.inequality_quantiles, title: `Means by deprivation quantile, ${cli.year}` },
    { ...year.reach, name: 'reach_by_partner', title: `Reach by partner, ${cli.year}` },
  ];
  if (programme.partners.some((p) => p.fundingGbp !== null)) {
    tables.push({
      ...programmeWide.cost,
      title: 'Cost over the whole programme (funding is not split by year)',
    });
  }
  if (programmeWide.social_value && programmeWide.sroi_sensitivity) {
    tables.push(programmeWide.social_value, programmeWide.sroi_sensitivity);
  }
  tables.push(year.data_quality);

  const label = (id: string) => programme.measures.get(id)?.label ?? id;
  const primary = programme.config.primary_measure ?? 'wemwbs';
  const model = buildReportModel({
    programme,
    rule,
    toolVersion: toolVersion(),
    title: `${programme.config.programme ?? 'Community health programme'}, ${cli.year}`,
    kind: 'commissioner’s summary',
    tables,
    headline: [
      ...headlines({ ...year, social_value: programmeWide.social_value }, primary, label).map(
        (h) =>
          h.label.startsWith('Social value')
            ? { ...h, label: `${h.label}, whole programme to date` }
            : h,
      ),
      ...trendHeadlines(trend.reach, cli.year),
    ],
    dataQuality: year.data_quality,
    period: cli.year,
  });
  const base = `summary-${cli.year}`;
  await writeOutputFile(out, `${base}.md`, renderMarkdownReport(model));
  await writeOutputFile(out, `${base}.html`, renderHtmlReport(model));
  if (!cli.quiet) {
    const lines = model.headline.map(
      (h) => `${h.label}: ${h.value}${h.note ? ` (${h.note})` : ''}`,
    );
    lines.push(`Wrote ${base}.md and ${base}.html to ${cli.out.replace(/\/+$/, '')}/`);
    process.stdout.write(`${lines.map(visible).join('\n')}\n`);
  }
  return EXIT.ok;
}

/** Participants this year against the year before, from the disclosed trend table. */
function trendHeadlines(reach: Table, year: string): HeadlineFinding[] {
  const rows = reach.rows.filter(
    (r) => typeof r.year === 'string' && r.year <= year && r.year !== ALL,
  );
  const current = rows.find((r) => r.year === year);
  const previous = rows.filter((r) => r.year !== year).at(-1);
  if (!current || !previous) return [];
  const count = (cell: Cell | undefined) =>
    typeof cell === 'number' ? groupThousands(String(cell)) : '[c]';
  return [
    {
      label: `Participants compared with ${String(previous.year)}`,
      value: `${count(current.participants)} in ${year}`,
      note: `${count(previous.participants)} in ${String(previous.year)}`,
    },
  ];
}
