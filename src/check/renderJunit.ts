import { visible } from '../visibleText.js';
import type { CheckResult, MetricCheck } from './compareMetrics.js';
import { describeCheck, formatChange, formatTolerance, formatValue } from './describeCheck.js';
import { formatKey } from './rowKey.js';

/**
 * The result as JUnit XML, so CI systems show each metric as a test case: one `<testsuite>` per
 * table, one `<testcase>` per compared metric (name: row key and metric) or new/missing row, and
 * a `<failure>` for each regression. The shape is the de-facto one read by Jenkins, GitLab and
 * GitHub test reporters (https://github.com/testmoapp/junitxml).
 */
export function renderJunit(result: CheckResult): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tides check" tests="${countChecks(result)}" failures="${result.summary.failures}" errors="0">`,
  ];
  for (const table of result.tables) {
    const failures = table.checks.filter((c) => !c.passed).length;
    lines.push(
      `  <testsuite name="${escapeXml(table.table, true)}" tests="${table.checks.length}" failures="${failures}" errors="0" skipped="0">`,
    );
    for (const check of table.checks) lines.push(...testcase(check));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function testcase(check: MetricCheck): string[] {
  // Table names, keys and values quote the metrics files: shown visibly (visibleText.ts).
  const name = visible(`${formatKey(check.key)}: ${check.metric ?? '(row)'}`);
  const table = visible(check.table);
  const summary = visible(describeCheck(check));
  const open = `    <testcase classname="tides.check.${escapeXml(table, true)}" name="${escapeXml(name, true)}"`;
  if (check.passed && check.outcome === 'within') return [`${open}/>`];
  if (check.passed) {
    return [
      `${open}>`,
      `      <system-out>${escapeXml(summary, false)}</system-out>`,
      '    </testcase>',
    ];
  }
  const detail = [
    `table: ${check.table}`,
    `key: ${formatKey(check.key)}`,
    `metric: ${check.metric ?? '(whole row)'}`,
    `baseline: ${check.metric === null ? presence(check.outcome === 'missing_row') : formatValue(check.baseline)}`,
    `current: ${check.metric === null ? presence(check.outcome === 'new_row') : formatValue(check.current)}`,
    `change: ${formatChange(check)}`,
    ...(check.tolerance ? [`tolerance: ${formatTolerance(check)}`] : []),
  ]
    .map(visible)
    .join('\n');
  return [
    `${open}>`,
    `      <failure message="${escapeXml(summary, true)}" type="${check.outcome}">${escapeXml(detail, false)}</failure>`,
    '    </testcase>',
  ];
}

function presence(present: boolean): string {
  return present ? 'row present' : 'row absent';
}

function countChecks(result: CheckResult): number {
  return result.tables.reduce((sum, t) => sum + t.checks.length, 0);
}

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text safe inside XML: `&`, `<`, `>`, `"` and `'` as entities, characters XML cannot carry as
 * U+FFFD. In an attribute, tab and line breaks are written as character references too, since
 * XML attribute-value normalisation would otherwise turn them into spaces.
 */
export function escapeXml(text: string, attribute: boolean): string {
  const escaped = text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
  return attribute
    ? escaped.replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;')
    : escaped.replace(/\r/g, '&#13;');
}
