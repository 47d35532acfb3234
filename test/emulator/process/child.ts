// Child side of the out-of-process emulator (see index.ts): starts the emulator with the options in
// argv[2] and answers the parent over the IPC channel. Exits when told to, or when the parent goes away.
import { startEmulator } from '../server';
import { callStats, callTimeline } from './callStats';
import { generatedSubscriberIds, type ProcessEmulatorOptions, type ProcessRequest, type ProcessResponse } from './protocol';

async function main(): Promise<void> {
	const options = JSON.parse(process.argv[2] ?? '{}') as ProcessEmulatorOptions;
	const emulator = await startEmulator(options);
	const send = (message: ProcessResponse | { id: 0; ok: true; result: { url: string } }) => process.send?.(message);
	const shutdown = async () => {
		await emulator.stop();
		process.exit(0);
	};
	process.on('disconnect', () => void shutdown());
	process.on('message', (raw: unknown) => {
		const request = raw as ProcessRequest;
		const reply = (result: unknown) => send({ id: request.id, ok: true, result });
		try {
			switch (request.op) {
				case 'calls':
					reply(emulator.calls);
					return;
				case 'subscribers':
					reply(emulator.subscribers(request.sdkAppId, request.officialAccount));
					return;
				case 'script':
					emulator.script(request.command, request.faults);
					reply(true);
					return;
				case 'setLatency':
					emulator.setLatency(request.latencyMs);
					reply(true);
					return;
				case 'resetCalls':
					emulator.resetCalls();
					reply(true);
					return;
				case 'addAccount': {
					const { subscribers = [], ...account } = request.seed;
					const ids = Array.isArray(subscribers) ? subscribers : generatedSubscriberIds(subscribers.generate, subscribers.offset);
					emulator.addAccount({ ...account, subscribers: ids });
					reply(emulator.subscribers(account.sdkAppId, account.officialAccount).length);
					return;
				}
				case 'subscriberCount':
					reply(emulator.subscribers(request.sdkAppId, request.officialAccount).length);
					return;
				case 'callStats':
					reply(callStats(emulator.calls));
					return;
				case 'callTimeline':
					reply(callTimeline(emulator.calls));
					return;
				case 'account':
					reply(emulator.account(request.sdkAppId, request.officialAccount) ?? null);
					return;
				case 'subscriberDetails':
					reply(emulator.subscriberDetails(request.sdkAppId, request.officialAccount));
					return;
				case 'messages':
					reply(emulator.messages(request.sdkAppId, request.officialAccount));
					return;
				case 'deliveryCount':
					reply(emulator.deliveryCount(request.sdkAppId, request.officialAccount));
					return;
				case 'setMessageLimits':
					emulator.setMessageLimits(request.limits);
					reply(true);
					return;
				case 'stop':
					reply(true);
					void shutdown();
					return;
			}
		} catch (error) {
			send({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
		}
	});
	send({ id: 0, ok: true, result: { url: emulator.url } });
}

void main();
