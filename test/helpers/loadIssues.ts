import type { Issue } from '../../src/contract/issues.js';
import { IssueSpool } from '../../src/io/issueSpool.js';
import { type LoadOptions, loadProgramme } from '../../src/load/loadProgramme.js';
import type { Programme } from '../../src/model/programme.js';

/** Loads a programme with its full list of issues in report order, as `validate --json` has it. */
export async function loadWithIssues(
  dir: string,
  options: LoadOptions,
): Promise<{ programme: Programme; issues: Issue[] }> {
  const spool = new IssueSpool();
  try {
    const programme = await loadProgramme(dir, { ...options, issueList: spool });
    return { programme, issues: [...spool.sorted()] };
  } finally {
    spool.close();
  }
}
