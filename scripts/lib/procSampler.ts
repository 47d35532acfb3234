// CPU time and resident memory of one other process, sampled from /proc (Linux) on a timer, so that a
// benchmark can tell what a process spent inside a time window it learns about afterwards (e.g. one
// node's run, from the run data's startTime + executionTime).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** [epoch ms, cumulative user+system CPU ms, RSS bytes] */
export type ProcSample = [number, number, number];

const CLOCK_TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const PAGE_BYTES = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;

function readSample(pid: number): ProcSample | undefined {
	try {
		// Fields after the command name (which may hold spaces) start at ") "; utime/stime are fields 14/15.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
		const rssBytes = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
		return [Date.now(), cpuMs, rssBytes];
	} catch {
		return undefined; // the process has exited
	}
}

export interface WindowUsage {
	/** CPU ms spent in [fromMs, toMs], interpolated between samples (the kernel counts in 1/CLK_TCK s steps). */
	cpuMs: number;
	rssAtStartBytes: number;
	rssPeakBytes: number;
	samples: number;
}

export class ProcSampler {
	readonly samples: ProcSample[] = [];
	private timer: NodeJS.Timeout;

	constructor(
		private readonly pid: number,
		intervalMs = 20,
	) {
		this.timer = setInterval(() => this.sample(), intervalMs);
		this.sample();
	}

	private sample(): void {
		const sample = readSample(this.pid);
		if (sample) this.samples.push(sample);
	}

	stop(): void {
		clearInterval(this.timer);
	}

	private cpuAt(ms: number): number {
		const after = this.samples.findIndex((sample) => sample[0] >= ms);
		if (after <= 0) return after === 0 ? this.samples[0][1] : (this.samples.at(-1)?.[1] ?? 0);
		const [t0, c0] = this.samples[after - 1];
		const [t1, c1] = this.samples[after];
		return t1 === t0 ? c1 : c0 + ((c1 - c0) * (ms - t0)) / (t1 - t0);
	}

	usageBetween(fromMs: number, toMs: number): WindowUsage {
		const inside = this.samples.filter((sample) => sample[0] >= fromMs && sample[0] <= toMs);
		const before = this.samples.filter((sample) => sample[0] <= fromMs).at(-1) ?? inside[0];
		const rssAtStart = before?.[2] ?? 0;
		return {
			cpuMs: this.cpuAt(toMs) - this.cpuAt(fromMs),
			rssAtStartBytes: rssAtStart,
			rssPeakBytes: Math.max(rssAtStart, ...inside.map((sample) => sample[2])),
			samples: inside.length,
		};
	}
}
