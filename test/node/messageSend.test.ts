// Message → Send in the n8n engine against the emulator: message types, the checks before sending, options.
import { createHash } from 'node:crypto';

import type { TencentChatEmulator } from '../emulator';
import { APP, jsonOf, pairedIndexes } from './fixtures';
import { emulatorWithAccounts, freshAccount, runSend, sendCalls } from './messageFixtures';

describe('Message → Send: message types', () => {
	let emulator: TencentChatEmulator;
	let account: string;
	beforeEach(async () => {
		account = freshAccount('t');
		emulator = await emulatorWithAccounts([account]);
	});
	afterEach(async () => await emulator.stop());

	it('Text: broadcasts once and outputs MsgKey, MsgTime and its ISO date', async () => {
		const result = await runSend(emulator, [{ account, text: 'Hello, 世界' }]);

		expect(result.status).toBe('success');
		const [out] = jsonOf(result.outputs[0]);
		const [stored] = emulator.messages(APP, account);
		expect(out).toEqual({ officialAccount: account, msgKey: stored.MsgKey, msgTime: stored.MsgTime, msgTimeIso: new Date(stored.MsgTime * 1000).toISOString() });
		expect(out.msgKey).toMatch(/^\d+_1_\d+$/);
		expect(stored.MsgBody).toEqual([{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Hello, 世界' } }]);
		expect(stored.recipients).toBe(3);
		expect(emulator.deliveryCount(APP, account)).toBe(1);
		const random = (sendCalls(emulator)[0].body as { Random: number }).Random;
		expect(Number.isInteger(random) && random >= 0 && random <= 0xffffffff).toBe(true);
		expect(pairedIndexes(result.outputs[0])).toEqual([0]);
	});

	it('Custom: Data, Desc, Ext and Sound in one TIMCustomElem', async () => {
		const result = await runSend(emulator, [{ account }], {
			messageType: 'custom',
			customData: '{"kind":"digest","id":7}',
			customDesc: 'Your weekly digest',
			customExt: 'digest/7',
			customSound: 'ding.aiff',
		});

		expect(result.status).toBe('success');
		expect(emulator.messages(APP, account)[0].MsgBody).toEqual([
			{ MsgType: 'TIMCustomElem', MsgContent: { Data: '{"kind":"digest","id":7}', Desc: 'Your weekly digest', Ext: 'digest/7', Sound: 'ding.aiff' } },
		]);
	});

	it('Image: UUID from the SHA-256 of the URL, format from the extension, one URL for every size', async () => {
		const url = 'https://cdn.example.com/digest/week-48.png?v=2';
		const result = await runSend(emulator, [{ account }], { messageType: 'image', imageUrl: url, imageWidth: 800, imageHeight: 600, imageSize: 123456 });

		expect(result.status).toBe('success');
		const info = (Type: number) => ({ Type, Size: 123456, Width: 800, Height: 600, URL: url });
		expect(emulator.messages(APP, account)[0].MsgBody).toEqual([
			{
				MsgType: 'TIMImageElem',
				MsgContent: { UUID: createHash('sha256').update(url).digest('hex'), ImageFormat: 3, ImageInfoArray: [info(1), info(2), info(3)] },
			},
		]);
	});

	it('Image: a given UUID and format are used as they are', async () => {
		await runSend(emulator, [{ account }], {
			messageType: 'image',
			imageUrl: 'https://cdn.example.com/x',
			imageWidth: 10,
			imageHeight: 20,
			imageFormat: 'gif',
			imageUuid: 'my-image-1',
		});
		const content = emulator.messages(APP, account)[0].MsgBody[0] as { MsgContent: Record<string, unknown> };
		expect(content.MsgContent).toMatchObject({ UUID: 'my-image-1', ImageFormat: 2 });
		expect((content.MsgContent.ImageInfoArray as Array<Record<string, unknown>>)[0]).not.toHaveProperty('Size');
	});

	it('Elements (JSON): any valid MsgBody, e.g. text and face', async () => {
		const elements = [
			{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } },
			{ MsgType: 'TIMFaceElem', MsgContent: { Index: 6, Data: 'abc' } },
		];
		const result = await runSend(emulator, [{ account }], { messageType: 'elements', elements: JSON.stringify(elements) });

		expect(result.status).toBe('success');
		expect(emulator.messages(APP, account)[0].MsgBody).toEqual(elements);
	});
});

describe('Message → Send: options', () => {
	let emulator: TencentChatEmulator;
	let account: string;
	beforeEach(async () => {
		account = freshAccount('o');
		emulator = await emulatorWithAccounts([account]);
	});
	afterEach(async () => await emulator.stop());

	it('Cloud Custom Data, Offline Push, Do Not Update Conversation go into the request', async () => {
		const result = await runSend(emulator, [{ account, text: 'hi' }], {
			options: { cloudCustomData: '{"campaign":"w48"}', doNotUpdateConversation: true },
			offlinePush: { title: 'Digest', description: 'Week 48 is here', ext: 'open/digest', apnsSound: 'a.caf', androidSound: 'a.mp3', badgeMode: 'unchanged' },
		});

		expect(result.status).toBe('success');
		const body = sendCalls(emulator)[0].body as Record<string, unknown>;
		expect(body).toMatchObject({
			CloudCustomData: '{"campaign":"w48"}',
			SendMsgControl: ['NoLastMsg'],
			OfflinePushInfo: { PushFlag: 0, Title: 'Digest', Desc: 'Week 48 is here', Ext: 'open/digest', AndroidInfo: { Sound: 'a.mp3' }, ApnsInfo: { Sound: 'a.caf', BadgeMode: 1 } },
		});
		expect(body).not.toHaveProperty('OnlineOnlyFlag');
		expect(emulator.messages(APP, account)[0]).toMatchObject({ CloudCustomData: '{"campaign":"w48"}', SendMsgControl: ['NoLastMsg'] });
	});

	it('Online Only sets OnlineOnlyFlag 1 and no other field', async () => {
		await runSend(emulator, [{ account, text: 'hi' }], { options: { onlineOnly: true } });
		const body = sendCalls(emulator)[0].body as Record<string, unknown>;
		expect(body.OnlineOnlyFlag).toBe(1);
		expect(Object.keys(body).sort()).toEqual(['MsgBody', 'Official_Account', 'OnlineOnlyFlag', 'Random']);
	});

	it('Online Only with Do Not Update Conversation is refused before sending, with a clear error', async () => {
		const result = await runSend(emulator, [{ account, text: 'hi' }], { options: { onlineOnly: true, doNotUpdateConversation: true } });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Online Only and Do Not Update Conversation cannot be combined.*\[item 0\]/);
		expect(result.error?.description).toMatch(/Turn off one of the two options/);
		expect(sendCalls(emulator)).toHaveLength(0);
	});
});

describe('Message → Send: every message is checked before anything is sent', () => {
	let emulator: TencentChatEmulator;
	let good: string;
	let other: string;
	beforeEach(async () => {
		good = freshAccount('g');
		other = freshAccount('h');
		emulator = await emulatorWithAccounts([good, other]);
	});
	afterEach(async () => await emulator.stop());

	const image = { imageUrl: 'https://x.example/a.png', imageWidth: 10, imageHeight: 10 };
	const textElement = JSON.stringify([{ MsgType: 'TIMTextElem', MsgContent: { Text: 'ok' } }]);
	/** [label, Message Type, the good item's fields, the bad item's fields, the error, the field named]. */
	const cases: Array<[string, string, Record<string, unknown>, Record<string, unknown>, RegExp, string]> = [
		['an empty text', 'text', { text: 'fine' }, { text: '   ' }, /Text is empty/, 'Text'],
		['an empty custom message', 'custom', { customData: 'x' }, { customData: '' }, /custom message is empty/, 'Data'],
		['an image without a width', 'image', image, { ...image, imageWidth: 0 }, /Image Width must be a whole number of at least 1/, 'Image'],
		['an image URL that is not http(s)', 'image', image, { ...image, imageUrl: 'ftp://x/a.png' }, /not an http\(s\) URL/, 'Image'],
		[
			'two custom elements',
			'elements',
			{ elements: textElement },
			{ elements: JSON.stringify([{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'a' } }, { MsgType: 'TIMCustomElem', MsgContent: { Data: 'b' } }]) },
			/2 TIMCustomElem elements; Tencent Chat allows at most 1/,
			'Elements (JSON)',
		],
		[
			'an image element without Width',
			'elements',
			{ elements: textElement },
			{ elements: JSON.stringify([{ MsgType: 'TIMImageElem', MsgContent: { UUID: 'u', ImageInfoArray: [{ Type: 1, URL: 'https://x/a', Height: 2 }] } }]) },
			/ImageInfoArray\[0\] lacks Width/,
			'Elements (JSON)',
		],
		['an unknown element type', 'elements', { elements: textElement }, { elements: '[{"MsgType":"TIMCardElem","MsgContent":{}}]' }, /MsgType "TIMCardElem"; Tencent Chat knows TIMTextElem/, 'Elements (JSON)'],
		['elements that are not JSON', 'elements', { elements: textElement }, { elements: '[{"MsgType":' }, /not valid JSON/, 'Elements (JSON)'],
		['an official account without the prefix', 'text', { text: 'fine' }, { text: 'fine', account: 'news' }, /does not start with @TOA#_/, 'Official Account ID'],
	];

	it.each(cases)('%s: continues with the good item, names the field and [item 1], sends nothing for it', async (_label, messageType, goodFields, badFields, message, field) => {
		const fieldNames = [...new Set([...Object.keys(goodFields), ...Object.keys(badFields)])].filter((name) => name !== 'account');
		const parameters = { messageType, ...Object.fromEntries(fieldNames.map((name) => [name, `={{ $json.${name} }}`])) };
		const result = await runSend(emulator, [{ account: good, ...goodFields }, { account: other, ...badFields }], parameters, 'continueRegularOutput');

		expect(result.status).toBe('success');
		const out = jsonOf(result.outputs[0]);
		expect(out[0]).toMatchObject({ officialAccount: good, msgKey: expect.stringMatching(/_1_/) });
		expect(String(out[1].error)).toMatch(message);
		expect(String(out[1].error)).toContain('[item 1]');
		expect(out[1].field).toBe(field);
		expect(sendCalls(emulator)).toHaveLength(1);
		expect(emulator.deliveryCount(APP, other)).toBe(0);
	});

	it('without "continue", one bad item stops the run before ANY message is sent', async () => {
		const result = await runSend(emulator, [
			{ account: good, text: 'first' },
			{ account: other, text: '' },
		]);

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Text is empty \[item 1\]/);
		expect(result.error?.description).toMatch(/0 items succeeded/);
		expect(sendCalls(emulator)).toHaveLength(0);
	});
});
