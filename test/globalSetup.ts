import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';

/** End-to-end tests run the built CLI: build it once so they never test stale code. */
export default function setup(): void {
  // As `npm run build` does: compile, then copy the data files (the deprivation indices).
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  cpSync('src/data', 'dist/data', { recursive: true });
}
