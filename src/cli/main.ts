import { Command, CommanderError } from 'commander';
import { sourceDateEpoch } from '../api/clock.js';
import { toolVersion } from '../api/version.js';
import { EXIT } from '../errors.js';
import { visible } from '../visibleText.js';
import { registerAnalyse } from './analyse.js';
import { registerAudit } from './audit.js';
import { registerCheck } from './check.js';
import { reportFailure } from './failure.js';
import { registerGenerate } from './generate.js';
import { registerSummary } from './summary.js';
import { registerTemplate } from './template.js';
import { registerValidate } from './validate.js';

/**
 * The `tides` program. Each command lives in its own file and registers itself; the modules that
 * do a command's work are imported lazily inside its action so that `tides --help` stays fast.
 */
export function buildProgram(): Command {
  const program = new Command('tides')
    .description('Evaluation toolkit for community health programmes')
    .version(toolVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    // Commander's messages quote the arguments given: shown visibly, on their own lines.
    .configureOutput({
      writeErr: (text) => process.stderr.write(text.split('\n').map(visible).join('\n')),
    })
    .exitOverride()
    // The environment is checked before any command reads or writes anything.
    .hook('preAction', () => {
      sourceDateEpoch();
    });
  registerValidate(program);
  registerAnalyse(program);
  registerGenerate(program);
  registerTemplate(program);
  registerCheck(program);
  registerSummary(program);
  registerAudit(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  // A reader that stops early (`tides --help | head -3`) closes the pipe: what is left to write
  // is not wanted, which is no error (writeOut handles the long outputs the same way). Without
  // this, the help text's write failed with an unhandled EPIPE and a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || process.stdout.listenerCount('error') > 1) return;
    process.stderr.write(
      `tides: standard output cannot be written (${error.code ?? error.message})\n`,
    );
    process.exitCode = EXIT.unusable;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other commander error is a usage error (exit 2).
      const helpOrVersion =
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help';
      process.exitCode = helpOrVersion ? EXIT.ok : EXIT.unusable;
      return;
    }
    process.exitCode = reportFailure(error);
  }
}
