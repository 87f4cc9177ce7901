/**
 * Running a tool (LibreOffice, pdftoppm, unzip) from a test without blocking the event
 * loop: the server under test runs in the same process, and a synchronous call of 20 s
 * stalls it, after which its idle keep-alive connections close just as the test's next
 * request reuses one (ECONNRESET).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The tool's standard output; rejects when it fails or takes longer than two minutes. */
export async function runTool(command: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run(command, args, { timeout: 120_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}
