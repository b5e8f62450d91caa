import { visibleInJson, visibleLines } from '../visibleText.js';
import { type FileContent, isBytes, type TextContent } from './writeAtomic.js';

/**
 * An output file's text with no raw control character in it, whatever a writer let through
 * (see visibleText.ts): a `.json` file gets `\uXXXX` escapes, so it holds the same JSON value;
 * any other file (CSV, Markdown, HTML, whose writers already show quoted values with `visible`)
 * the visible escapes, its line feeds kept. Every character escaped is one UTF-16 code unit (no
 * surrogate), so chunks are escaped one at a time however the text is cut, and stay chunks.
 * Bytes (a workbook, whose cells are values in XML and never shown raw) are written as they are.
 */
export function visibleOutput(name: string, content: TextContent): TextContent;
export function visibleOutput(name: string, content: FileContent): FileContent;
export function visibleOutput(name: string, content: FileContent): FileContent {
  if (isBytes(content)) return content;
  const shown = name.endsWith('.json') ? visibleInJson : visibleLines;
  if (typeof content === 'string') return shown(content);
  if (Symbol.asyncIterator in content) return mapAsync(content, shown);
  return map(content, shown);
}

function* map(chunks: Iterable<string>, f: (text: string) => string): Generator<string> {
  for (const chunk of chunks) yield f(chunk);
}

async function* mapAsync(
  chunks: AsyncIterable<string>,
  f: (text: string) => string,
): AsyncGenerator<string> {
  for await (const chunk of chunks) yield f(chunk);
}
