import { describe, expect, it } from 'vitest';
import { compareMetrics } from '../../src/check/compareMetrics.js';
import { parseMetricsFile } from '../../src/check/metricsFile.js';
import { escapeXml, renderJunit } from '../../src/check/renderJunit.js';
import { buildTolerances } from '../../src/check/tolerances.js';
import { rowOf, type SampleMetrics, sampleMetrics } from './sampleMetrics.js';

/** An element of a parsed XML document: just enough XML 1.0 to check what renderJunit writes. */
interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;

function unescapeXml(text: string): string {
  return text.replace(REFERENCE, (_, name?: string, dec?: string, hex?: string) =>
    name
      ? (ENTITY[name] as string)
      : String.fromCodePoint(dec ? Number(dec) : Number.parseInt(hex as string, 16)),
  );
}

/**
 * A strict little XML parser: fails on unbalanced or misnested tags, unquoted or repeated
 * attributes, a raw `<` or `&` in text or attribute values, a `"` inside an attribute value, and
 * characters XML 1.0 forbids. Attribute values are unescaped; attribute whitespace normalisation
 * (tab/newline → space) is applied as an XML parser would.
 */
function parseXml(xml: string): XmlElement {
  if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(xml)) {
    throw new Error('character not allowed in XML 1.0');
  }
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/;
  if (!declaration.test(xml)) throw new Error('missing XML declaration');
  let rest = xml.replace(declaration, '');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const textOk = (text: string) =>
    !/[<]|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text);
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const text = lt < 0 ? rest : rest.slice(0, lt);
    if (!textOk(text)) throw new Error(`bad text: ${text.slice(0, 40)}`);
    (stack.at(-1) as XmlElement).text += unescapeXml(text);
    if (lt < 0) break;
    rest = rest.slice(lt);
    const tag = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"]*")*)\s*(\/?)>/.exec(rest);
    if (!tag) throw new Error(`bad tag at: ${rest.slice(0, 60)}`);
    const [whole, closing, name, attributeText, selfClosing] = tag as unknown as string[];
    rest = rest.slice((whole as string).length);
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name || stack.length === 0)
        throw new Error(`misnested </${name}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, raw] of (attributeText as string).matchAll(
      /([A-Za-z_][\w.-]*)="([^"]*)"/g,
    )) {
      if (!textOk(raw as string)) throw new Error(`bad attribute value: ${raw}`);
      if ((key as string) in attributes) throw new Error(`repeated attribute ${key}`);
      attributes[key as string] = unescapeXml((raw as string).replace(/[\t\n\r]/g, ' '));
    }
    const element: XmlElement = { name: name as string, attributes, children: [], text: '' };
    (stack.at(-1) as XmlElement).children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1 || root.children.length !== 1)
    throw new Error('unclosed or several root elements');
  return root.children[0] as XmlElement;
}

const parse = (m: SampleMetrics) => parseMetricsFile(JSON.stringify(m), 'm.json');
const junitOf = (current: SampleMetrics, baseline = sampleMetrics()) =>
  renderJunit(compareMetrics(parse(current), parse(baseline), buildTolerances(null, {})));

describe('the test XML parser', () => {
  it.each([
    ['<a>&</a>'],
    ['<a>x < y</a>'],
    ['<a b="x"y"/>'],
    ['<a><b></a></b>'],
    ['<a>'],
    ['<a b="1" b="2"/>'],
    ['<a>\u0001</a>'],
  ])('refuses %s', (body) => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${body.replace('\\u0001', '\u0001')}`;
    expect(() => parseXml(xml)).toThrow();
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and quotes', () => {
    expect(escapeXml(`a < b && c > "d" 'e'`, false)).toBe(
      'a &lt; b &amp;&amp; c &gt; &quot;d&quot; &apos;e&apos;',
    );
  });

  it('keeps line breaks in attributes as character references', () => {
    expect(escapeXml('one\ntwo\tthree\r', true)).toBe('one&#10;two&#9;three&#13;');
    expect(escapeXml('one\ntwo', false)).toBe('one\ntwo');
  });

  it('replaces characters XML cannot carry', () => {
    expect(escapeXml('a\u0000b\u0008c\uFFFEd\uD800e', false)).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
    expect(escapeXml('emoji 🙂 stays', false)).toBe('emoji 🙂 stays');
  });
});

describe('renderJunit', () => {
  it('writes one testsuite per table and one testcase per compared metric', () => {
    const suites = parseXml(junitOf(sampleMetrics()));
    expect(suites.name).toBe('testsuites');
    expect(suites.attributes.failures).toBe('0');
    expect(suites.attributes.tests).toBe('57');
    expect(suites.children.map((s) => s.attributes.name)).toEqual([
      'row_accounting',
      'reach',
      'wellbeing_change',
      'inequality',
      'data_quality',
    ]);
    const reach = suites.children[1] as XmlElement;
    expect(reach.attributes.tests).toBe('12');
    expect(reach.children[0]?.attributes).toEqual({
      classname: 'tides.check.reach',
      name: 'partner_id=All: participants',
    });
    expect(reach.children.every((c) => c.name === 'testcase' && c.children.length === 0)).toBe(
      true,
    );
  });

  it('marks a regression with a failure naming the change and the tolerance', () => {
    const current = sampleMetrics();
    const row = rowOf(current, 'wellbeing_change', { partner_id: 'P001' });
    row.mean_change = (row.mean_change as number) + 0.5;
    const suites = parseXml(junitOf(current));
    expect(suites.attributes.failures).toBe('1');
    const suite = suites.children.find(
      (s) => s.attributes.name === 'wellbeing_change',
    ) as XmlElement;
    expect(suite.attributes.failures).toBe('1');
    const failed = suite.children.filter((c) => c.children.length > 0);
    expect(failed.map((c) => c.attributes.name)).toEqual([
      'partner_id=P001, measure=wemwbs: mean_change',
    ]);
    const failure = failed[0]?.children[0] as XmlElement;
    expect(failure.name).toBe('failure');
    expect(failure.attributes.type).toBe('outside_tolerance');
    expect(failure.attributes.message).toBe(
      'mean_change changed from 4.0456459 to 4.5456459 by +0.5 (+12.4%), outside tolerance ±1e-9',
    );
    expect(failure.text).toContain('key: partner_id=P001, measure=wemwbs\nmetric: mean_change');
  });

  it('stays well-formed with markup, quotes, line breaks and control characters in keys and text', () => {
    const nasty = `P<1> & "quoted" 'single' ]]> \u0001 end`;
    const text = `<script>alert("x")</script> & 'more'\nsecond line`;
    const baseline = sampleMetrics();
    const current = sampleMetrics();
    for (const m of [baseline, current])
      rowOf(m, 'reach', { partner_id: 'P002' }).partner_id = nasty;
    rowOf(current, 'inequality', { timepoint: 'change' }).note = text;
    const xml = junitOf(current, baseline);
    const suites = parseXml(xml);
    const names = suites.children.flatMap((s) => s.children.map((c) => c.attributes.name));
    // Control characters are shown as escapes (visibleText.ts), markup stays text.
    expect(names).toContain(`partner_id=${nasty.replace('\u0001', '\\x01')}: participants`);
    const inequality = suites.children.find(
      (s) => s.attributes.name === 'inequality',
    ) as XmlElement;
    const failure = inequality.children.flatMap((c) => c.children)[0] as XmlElement;
    expect(failure.attributes.type).toBe('text_changed');
    // The line break in the text is shown as \n, like every control character.
    const shown = `"${text.replace('\n', '\\n')}"`;
    expect(failure.attributes.message).toBe(
      `note changed from "no RII for change scores" to ${shown}`,
    );
    expect(failure.text).toContain(`current: ${shown}`);
  });

  it('reports new and missing rows as failing test cases', () => {
    const current = sampleMetrics();
    current.tables.reach = (current.tables.reach ?? []).filter((r) => r.partner_id !== 'P002');
    current.tables.reach.push({
      partner_id: 'P009',
      participants: 1,
      episodes: 1,
      partners: 1,
      pct_core20: 0,
    });
    const suites = parseXml(junitOf(current));
    const reach = suites.children.find((s) => s.attributes.name === 'reach') as XmlElement;
    const failed = reach.children.filter((c) => c.children.length > 0);
    expect(failed.map((c) => [c.attributes.name, c.children[0]?.attributes.type])).toEqual([
      ['partner_id=P002: (row)', 'missing_row'],
      ['partner_id=P009: (row)', 'new_row'],
    ]);
    expect(failed[0]?.children[0]?.text).toContain('baseline: row present\ncurrent: row absent');
  });
});
