import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListMapRunsCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { reprocessInCloud, type StepFunctionsSender } from '../../lib/cli/reprocess-command.js';

/** A Step Functions stand-in: the execution runs for `polls` polls, then ends with `status`. */
function fakeStepFunctions(polls: number, status: 'SUCCEEDED' | 'FAILED') {
  const started: unknown[] = [];
  let describes = 0;
  const send = async (command: unknown): Promise<unknown> => {
    if (command instanceof StartExecutionCommand) {
      started.push(JSON.parse(command.input.input ?? 'null'));
      return { executionArn: 'arn:aws:states:eu-west-1:000000000000:execution:sm:run-1' };
    }
    if (command instanceof ListMapRunsCommand) return { mapRuns: [{ mapRunArn: 'arn:map-run' }] };
    if (command instanceof DescribeMapRunCommand) {
      // Map-run counts are read before the status in each poll: the last poll sees the run complete.
      const succeeded = describes >= polls ? 100 : describes * 40;
      return { itemCounts: { total: 100, succeeded, failed: status === 'FAILED' ? 7 : 0 } };
    }
    if (command instanceof DescribeExecutionCommand) {
      describes += 1;
      return { status: describes > polls ? status : 'RUNNING' };
    }
    throw new Error('unexpected command');
  };
  // The SDK's overloaded `send` signature cannot be spelled by a plain function; behaviour is what counts.
  return { sfn: { send } as unknown as StepFunctionsSender, started };
}

const capture = () => {
  const lines: string[] = [];
  return {
    lines,
    printer: { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) },
  };
};

describe('reprocess in the cloud', () => {
  const options = { stateMachineArn: 'arn:sm', prefix: '2017/', wait: true, pollMs: 1, showProgress: false };

  it('starts the state machine with the prefix and follows the run until it succeeds, exit 0', async () => {
    const { sfn, started } = fakeStepFunctions(2, 'SUCCEEDED');
    const { lines, printer } = capture();
    expect(await reprocessInCloud(sfn, options, printer)).toBe(0);
    expect(started).toEqual([{ prefix: '2017/' }]);
    expect(lines.at(-1)).toBe('execution succeeded: 100 of 100 objects reprocessed, 0 failed');
  });

  it('exits 1 when the execution fails, reporting failed objects', async () => {
    const { sfn } = fakeStepFunctions(1, 'FAILED');
    const { lines, printer } = capture();
    expect(await reprocessInCloud(sfn, options, printer)).toBe(1);
    expect(lines.at(-1)).toMatch(/^execution failed: .* 7 failed$/);
  });

  it('only starts the run with --no-wait', async () => {
    const { sfn, started } = fakeStepFunctions(5, 'SUCCEEDED');
    const { lines, printer } = capture();
    expect(await reprocessInCloud(sfn, { ...options, prefix: '', wait: false }, printer)).toBe(0);
    expect(started).toEqual([{ prefix: '' }]);
    expect(lines).toEqual(['started arn:aws:states:eu-west-1:000000000000:execution:sm:run-1']);
  });
});
