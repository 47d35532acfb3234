import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { OFFLINE_PUSH, ONLINE_ONLY, SEND_MESSAGE } from '../../tencent/contract';

/** Send's own options, beside the transport's. */
export const sendOptionProperties: INodeProperties[] = [
	{
		displayName: 'Allow More Than 2 per Hour',
		name: 'allowMoreThanTwoPerHour',
		type: 'boolean',
		default: false,
		description: `Whether to skip the check of ${SEND_MESSAGE.perAccountPerHour} broadcasts per hour per account. Tencent Chat allows ${SEND_MESSAGE.perAccountPerHour}; before sending, the node counts this run's messages and those the account sent in the last hour. Turn this on only if your plan allows more.`,
	},
	{
		displayName: 'Cloud Custom Data',
		name: 'cloudCustomData',
		type: 'string',
		default: '',
		description: "Custom data stored with the message and delivered to the clients (Tencent's CloudCustomData)",
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to check every item, build the exact request and read how many subscribers it would reach, without sending anything. The output shows the body and the audience.',
	},
	{
		displayName: 'Do Not Update Conversation',
		name: 'doNotUpdateConversation',
		type: 'boolean',
		default: false,
		description: "Whether to leave the subscribers' conversation list (last message) unchanged. Cannot be combined with Online Only.",
	},
	{
		displayName: 'Online Only',
		name: 'onlineOnly',
		type: 'boolean',
		default: false,
		description: 'Whether to send only to subscribers who are online now (no offline push, not stored for the others)',
	},
];

/** The offline push notification (OfflinePushInfo), its own collection so it reads like the console's. */
export const offlinePushProperty: INodeProperties = {
	displayName: 'Offline Push',
	name: 'offlinePush',
	type: 'collection',
	placeholder: 'Add Push Field',
	default: {},
	description: 'The push notification offline subscribers get',
	options: [
		{
			displayName: 'Android Sound',
			name: 'androidSound',
			type: 'string',
			default: '',
			description: "Sound file name on Android (Tencent's AndroidInfo.Sound)",
		},
		{
			displayName: 'APNs Sound',
			name: 'apnsSound',
			type: 'string',
			default: '',
			description: "Sound file name on iOS (Tencent's ApnsInfo.Sound)",
		},
		{
			displayName: 'Badge',
			name: 'badgeMode',
			type: 'options',
			options: [
				{ name: 'Count Up', value: 'count', description: 'Add one to the app icon badge' },
				{ name: 'Leave Unchanged', value: 'unchanged', description: 'Do not change the badge' },
			],
			default: 'count',
			description: 'What the iOS app icon badge does',
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: "The push text (Tencent's Desc)",
		},
		{
			displayName: 'Extra Data',
			name: 'ext',
			type: 'string',
			default: '',
			description: "Data passed through to the app with the push (Tencent's Ext)",
		},
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			description: "The push title (Tencent's Title)",
		},
	],
};

export type SendExtras = { ok: true; body: IDataObject; allowMoreThanTwoPerHour: boolean; dryRun: boolean } | { ok: false; field: string; reason: string; fix: string };

const nonEmpty = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function offlinePushInfo(push: IDataObject): IDataObject | undefined {
	const info: IDataObject = {};
	const title = nonEmpty(push.title);
	const desc = nonEmpty(push.description);
	const ext = nonEmpty(push.ext);
	if (title) info[OFFLINE_PUSH.title] = title;
	if (desc) info[OFFLINE_PUSH.desc] = desc;
	if (ext) info[OFFLINE_PUSH.ext] = ext;
	const androidSound = nonEmpty(push.androidSound);
	if (androidSound) info[OFFLINE_PUSH.androidInfo] = { [OFFLINE_PUSH.sound]: androidSound };
	const apns: IDataObject = {};
	const apnsSound = nonEmpty(push.apnsSound);
	if (apnsSound) apns[OFFLINE_PUSH.sound] = apnsSound;
	if (push.badgeMode === 'unchanged') apns[OFFLINE_PUSH.badgeMode] = OFFLINE_PUSH.badgeUnchanged;
	if (Object.keys(apns).length > 0) info[OFFLINE_PUSH.apnsInfo] = apns;
	if (Object.keys(info).length === 0) return undefined;
	return { [OFFLINE_PUSH.pushFlag]: OFFLINE_PUSH.pushNormally, ...info };
}

/** The request fields the options add (CloudCustomData, OfflinePushInfo, OnlineOnlyFlag, SendMsgControl). */
export function sendExtras(options: IDataObject, push: IDataObject): SendExtras {
	const body: IDataObject = {};
	const cloudCustomData = nonEmpty(options.cloudCustomData);
	if (cloudCustomData) body[SEND_MESSAGE.cloudCustomData] = cloudCustomData;
	const pushInfo = offlinePushInfo(push);
	if (pushInfo) body[SEND_MESSAGE.offlinePushInfo] = pushInfo;
	const onlineOnly = options.onlineOnly === true;
	const keepConversation = options.doNotUpdateConversation === true;
	if (onlineOnly && keepConversation) {
		return {
			ok: false,
			field: 'Options',
			reason: 'Online Only and Do Not Update Conversation cannot be combined: Tencent Chat refuses NoLastMsg for online-only messages',
			fix: 'Turn off one of the two options.',
		};
	}
	if (onlineOnly) body[SEND_MESSAGE.onlineOnlyFlag] = ONLINE_ONLY;
	if (keepConversation) body[SEND_MESSAGE.sendMsgControl] = [SEND_MESSAGE.noLastMsg];
	return { ok: true, body, allowMoreThanTwoPerHour: options.allowMoreThanTwoPerHour === true, dryRun: options.dryRun === true };
}
