// Parent-process side of the benchmark emulator: forks scripts/lib/emulatorChild.ts (through tsx, the
// same loader this process runs under) and talks to it over Node's IPC channel. The emulator then burns
// its CPU in another process, so process.cpuUsage() and RSS in the benchmark belong to the node alone.
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** Deterministic subscriber IDs shared by parent (input items) and child (seed): s0000000 … */
export function benchSubscriberIds(count: number, offset = 0): string[] {
	return Array.from({ length: count }, (_, index) => `s${String(index + offset).padStart(7, '0')}`);
}

export type ChildRequest =
	| { id: number; op: 'seed'; officialAccount: string; count: number }
	| { id: number; op: 'count'; officialAccount: string }
	| { id: number; op: 'resetCalls' }
	| { id: number; op: 'setLatency'; latencyMs: number }
	| { id: number; op: 'stats' }
	| { id: number; op: 'timeline' }
	| { id: number; op: 'stop' };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type ChildCommand = DistributiveOmit<ChildRequest, 'id'>;

export type ChildResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export interface EmulatorStats {
	calls: number;
	deleteCalls: number;
	idsSent: number;
	/** Replies with ErrorCode 60007 (the emulator's rate limit). */
	rejected60007: number;
	outcomes: Record<string, number>;
	/** Max arrivals (admitted or not) in any [t, t + 1 s). */
	maxArrivalsIn1s: number;
	/** Same, admitted calls only. */
	maxAdmittedIn1s: number;
	arrivalSpanMs: number;
	firstArrivalMs: number | null;
	lastArrivalMs: number | null;
	/** Clock: performance.timeOrigin + performance.now(), comparable across processes on one machine. */
	lastReplyMs: number | null;
	/** Median time from arrival to reply at the emulator (its latency plus its own work). */
	medianResidenceMs: number | null;
	/** Per call, only for small logs. */
	residencesMs?: number[];
}

export interface BenchEmulator {
	url: string;
	pid: number;
	seed(officialAccount: string, count: number): Promise<number>;
	count(officialAccount: string): Promise<number>;
	resetCalls(): Promise<void>;
	setLatency(latencyMs: number): Promise<void>;
	stats(): Promise<EmulatorStats>;
	/** [arrival ms, reply ms | null, outcome or '60007', IDs in the call] per call, in arrival order. */
	timeline(): Promise<Array<[number, number | null, string, number]>>;
	/** Asks the child to stop, and kills it if it has not exited within a second. */
	stop(): Promise<void>;
}

const CHILD = resolve(__dirname, 'emulatorChild.ts');

const PARENT_ONLY_FLAG = /^--(cpu-prof|heap-prof|prof|inspect)/;
const FLAG_WITH_VALUE = /^--(cpu-prof-dir|cpu-prof-name|cpu-prof-interval|heap-prof-dir|heap-prof-name|heap-prof-interval)$/;

/** The parent's node flags minus profiler/inspector flags (and their separate values). */
function childExecArgv(execArgv: string[]): string[] {
	const kept: string[] = [];
	for (let index = 0; index < execArgv.length; index++) {
		const flag = execArgv[index];
		if (!PARENT_ONLY_FLAG.test(flag)) {
			kept.push(flag);
			continue;
		}
		if (FLAG_WITH_VALUE.test(flag)) index++;
	}
	return kept;
}

export async function startBenchEmulator(options: { latencyMs: number; rateLimitPerSecond: number; timeoutMs?: number }): Promise<BenchEmulator> {
	const child: ChildProcess = fork(CHILD, [], {
		// process.execArgv carries tsx's loader flags, so the child can run the .ts emulator too; profiling
		// and inspector flags stay with the benchmark process (node --cpu-prof profiles the node alone).
		execArgv: childExecArgv(process.execArgv),
		env: {
			...process.env,
			BENCH_EMULATOR_LATENCY_MS: String(options.latencyMs),
			BENCH_EMULATOR_RATE_LIMIT: String(options.rateLimitPerSecond),
		},
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const killChild = () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	};
	// Never leave the emulator behind, however this process ends.
	process.once('exit', killChild);

	const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
	let nextId = 1;
	let exited = false;
	const ready = new Promise<{ url: string }>((resolveReady, rejectReady) => {
		pending.set(0, { resolve: (value) => resolveReady(value as { url: string }), reject: rejectReady });
	});
	child.on('message', (raw: unknown) => {
		const message = raw as ChildResponse;
		const waiter = pending.get(message.id);
		if (!waiter) return;
		pending.delete(message.id);
		if (message.ok) waiter.resolve(message.result);
		else waiter.reject(new Error(`bench emulator: ${message.error}`));
	});
	child.on('exit', (code, signal) => {
		exited = true;
		process.off('exit', killChild);
		for (const waiter of pending.values()) waiter.reject(new Error(`bench emulator exited (code ${code}, signal ${signal})`));
		pending.clear();
	});

	const timeoutMs = options.timeoutMs ?? 30000;
	const request = <T>(command: ChildCommand): Promise<T> => {
		if (exited) return Promise.reject(new Error('bench emulator is not running'));
		const id = nextId++;
		return new Promise<T>((resolveRequest, rejectRequest) => {
			const timer = setTimeout(() => {
				pending.delete(id);
				rejectRequest(new Error(`bench emulator did not answer ${command.op} within ${timeoutMs} ms`));
			}, timeoutMs);
			pending.set(id, {
				resolve: (value) => {
					clearTimeout(timer);
					resolveRequest(value as T);
				},
				reject: (error) => {
					clearTimeout(timer);
					rejectRequest(error);
				},
			});
			child.send({ ...command, id } as ChildRequest);
		});
	};

	const startTimer = setTimeout(() => pending.get(0)?.reject(new Error('bench emulator did not start within 30 s')), 30000);
	let url: string;
	try {
		url = (await ready).url;
	} catch (error) {
		killChild();
		throw error;
	} finally {
		clearTimeout(startTimer);
	}

	return {
		url,
		pid: child.pid ?? -1,
		seed: (officialAccount, count) => request<number>({ op: 'seed', officialAccount, count }),
		count: (officialAccount) => request<number>({ op: 'count', officialAccount }),
		resetCalls: async () => {
			await request({ op: 'resetCalls' });
		},
		setLatency: async (latencyMs) => {
			await request({ op: 'setLatency', latencyMs });
		},
		stats: () => request<EmulatorStats>({ op: 'stats' }),
		timeline: () => request<Array<[number, number | null, string, number]>>({ op: 'timeline' }),
		async stop() {
			if (exited) return;
			const gone = new Promise<void>((done) => child.once('exit', () => done()));
			await request({ op: 'stop' }).catch(() => undefined);
			const timer = setTimeout(killChild, 1000);
			await gone;
			clearTimeout(timer);
		},
	};
}
