// Summary of a V8 .cpuprofile (node --cpu-prof): where the samples taken while our node ran went.
// Profile timestamps are CLOCK_MONOTONIC µs, the clock process.hrtime reads in any process on the machine,
// so a window known in epoch ms (the run data's startTime + executionTime) maps onto them exactly.
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	startTime: number;
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** What a frame belongs to: an npm package, a Node internal, V8's own buckets, or our package. */
function bucketOf(url: string, functionName: string): string {
	if (!url) return functionName.startsWith('(') ? functionName : '(native)';
	if (url.startsWith('node:')) return 'node:internal';
	const packages = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
	return packages.length > 0 ? packages[packages.length - 1][1] : url.replace(/^file:\/\//, '');
}

export interface ProfileSummary {
	windowMs: number;
	sampledMs: number;
	byBucket: Array<{ bucket: string; ms: number; pct: number }>;
	topFunctions: Array<{ fn: string; bucket: string; selfMs: number; pct: number }>;
}

/** Epoch ms → CLOCK_MONOTONIC µs, measured in this process (same kernel clock as the profiled one). */
export function epochMsToMonotonicUs(epochMs: number): number {
	const monotonicNowUs = Number(process.hrtime.bigint() / 1000n);
	return monotonicNowUs - (Date.now() - epochMs) * 1000;
}

export function summarizeCpuProfile(file: string, window: { fromEpochMs: number; toEpochMs: number }, top = 15): ProfileSummary {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((entry) => [entry.id, entry]));
	// Sample i is taken at startTime + timeDeltas[0..i].
	const fromUs = epochMsToMonotonicUs(window.fromEpochMs);
	const toUs = epochMsToMonotonicUs(window.toEpochMs);
	const at: number[] = [];
	let clock = profile.startTime;
	for (const delta of profile.timeDeltas) at.push((clock += delta));
	const first = at.findIndex((time) => time >= fromUs);
	let last = at.length - 1;
	while (last >= 0 && at[last] > toUs) last--;
	const buckets = new Map<string, number>();
	const functions = new Map<string, { bucket: string; us: number }>();
	let windowUs = 0;
	let sampledUs = 0;
	for (let index = Math.max(0, first); first >= 0 && index <= last; index++) {
		const deltaUs = profile.timeDeltas[index + 1] ?? 0; // a sample's time is the gap to the next one
		windowUs += deltaUs;
		const frame = byId.get(profile.samples[index])?.callFrame;
		if (!frame || frame.functionName === '(idle)') continue;
		sampledUs += deltaUs;
		const bucket = bucketOf(frame.url, frame.functionName);
		buckets.set(bucket, (buckets.get(bucket) ?? 0) + deltaUs);
		const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
		const entry = functions.get(key) ?? { bucket, us: 0 };
		entry.us += deltaUs;
		functions.set(key, entry);
	}
	const ms = (us: number) => Math.round(us / 100) / 10;
	const pct = (us: number) => (sampledUs ? Math.round((us / sampledUs) * 1000) / 10 : 0);
	return {
		windowMs: ms(windowUs),
		sampledMs: ms(sampledUs),
		byBucket: [...buckets].sort((a, b) => b[1] - a[1]).slice(0, top).map(([bucket, us]) => ({ bucket, ms: ms(us), pct: pct(us) })),
		topFunctions: [...functions]
			.sort((a, b) => b[1].us - a[1].us)
			.slice(0, top)
			.map(([fn, entry]) => ({ fn, bucket: entry.bucket, selfMs: ms(entry.us), pct: pct(entry.us) })),
	};
}
