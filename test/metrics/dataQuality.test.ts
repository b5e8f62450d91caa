import { describe, expect, it } from 'vitest';
import { validate } from '../../src/api/validate.js';
import { dayNumber } from '../../src/contract/values.js';
import { loadProgramme } from '../../src/load/loadProgramme.js';
import { dataQuality } from '../../src/metrics/dataQuality.js';
import { writeProgramme } from '../helpers/programme.js';

/**
 * Rules whose severity depends on where they fire: an unknown sex code and an age out of range
 * are warnings (the person is kept, the value unknown), though `code.unknown` and `number.range`
 * are errors elsewhere (data_quality.csv used to call them errors here); a score out of range
 * rejects the record.
 */
const dir = writeProgramme({
  'partners.csv': 'partner_id,partner_name\nA,Alpha\n',
  'A/participants.csv':
    'participant_id,partner_id,enrolled_on,sex,age\n1,A,2017-04-03,x,30\n2,A,2017-04-03,female,190\n3,A,2017-04-03,male,40\n',
  'A/outcomes.csv':
    'participant_id,partner_id,measure,timepoint,score\n1,A,wemwbs,baseline,40\n2,A,wemwbs,baseline,99\n3,A,wemwbs,baseline,45\n',
});

describe('dataQuality', () => {
  it('gives each rule the severity validate gives its issues, a row per severity', async () => {
    const programme = await loadProgramme(dir, { today: dayNumber(2024, 1, 1) });
    const rows = dataQuality(programme).rows.filter((r) => r.rule !== '(all)');
    const result = await validate(dir, { listIssues: true });
    const found = new Map<string, number>();
    for (const issue of result.issueList()) {
      const key = `${issue.file} ${issue.rule} ${issue.severity}`;
      found.set(key, (found.get(key) ?? 0) + 1);
    }
    result.close();
    expect(new Map(rows.map((r) => [`${r.file} ${r.rule} ${r.severity}`, r.issues]))).toEqual(
      found,
    );
    // number.range is a warning for the age and an error for the score (which is rejected).
    expect(rows.filter((r) => r.rule === 'number.range').map((r) => [r.file, r.severity])).toEqual([
      ['A/participants.csv', 'warning'],
    ]);
    expect(rows.map((r) => `${r.file} ${r.rule} ${r.severity}`)).toContain(
      'A/participants.csv code.unknown warning',
    );
  });
});
