// One simulated n8n worker for scripts/simulate-workers.ts, in its own OS process (forked with tsx):
// loads the built package from dist/ like n8n does, runs one warm-up execution, reports ready, then on
// each "go" runs one real n8n-core execution of Subscriber → Delete and reports what its items say. The
// process stays up for `jobs` executions, one after another, as a long-lived queue-mode worker does.
//
// argv[2]: JSON WorkerJob. IPC: parent → { op: 'go' }; child → { op: 'ready' } | { op: 'done', result }.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { generatedSubscriberIds } from '../../test/emulator/process/protocol';
import { emulatorCredentials } from '../../test/engine/emulatorCredentials';
import { loadCommunityPackage, useTempN8nUserFolder } from './n8nPackage';

export interface WorkerJob {
	emulatorUrl: string;
	officialAccount: string;
	/** Subscriber IDs generatedSubscriberIds(count, offset). */
	count: number;
	offset: number;
	warmUpAccount: string;
	warmUpId: string;
	/** Options of the node (Max Requests per Second …). */
	options: IDataObject;
	/** Executions to run, one per "go"; the process exits after the last. */
	jobs: number;
}

export interface WorkerResult {
	status: string;
	error?: string;
	/** Same clock as the emulator's CallRecord.atMs (performance.timeOrigin + performance.now()). */
	startedAtMs: number;
	endedAtMs: number;
	/** Output items by their `status` field. */
	statuses: Record<string, number>;
	cpuS: number;
}

const epochMs = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
	const job = JSON.parse(process.argv[2] ?? '{}') as WorkerJob;
	const userFolder = useTempN8nUserFolder('tencent-chat-sim-');
	const pkg = await loadCommunityPackage(resolve(__dirname, '../..'));
	const nodeType = pkg.nodeTypes.tencentChatOfficialAccount;
	if (!nodeType) throw new Error('dist/ has no tencentChatOfficialAccount node; run npm run build');
	// require, not import(): this file runs under tsx's CommonJS hook only, and n8n-core must load after the
	// user folder is set.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { runNode } = require('../../test/engine/runNode') as typeof import('../../test/engine/runNode');
	const execute = async (officialAccount: string, input: IDataObject[]) =>
		await runNode({
			nodeType,
			typeName: pkg.typeName('tencentChatOfficialAccount'),
			credentialTypes: pkg.credentialTypes,
			credentials: { tencentChatApi: emulatorCredentials({ url: job.emulatorUrl }) },
			parameters: { resource: 'subscriber', operation: 'delete', officialAccount, subscriberIds: '={{ $json.ids }}', options: job.options as INodeParameters },
			input,
			onError: 'continueRegularOutput',
			cancelAfterMs: 10 * 60 * 1000,
		});

	// The first execution in a process pays for loading n8n's HTTP stack; a long-running worker has paid it.
	await execute(job.warmUpAccount, [{ ids: [job.warmUpId] }]);
	const ids = generatedSubscriberIds(job.count, job.offset);
	const input: IDataObject[] = [];
	for (let start = 0; start < ids.length; start += 100) input.push({ ids: ids.slice(start, start + 100) });

	let jobsDone = 0;
	process.on('message', (message: { op?: string }) => {
		if (message.op !== 'go') return;
		void (async () => {
			const cpuBefore = process.cpuUsage();
			const startedAtMs = epochMs();
			const run = await execute(job.officialAccount, input);
			const endedAtMs = epochMs();
			const cpu = process.cpuUsage(cpuBefore);
			const statuses: Record<string, number> = {};
			for (const item of run.outputs[0] ?? []) {
				const status = String((item.json as IDataObject).status ?? (item.json as IDataObject).error ?? 'none');
				statuses[status] = (statuses[status] ?? 0) + 1;
			}
			const result: WorkerResult = {
				status: run.status,
				...(run.error ? { error: run.error.message } : {}),
				startedAtMs,
				endedAtMs,
				statuses,
				cpuS: (cpu.user + cpu.system) / 1e6,
			};
			process.send?.({ op: 'done', result });
			jobsDone++;
			if (jobsDone < job.jobs) return;
			userFolder.cleanup();
			process.disconnect?.();
		})();
	});
	process.on('disconnect', () => process.exit(0));
	process.send?.({ op: 'ready' });
}

main().catch((error: unknown) => {
	process.stderr.write(`[worker] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
