import { describe, expect, it } from 'vitest';
import { ETHNICITY } from '../../src/contract/codes.js';
import { ETHNICITY_DETAIL, groupOfDetail, parseEthnicity } from '../../src/contract/ethnicity.js';

const detail = (text: string) => {
  const parsed = parseEthnicity(text);
  return parsed.ok ? parsed.value.detail : `fail: ${parsed.reason}`;
};

describe('parseEthnicity', () => {
  // The NHS Data Dictionary's ethnic category codes (2001 census classification).
  it.each([
    ['A', 'white_british'],
    ['B', 'white_irish'],
    ['C', 'white_other'],
    ['D', 'mixed_white_black_caribbean'],
    ['E', 'mixed_white_black_african'],
    ['F', 'mixed_white_asian'],
    ['G', 'mixed_other'],
    ['H', 'asian_indian'],
    ['J', 'asian_pakistani'],
    ['K', 'asian_bangladeshi'],
    ['L', 'asian_other'],
    ['M', 'black_caribbean'],
    ['N', 'black_african'],
    ['P', 'black_other'],
    ['R', 'asian_chinese'],
    ['S', 'other_any'],
    ['Z', 'unknown'],
    ['99', 'unknown'],
  ])('reads NHS code %s', (code, expected) => {
    expect(detail(code)).toBe(expected);
    expect(detail(code.toLowerCase())).toBe(expected);
  });

  it('reads an NHS code with its label, and refuses one whose label disagrees', () => {
    expect(detail('A - White British')).toBe('white_british');
    expect(detail('White - Irish (B)')).toBe('white_irish');
    expect(detail('J: Pakistani')).toBe('asian_pakistani');
    expect(detail('A - Black African')).toMatch(/NHS code A \(white_british\) disagrees/);
  });

  // ONS 2011 and 2021 census names as partners' forms print them.
  it.each([
    ['White British', 'white_british'],
    ['White - Irish', 'white_irish'],
    ['White: English, Welsh, Scottish, Northern Irish or British', 'white_british'],
    ['White: English/Welsh/Scottish/Northern Irish/British', 'white_british'],
    ['White: Gypsy or Irish Traveller', 'white_gypsy_irish_traveller'],
    ['White: Roma', 'white_roma'],
    ['Any other White background', 'white_other'],
    ['Asian/Asian British: Pakistani', 'asian_pakistani'],
    ['Asian or Asian British - Pakistani', 'asian_pakistani'],
    ['Asian, Asian British or Asian Welsh: Bangladeshi', 'asian_bangladeshi'],
    ['Asian/Asian British: Chinese', 'asian_chinese'],
    ['Other Asian', 'asian_other'],
    ['Black/Black British: African', 'black_african'],
    ['Black/African/Caribbean/Black British: African', 'black_african'],
    ['Black, Black British, Black Welsh, Caribbean or African: Caribbean', 'black_caribbean'],
    ['Black or Black British - Any other Black background', 'black_other'],
    ['Mixed/Multiple ethnic groups: White and Black Caribbean', 'mixed_white_black_caribbean'],
    ['Mixed or Multiple ethnic groups: White and Asian', 'mixed_white_asian'],
    ['Mixed - White & Black African', 'mixed_white_black_african'],
    ['Other ethnic group: Arab', 'other_arab'],
    ['Other ethnic group: Any other ethnic group', 'other_any'],
    ['Pakistani', 'asian_pakistani'],
    ['Prefer not to say', 'unknown'],
    ['Not stated', 'unknown'],
    // The group alone: the detail is the group's own name.
    ['Asian', 'asian'],
    ['Black or Black British', 'black'],
    ['Mixed or Multiple ethnic groups', 'mixed'],
    ['white', 'white'],
    ['Other', 'other'],
    // tides' own ids, as a template's drop-down writes them.
    ['white_gypsy_irish_traveller', 'white_gypsy_irish_traveller'],
    ['mixed_white_black_caribbean', 'mixed_white_black_caribbean'],
  ])('reads %j', (text, expected) => {
    expect(detail(text)).toBe(expected);
  });

  it('keeps the group of a name whose detail it does not know, and says so', () => {
    const parsed = parseEthnicity('White: Polish');
    expect(parsed).toEqual({
      ok: true,
      value: {
        detail: 'white',
        group: 'white',
        partly: 'the detail "polish" is not one tides knows',
      },
    });
  });

  it('refuses what names no group, never guessing', () => {
    for (const text of ['British', 'English', 'WB', 'X', 'Q', 'Martian']) {
      expect(parseEthnicity(text).ok, text).toBe(false);
    }
  });

  it('puts every detailed group in one of the five groups (or unknown)', () => {
    for (const d of ETHNICITY_DETAIL) expect(ETHNICITY.values).toContain(groupOfDetail(d));
    // NHS code R (Chinese, an "Other ethnic group" in 2001) counts as Asian, as in 2011 and 2021.
    expect(groupOfDetail('asian_chinese')).toBe('asian');
    expect(groupOfDetail('other_arab')).toBe('other');
  });
});
