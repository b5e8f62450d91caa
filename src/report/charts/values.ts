import { type Cell, isMark, NOT_AVAILABLE } from '../../metrics/table.js';
import type { Omitted } from './svg.js';

/**
 * The number a chart may draw, or null — a suppressed, unavailable or non-applicable cell draws
 * nothing, and its mark is recorded in `omitted` for the chart's note.
 */
export function drawable(cell: Cell | undefined, omitted?: Omitted): number | null {
  if (typeof cell === 'number' && Number.isFinite(cell)) return cell;
  const mark = isMark(cell) ? cell.mark : NOT_AVAILABLE.mark;
  omitted?.add(mark);
  return null;
}
