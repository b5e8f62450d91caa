import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { formatCount } from '../generate/format.js';
import { GENERATE_DEFAULTS } from '../generate/options.js';
import { visible } from '../visibleText.js';

interface GenerateFlags {
  readonly partners: string;
  readonly participants: string;
  readonly seed: string;
  readonly from: string;
  readonly to: string;
  readonly faults: boolean;
  readonly force?: boolean;
}

/** `tides generate <dir>`: writes the synthetic Turning Tides demo programme (or a bigger one). */
export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description(
      'write a synthetic programme shaped like Turning Tides, with planted faults, for demos and benchmarks',
    )
    .argument('<dir>', 'folder to write (created if missing; must be empty unless --force)')
    .option('--partners <n>', 'number of partners', String(GENERATE_DEFAULTS.partners))
    .option(
      '--participants <n>',
      'number of distinct participants',
      String(GENERATE_DEFAULTS.participants),
    )
    .option(
      '--seed <n>',
      'random seed: the same seed gives byte-identical files',
      String(GENERATE_DEFAULTS.seed),
    )
    .option('--from <date>', 'first enrolment date, YYYY-MM-DD', GENERATE_DEFAULTS.from)
    .option('--to <date>', 'last date of any record, YYYY-MM-DD', GENERATE_DEFAULTS.to)
    .option('--no-faults', 'write clean data: no planted faults or format variants')
    .option(
      '--force',
      'replace a programme that tides generate wrote in <dir> (one holding its .tides-generated marker); never other folders',
    )
    .action(async (dir: string, flags: GenerateFlags) => {
      const options = {
        partners: wholeNumberFlag('--partners', flags.partners),
        participants: wholeNumberFlag('--participants', flags.participants),
        seed: wholeNumberFlag('--seed', flags.seed),
        from: flags.from,
        to: flags.to,
        faults: flags.faults,
        force: flags.force === true,
      };
      const { generateProgramme } = await import('../generate/index.js');
      const summary = await generateProgramme(dir, options);
      const faults = summary.plantedFaults.filter((f) => f.rule !== null).length;
      process.stdout.write(
        `Generated ${formatCount(summary.partners)} partners, ${formatCount(summary.participants)} participants ` +
          `(${formatCount(summary.episodes)} episodes, ${summary.pctMultiPartner.toFixed(1)}% at 2+ partners, ` +
          `follow-up ${summary.followupRate.toFixed(1)}%) with ${faults} planted faults in ${visible(dir)} ` +
          `(${(summary.totalBytes / 1e6).toFixed(1)} MB)\n`,
      );
    });
}

function wholeNumberFlag(flag: string, text: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) {
    throw new UsageError(`${flag} must be a whole number, got "${text}"`);
  }
  return Number(trimmed);
}
