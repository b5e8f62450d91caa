import type { Issue, IssueLog } from '../contract/issues.js';
import { Column } from './columnar.js';
import { type IdList, IdListBuilder } from './idTable.js';
import type { FileReport } from './table.js';

/**
 * What every data file's candidate rows have in common (see readParticipantRows and
 * readOutcomeRows): who, at which partner, whether the row has no error of its own, and where.
 */
export interface Candidates {
  readonly count: number;
  readonly ids: IdList;
  /** 1 when the candidate has no error of its own; 0 when it is rejected. */
  readonly valid: Uint8Array;
  /** Index into the partners list. */
  readonly partner: Int32Array;
  readonly line: Int32Array;
}

/** Collects Candidates row by row. */
export class CandidateColumns {
  private readonly ids = new IdListBuilder();
  private readonly valid = new Column(Uint8Array);
  private readonly partner = new Column(Int32Array);
  private readonly line = new Column(Int32Array);

  get count(): number {
    return this.line.length;
  }

  add(personId: string, partner: number, valid: boolean, line: number): void {
    this.ids.add(personId);
    this.valid.push(valid ? 1 : 0);
    this.partner.push(partner);
    this.line.push(line);
  }

  /** The candidates collected, leaving the columns empty for the next piece of the file. */
  finish(): Candidates {
    return {
      count: this.line.length,
      ids: this.ids.finish(),
      valid: this.valid.take(),
      partner: this.partner.take(),
      line: this.line.take(),
    };
  }
}

/**
 * What every piece of a data file carries (see readDataFiles): whether it is the file's last,
 * the file's report (on the last piece only), and the issues and candidates since the piece
 * before.
 */
export interface PieceOfFile extends Candidates {
  readonly final: boolean;
  /** The file's report: on the final piece only. */
  readonly report: FileReport | null;
  /** Issues of this piece's rows (and, on the final piece, of the file). */
  readonly issues: readonly Issue[];
}

/** The common part of the next piece: the log's issues and the candidates, both taken. */
export function takePiece(
  report: FileReport | null,
  log: IssueLog,
  candidates: CandidateColumns,
): PieceOfFile {
  return { final: report !== null, report, issues: log.takeIssues(), ...candidates.finish() };
}
