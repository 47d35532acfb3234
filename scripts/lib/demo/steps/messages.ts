// Message → Send (with a reply lost on the way back: delivered once all the same), Recall and Get Many.
import type { IDataObject } from 'n8n-workflow';

import { APP, printTable, runOperation, type DemoContext } from '../context';
import { NEWS, type DemoStep } from './step';

const SEND_COMMAND = 'official_account_open_http_svc/send_official_account_msg';
const TEXT = 'Demo Shop: 20% off this weekend';
/** Where the send step leaves the message's MsgKey for the recall step. */
const SENT_KEY = 'sentMsgKey';

export const sendOnce: DemoStep = {
	resource: 'Message',
	title: 'Broadcast a message; its reply is lost, the retry is not delivered twice',
	async run(demo: DemoContext) {
		// The emulator delivers the first call, then drops the connection instead of answering, as after a network cut.
		demo.emulator.script(SEND_COMMAND, ['lostReply']);
		const deliveredBefore = demo.emulator.deliveryCount(APP, NEWS);
		const callsBefore = demo.emulator.calls.length;
		const { items } = await runOperation(demo, {
			resource: 'message',
			operation: 'send',
			about: `Official Account ID ${NEWS}, Message Type: Text "${TEXT}" (to every subscriber)`,
			parameters: { officialAccount: NEWS, messageType: 'text', text: TEXT, options: {} },
		});
		const sends = demo.emulator.calls.slice(callsBefore).filter((call) => call.command === SEND_COMMAND);
		demo.print('    the calls the emulator saw:');
		printTable(
			demo,
			['call', 'Random', 'what happened'],
			sends.map((call, index) => [
				index + 1,
				String((call.body as IDataObject | undefined)?.Random ?? ''),
				call.outcome === 'socketReset' ? 'delivered, then the reply was lost (connection reset)' : `answered ${call.errorCode === 0 ? 'OK' : `ErrorCode ${String(call.errorCode)}`}: a duplicate of call 1, not delivered again`,
			]),
		);
		printTable(demo, ['officialAccount', 'msgKey', 'msgTimeIso'], items.map(({ json }) => [json.officialAccount as string, json.msgKey as string, json.msgTimeIso as string]));
		const delivered = demo.emulator.deliveryCount(APP, NEWS) - deliveredBefore;
		demo.print(`    delivered to the subscribers: ${delivered} time(s)`);
		if (delivered !== 1) demo.problem(`Send: the message was delivered ${delivered} times, expected once`);
		if (sends.length !== 2) demo.problem(`Send: expected the lost reply to be retried once (2 calls), saw ${sends.length}`);
		demo.shared[SENT_KEY] = items[0]?.json.msgKey;
	},
};

export const recallSent: DemoStep = {
	resource: 'Message',
	title: 'Recall the message',
	async run(demo: DemoContext) {
		const msgKey = demo.shared[SENT_KEY];
		if (typeof msgKey !== 'string') return demo.problem('Recall: the send step left no MsgKey');
		const { items } = await runOperation(demo, {
			resource: 'message',
			operation: 'recall',
			about: 'Message Keys From: Input Field "msgKey" (the output of Send)',
			parameters: { officialAccount: NEWS, msgKeysFrom: 'inputField', msgKeyField: 'msgKey', options: { reason: 'Sent too early' } },
			input: [{ json: { msgKey } }],
		});
		printTable(demo, ['msgKey', 'status', 'result'], items.map(({ json }) => [json.msgKey as string, json.status as string, json.result as number]));
		if (demo.emulator.messages(APP, NEWS).find((message) => message.MsgKey === msgKey)?.recalled !== true) demo.problem(`Recall: ${msgKey} is not recalled at the emulator`);
	},
};

export const messageHistory: DemoStep = {
	resource: 'Message',
	title: `The message history of ${NEWS}`,
	async run(demo: DemoContext) {
		const { items } = await runOperation(demo, {
			resource: 'message',
			operation: 'getMany',
			about: 'Return All, Include Recalled',
			parameters: { officialAccount: NEWS, returnAll: true, options: { includeRecalled: true } },
		});
		printTable(demo, ['msgKey', 'msgTimeIso', 'recalled', 'text'], items.map(({ json }) => [json.msgKey as string, json.msgTimeIso as string, String(json.recalled), json.recalled === true ? '(content removed by the recall)' : ((json.text as string | undefined) ?? '')]));
		if (items.length !== demo.emulator.messages(APP, NEWS).length) demo.problem(`Get Many listed ${items.length} messages, the emulator has ${demo.emulator.messages(APP, NEWS).length}`);
	},
};
