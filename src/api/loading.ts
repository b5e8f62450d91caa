import { financialYear } from '../contract/dimensions.js';
import type { DisclosureRule } from '../disclosure/index.js';
import { UnusableInputError } from '../errors.js';
import type { LoadedProgramme } from '../load/loadProgramme.js';
import { loadProgramme, releaseReadingState } from '../load/loadProgramme.js';
import type { Programme } from '../model/programme.js';
import { today } from './clock.js';
import { disclosureRule } from './disclosureOptions.js';
import type { DisclosureOptions, ReadingOptions } from './options.js';

/**
 * Loads a programme for a command that publishes figures (analyse, summary): the disclosure rule
 * from the options and the config, and a refusal (exit 2) when nothing can be analysed. With
 * `digests`, data files are hashed as they are read (for a manifest).
 */
export async function loadForPublishing(
  dir: string,
  options: DisclosureOptions & ReadingOptions,
  period: string | null = null,
  digests = false,
): Promise<{ programme: LoadedProgramme; rule: DisclosureRule }> {
  const programme = await loadProgramme(dir, {
    today: today(),
    digests,
    ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
    ...(options.onProgress ? { progress: options.onProgress } : {}),
  });
  releaseReadingState(programme);
  const rule = disclosureRule(options, programme.config.disclosure);
  if (programme.partners.length === 0 || programme.totals.participants.used === 0) {
    throw new UnusableInputError(
      `nothing to analyse in ${dir}: ${programme.partners.length} usable partner(s), ${programme.totals.participants.used} usable participant row(s) (run tides validate ${dir})`,
    );
  }
  if (period !== null) {
    const years = enrolmentYears(programme);
    if (!years.includes(period)) {
      throw new UnusableInputError(
        `no episode is enrolled in ${period}; the data covers ${years.join(', ') || 'no year'}`,
      );
    }
  }
  return { programme, rule };
}

/** The financial years in which episodes were enrolled, in order. */
export function enrolmentYears(programme: Programme): string[] {
  const years = new Set<string>();
  const enrolled = programme.episodes.enrolledOn;
  for (let e = 0; e < programme.episodes.count; e++) years.add(financialYear(enrolled.get(e)));
  return [...years].sort();
}
