/**
 * England's deprivation indices, shipped with tides (src/data/imd, copied to dist/data by the
 * build; source and licence in its README): the LSOA deciles of the Index of Multiple
 * Deprivation, 2019 (LSOA 2011 codes) and 2025 (LSOA 2021 codes).
 */
export type ImdEdition = '2019' | '2025';

export const IMD_EDITIONS: readonly ImdEdition[] = ['2019', '2025'];

/**
 * The default edition: the current index (published October 2025), on the LSOA 2021 codes that
 * today's postcode directories and partners' systems give. A programme whose returns carry LSOA
 * 2011 codes, or that reports against the index of its own years, sets `"imd_edition": "2019"`.
 */
export const DEFAULT_IMD_EDITION: ImdEdition = '2025';

export interface ImdEditionInfo {
  readonly file: string;
  /** How messages and the report name it. */
  readonly name: string;
  /** The LSOA codes it is on, and the column of a postcode directory that gives them. */
  readonly lsoas: string;
  readonly postcodeColumn: 'lsoa11' | 'lsoa21';
}

export const IMD_EDITION_INFO: Readonly<Record<ImdEdition, ImdEditionInfo>> = {
  '2019': {
    file: 'imd2019_lsoa11_england.csv',
    name: 'English Indices of Deprivation 2019',
    lsoas: 'LSOA 2011',
    postcodeColumn: 'lsoa11',
  },
  '2025': {
    file: 'imd2025_lsoa21_england.csv',
    name: 'English Indices of Deprivation 2025',
    lsoas: 'LSOA 2021',
    postcodeColumn: 'lsoa21',
  },
};

/** The attribution the Open Government Licence asks for, wherever the indices are used. */
export const IMD_ATTRIBUTION =
  'Contains public sector information licensed under the Open Government Licence v3.0. English Indices of Deprivation 2019 / 2025, Ministry of Housing, Communities and Local Government.';
