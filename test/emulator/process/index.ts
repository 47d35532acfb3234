// The emulator in its own process. Tests that measure timing at the server (rate limits) use it, so the
// server stamps arrivals on an idle event loop instead of one shared with the n8n engine under test.
import { fork } from 'node:child_process';
import { join } from 'node:path';

import { maxArrivalsInWindow } from '../callLog';
import type { CallRecord, ScriptedFault } from '../types';
import type { ProcessEmulatorOptions, ProcessRequest, ProcessResponse } from './protocol';

export interface EmulatorProcess {
	url: string;
	calls(): Promise<CallRecord[]>;
	subscribers(sdkAppId: number, officialAccount: string): Promise<string[]>;
	script(command: string, faults: ScriptedFault[]): Promise<void>;
	setLatency(latencyMs: number): Promise<void>;
	resetCalls(): Promise<void>;
	/** Max arrivals in any half-open window [t, t + windowMs), as the emulator recorded them. */
	maxCallsInWindow(windowMs?: number): Promise<number>;
	stop(): Promise<void>;
}

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

export async function startEmulatorProcess(options: ProcessEmulatorOptions = {}, startTimeoutMs = 20000): Promise<EmulatorProcess> {
	// tsx's CommonJS hook lets the child run the TypeScript emulator under plain node, jest or tsx alike.
	const child = fork(join(__dirname, 'child.ts'), [JSON.stringify(options)], {
		execArgv: ['--require', require.resolve('tsx/cjs')],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const kill = () => child.kill('SIGKILL');
	process.once('exit', kill);
	const pending = new Map<number, (message: ProcessResponse) => void>();
	child.on('message', (message: ProcessResponse) => {
		pending.get(message.id)?.(message);
		pending.delete(message.id);
	});
	child.on('exit', () => {
		process.off('exit', kill);
		for (const settle of pending.values()) settle({ id: -1, ok: false, error: 'emulator process exited' });
		pending.clear();
	});

	let nextId = 1;
	const request = async <T>(command: Distribute<ProcessRequest>): Promise<T> =>
		await new Promise<T>((resolve, reject) => {
			const id = nextId++;
			pending.set(id, (message) => (message.ok ? resolve(message.result as T) : reject(new Error(message.error))));
			child.send({ ...command, id });
		});

	const { url } = await new Promise<{ url: string }>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('emulator process did not start in time')), startTimeoutMs);
		pending.set(0, (message) => {
			clearTimeout(timer);
			if (message.ok) resolve(message.result as { url: string });
			else reject(new Error(message.error));
		});
	});

	return {
		url,
		calls: async () => await request<CallRecord[]>({ op: 'calls' }),
		subscribers: async (sdkAppId, officialAccount) => await request<string[]>({ op: 'subscribers', sdkAppId, officialAccount }),
		script: async (command, faults) => void (await request({ op: 'script', command, faults })),
		setLatency: async (latencyMs) => void (await request({ op: 'setLatency', latencyMs })),
		resetCalls: async () => void (await request({ op: 'resetCalls' })),
		maxCallsInWindow: async (windowMs = 1000) =>
			maxArrivalsInWindow((await request<CallRecord[]>({ op: 'calls' })).map((call) => call.atMs), windowMs),
		stop: async () => {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			await request({ op: 'stop' }).catch(() => undefined);
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
			kill();
		},
	};
}
