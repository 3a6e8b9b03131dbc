/** The `article-pipeline` command run as a child process, the way a user's shell runs it. */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

/** The repository's `bin/article-pipeline.js`. */
export const CLI_BIN = new URL('../../bin/article-pipeline.js', import.meta.url).pathname;

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Collects a child's stdout and stderr (UTF-8) and resolves with them and its exit code when it closes. */
export function collectRun(child: ChildProcessWithoutNullStreams): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
