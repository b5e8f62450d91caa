import { buildEpisode, type Episode, partnerPeople } from './episodes.js';
import { extraRecords } from './extras.js';
import {
  type FaultNote,
  isExtraFault,
  type OutcomeDraft,
  outcomeControls,
  type PartnerFaults,
  participantControls,
  plantOutcomeFault,
  plantParticipantFault,
  WIDE_HEADER,
  wideRow,
} from './faults.js';
import { type EpisodeOutcomes, episodeOutcomes } from './outcomes.js';
import type { PartnerPlan } from './partners.js';
import type { ProgrammePlan } from './programme.js';
import {
  csvField,
  csvLine,
  type FileStyle,
  headerLine,
  OUTCOME_COLUMNS,
  outcomeColumnsOf,
  outcomeFields,
  PARTICIPANT_COLUMNS,
  PLAIN_STYLE,
  participantColumnsOf,
  participantFields,
} from './rows.js';

/** How a partner's two files look: their columns, headers and styles. */
export interface PartnerLayout {
  readonly participantColumns: readonly number[];
  readonly outcomeColumns: readonly number[];
  readonly participantsHeader: string;
  readonly outcomesHeader: string;
  readonly participantsStyle: FileStyle;
  readonly outcomesStyle: FileStyle;
}

/** A CSV line (without its line end) and the fault planted on it, if any. */
export interface RowOut {
  readonly text: string;
  readonly fault: FaultNote | null;
}

/** Everything one episode contributes to the partner's files. */
export interface EpisodeRows {
  readonly episode: Episode;
  /** The questionnaires as generated, before any fault was planted (for the summary). */
  readonly outcomes: EpisodeOutcomes;
  readonly participantRows: readonly RowOut[];
  readonly outcomeRows: readonly RowOut[];
}

export function partnerLayout(
  partner: PartnerPlan,
  faults: PartnerFaults | undefined,
): PartnerLayout {
  const participantsStyle = faults?.participantsStyle ?? PLAIN_STYLE;
  const outcomesStyle = faults?.outcomesStyle ?? PLAIN_STYLE;
  const participantColumns = participantColumnsOf(partner, faults?.forceCohort ?? false);
  const outcomeColumns = outcomeColumnsOf(partner);
  return {
    participantColumns,
    outcomeColumns,
    participantsHeader: headerLine(PARTICIPANT_COLUMNS, participantColumns, participantsStyle),
    outcomesHeader: outcomesStyle.wide
      ? WIDE_HEADER.map(csvField).join(',')
      : headerLine(OUTCOME_COLUMNS, outcomeColumns, outcomesStyle),
    participantsStyle,
    outcomesStyle,
  };
}

/**
 * The rows of one partner's participants and outcomes files, one episode at a time (pure: no I/O,
 * nothing kept between episodes), with the partner's planted faults applied.
 */
export function* partnerRows(
  programme: ProgrammePlan,
  partner: PartnerPlan,
  layout: PartnerLayout,
  faults: PartnerFaults | undefined,
): Generator<EpisodeRows> {
  const cohorts = faults?.cohorts ?? partner.cohorts;
  let serial = 0;
  for (const { person, primaryOffset } of partnerPeople(programme, partner)) {
    const episode = buildEpisode(programme, person, partner, primaryOffset, cohorts);
    const participantFault =
      primaryOffset >= 0 ? faults?.participantFaults.get(primaryOffset) : undefined;
    const outcomeFault = primaryOffset >= 0 ? faults?.outcomeFaults.get(primaryOffset) : undefined;
    const silenced = faults !== undefined && primaryOffset >= faults.noOutcomesFrom;
    const wellbeing = episodeOutcomes(programme, episode, {
      ...participantControls(participantFault),
      ...outcomeControls(outcomeFault),
      ...(silenced ? { none: true } : {}),
    });
    // The partner's yes/no and count questions follow the wellbeing rows; an episode carrying a
    // fault of the wellbeing rows has none (the fault is planted on rows in their order), and a
    // wide return has columns for ONS4 only.
    const asksExtras =
      !layout.outcomesStyle.wide && (outcomeFault === undefined || isExtraFault(outcomeFault));
    const extras = asksExtras
      ? extraRecords(
          programme,
          episode,
          { baseline: wellbeing.baselineDay, followup: wellbeing.followupDay },
          outcomeFault !== undefined,
        )
      : [];
    const outcomes: EpisodeOutcomes =
      extras.length === 0
        ? wellbeing
        : { ...wellbeing, records: [...wellbeing.records, ...extras] };

    const fields = participantFields(programme, episode, layout.participantsStyle);
    const participantRows: RowOut[] = [];
    if (participantFault === undefined) {
      participantRows.push({ text: csvLine(fields, layout.participantColumns), fault: null });
    } else {
      const lsoaCode = programme.city.lsoas[person.lsoa]?.code ?? '';
      const planted = plantParticipantFault(participantFault, fields, programme, lsoaCode);
      const text = csvLine(fields, layout.participantColumns, planted.raw);
      if (planted.duplicate) participantRows.push({ text, fault: null });
      participantRows.push({ text, fault: planted.note });
    }

    const drafts: OutcomeDraft[] = outcomes.records.map((record) => ({
      fields: outcomeFields(person.id, partner.id, record, layout.outcomesStyle),
      note: null,
    }));
    if (outcomeFault !== undefined && outcomes.baselineDay !== null) {
      plantOutcomeFault(
        outcomeFault,
        drafts,
        programme,
        layout.outcomesStyle,
        { baseline: outcomes.baselineDay, followup: outcomes.followupDay },
        serial++,
      );
    }
    const wide = layout.outcomesStyle.wide ? wideRow(drafts) : null;
    const outcomeRows = layout.outcomesStyle.wide
      ? wide === null
        ? []
        : [{ text: wide.fields.map(csvField).join(','), fault: wide.note }]
      : drafts.map((d) => ({
          text: csvLine(d.fields, layout.outcomeColumns),
          fault: d.note,
        }));
    yield { episode, outcomes, participantRows, outcomeRows };
  }
}
