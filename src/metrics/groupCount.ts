import type { Programme } from '../model/programme.js';
import { codeDimension, type Dimension, episodeMembers, groupMembers } from './grouping.js';
import { includedEpisodeList } from './reach.js';

/** How many groups a grouping makes, and how many categories each of its dimensions has. */
export interface GroupCount {
  /** Rows of the reach table: every group with its margins and the total. */
  readonly groups: number;
  readonly categories: readonly { readonly dimension: Dimension; readonly count: number }[];
}

/**
 * The groups of the reach table for grouping `by` (episodes enrolled in `period`, or all),
 * worked out as the reach table groups them: one pass over the episodes, without the tables.
 * Every grouped table has at most this many groups (wellbeing change and cost group people of
 * these episodes, by the year of follow-up for `year`: at most one year more).
 */
export function countGroups(
  programme: Programme,
  by: readonly Dimension[],
  period: string | null,
): GroupCount {
  const members = episodeMembers(programme, includedEpisodeList(programme, period));
  const categories = by.map((dimension) => {
    const { categories: labels } = codeDimension(programme, dimension, members);
    return { dimension, count: new Set(labels.flat()).size };
  });
  return { groups: groupMembers(programme, by, members, true).size, categories };
}
