import type { Issue, IssueLog } from '../contract/issues.js';
import { Column } from '../model/columnar.js';
import { type IdList, IdListBuilder } from '../model/idTable.js';
import type { IssueTally, TallyOfPiece } from '../model/issueTally.js';
import type { FileReport } from '../model/programme.js';

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
    this.push(partner, valid, line);
  }

  /** Adds a candidate whose id is the UTF-8 bytes source[from, to). */
  addBytes(
    source: Uint8Array,
    from: number,
    to: number,
    partner: number,
    valid: boolean,
    line: number,
  ): void {
    this.ids.addBytes(source, from, to);
    this.push(partner, valid, line);
  }

  private push(partner: number, valid: boolean, line: number): void {
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
  /**
   * Issues of this piece's rows (and, on the final piece, of the file) when every issue is
   * listed (LocalContext.listIssues), else none: `tally` counts them.
   */
  readonly issues: readonly Issue[];
  /** Counts and first examples of the piece's issues, when they are not listed. */
  readonly tally: TallyOfPiece | null;
}

/** The common part of the next piece: the log's issues or tally and the candidates, all taken. */
export function takePiece(
  report: FileReport | null,
  log: IssueLog,
  tally: IssueTally | null,
  candidates: CandidateColumns,
): PieceOfFile {
  return {
    final: report !== null,
    report,
    issues: log.takeIssues(),
    tally: tally?.take() ?? null,
    ...candidates.finish(),
  };
}

/**
 * Issues listed in one piece at most (some 5 MB): when every issue is listed, a piece ends at
 * this many, so that rows with many issues, or rows that never become candidates, do not pile up.
 */
export const PIECE_ISSUES = 16_384;

/** Whether the rows read since the last piece make a full piece: in candidates or in issues. */
export function pieceIsFull(
  candidates: CandidateColumns,
  log: IssueLog,
  pieceRows: number,
): boolean {
  return candidates.count >= pieceRows || log.issues.length >= Math.min(pieceRows, PIECE_ISSUES);
}
