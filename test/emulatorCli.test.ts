// `npm run emulator` as a user starts it: the credential values to paste, the URL on the port given, and a
// clean stop on SIGTERM. The process is started with --port 0 so the test never collides with a running one.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';

import { DEFAULT_APP } from './emulator';

const REPO = resolve(__dirname, '..');
const TSX = resolve(REPO, 'node_modules', '.bin', 'tsx');

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: string;
}

function startCli(args: string[]): Promise<Started> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(TSX, ['scripts/emulator.ts', ...args], { cwd: REPO });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Press Ctrl+C to stop.')) resolveStart({ child, output });
    });
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`the emulator exited (${String(code)}) before it was ready:\n${output}`)));
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((done) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => done(code));
    child.kill('SIGTERM');
  });
}

function credentialValue(output: string, label: string): string | undefined {
  return new RegExp(`^ +${label.replace(/[()]/g, '\\$&')} +(\\S.*)$`, 'm').exec(output)?.[1];
}

it('prints the credential values to paste, with the Base URL it answers on', async () => {
  const { child, output } = await startCli(['--port', '0', '--quiet', '--callback-token', 'cli-token']);
  try {
    const baseUrl = credentialValue(output, 'Base URL');
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(credentialValue(output, 'Region')).toBe('Custom URL');
    expect(credentialValue(output, 'SDKAppID')).toBe(String(DEFAULT_APP.sdkAppId));
    expect(credentialValue(output, 'Secret Key')).toBe(DEFAULT_APP.secretKey);
    expect(credentialValue(output, 'Admin Identifier')).toBe(DEFAULT_APP.admins[0]);
    expect(credentialValue(output, 'Callback Token')).toBe('cli-token');
    expect(output).not.toContain('host.docker.internal');
    const response = await fetch(`${baseUrl}/v4/im_open_login_svc/account_check`, { method: 'GET' });
    await response.text();
    expect(response.status).toBe(200);
  } finally {
    expect(await stop(child)).toBe(0);
  }
});

it('with --host 0.0.0.0 it also prints the Base URL for n8n in Docker', async () => {
  const { child, output } = await startCli(['--port', '0', '--quiet', '--host', '0.0.0.0']);
  try {
    const port = /127\.0\.0\.1:(\d+)/.exec(output)?.[1];
    expect(credentialValue(output, '(n8n in Docker)')).toBe(`http://host.docker.internal:${String(port)}`);
  } finally {
    expect(await stop(child)).toBe(0);
  }
});
