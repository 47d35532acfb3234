import type { INodeProperties } from 'n8n-workflow';

import { BEFORE_CALLBACK_TIMEOUT_MS, CALLBACK_EVENTS } from '../TencentChatOfficialAccount/tencent/callbacks';

/** The Respond choices; each value is the n8n response mode the webhook description resolves to. */
export const RESPOND = { immediately: 'onReceived', lastNode: 'lastNode', respondOperation: 'responseNode' } as const;

/** Tencent waits 2 s; the default leaves time for the trigger's own answer when the target does not reply. */
export const DEFAULT_FORWARD_TIMEOUT_MS = 1500;

const eventOptions = [...CALLBACK_EVENTS]
	.sort((a, b) => a.name.localeCompare(b.name))
	.map((event) => ({ name: event.name, value: event.command, description: `${event.description} (${event.command})` }));

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Paste the <b>Production URL</b> above into the Tencent Chat console (your app > Callback Configuration), enable callback authentication and copy its token into the credential\'s Callback Token. Changes take about 2 minutes to apply. The Test URL answers only one call, so try it with a signed request (see the README).',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: eventOptions,
		default: [],
		description:
			'Callbacks that start the workflow. Every callback of the app goes to the same URL; the others start nothing: they are answered OK, or passed on with the option Forward Other Callbacks To.',
	},
	{
		displayName: 'Respond',
		name: 'respond',
		type: 'options',
		options: [
			{
				name: 'Immediately',
				value: RESPOND.immediately,
				description: 'Answer Tencent OK before the workflow runs (for After callbacks)',
			},
			{
				name: 'When Last Node Finishes',
				value: RESPOND.lastNode,
				description:
					'Answer with the first item of the last node, e.g. {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RefusedSubscribers_Account":["user1"]} (for Before callbacks)',
			},
			{
				name: 'Using the Respond Operation',
				value: RESPOND.respondOperation,
				description:
					'Answer when a Tencent Chat Official Account node with Callback → Respond runs; the workflow goes on after it (for Before callbacks)',
			},
		],
		default: 'onReceived',
	},
	{
		displayName: `Tencent waits at most ${BEFORE_CALLBACK_TIMEOUT_MS / 1000} s for the reply to a Before callback. Keep this workflow short and linear, and end it in one node (e.g. Edit Fields, JSON mode) whose first item is the reply: ActionStatus, ErrorInfo, ErrorCode (1 refuses all) and, for Before Add Subscriber, RefusedSubscribers_Account.`,
		name: 'lastNodeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { respond: [RESPOND.lastNode] } },
	},
	{
		displayName: `Tencent waits at most ${BEFORE_CALLBACK_TIMEOUT_MS / 1000} s for the reply to a Before callback. Add a Tencent Chat Official Account node with Callback → Respond early in the workflow: Tencent gets its answer when that step runs, and the steps after it may take as long as they need. If the workflow ends without a Respond step, n8n answers HTTP 200 with an empty body; if it fails first, HTTP 500.`,
		name: 'respondOperationNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { respond: [RESPOND.respondOperation] } },
	},
	{
		displayName: 'Verify Signature',
		name: 'verifySignature',
		type: 'boolean',
		default: true,
		description: 'Whether to reject callbacks whose Sign and RequestTime do not prove they come from Tencent (needs the Callback Token)',
	},
	{
		displayName:
			'Signature verification is off: anyone who knows this URL can start the workflow. Turn it back on once callback authentication is enabled in the console.',
		name: 'verifyOffNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { verifySignature: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Forward Other Callbacks To',
				name: 'forwardUrl',
				type: 'string',
				default: '',
				placeholder: 'https://backend.example.com/tencent/callback',
				description:
					"URL that receives every verified callback this trigger does not run (an event not selected, or one the filters skip): same method, query string (Sign included), body and Content-Type. The target's answer goes back to Tencent. Use the app's existing callback handler, or another workflow's trigger URL to chain workflows.",
			},
			{
				displayName: 'Forward Timeout (Ms)',
				name: 'forwardTimeoutMs',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_FORWARD_TIMEOUT_MS,
				description: `How long to wait for the forwarding target. When it fails, is unreachable or takes longer, Tencent is answered OK and a warning is logged. Tencent waits ${BEFORE_CALLBACK_TIMEOUT_MS} ms in all.`,
			},
			{
				displayName: 'Ignore REST API Actions',
				name: 'ignoreRestApiActions',
				type: 'boolean',
				default: false,
				description:
					'Whether to skip callbacks caused by an admin REST API call (OptPlatform RESTAPI), such as this package\'s own Add or Delete Subscribers, so a workflow that changes subscribers itself cannot loop',
			},
			{
				displayName: 'Official Accounts',
				name: 'officialAccounts',
				type: 'string',
				typeOptions: { multipleValues: true },
				default: [],
				placeholder: '@TOA#_my_account',
				description: 'Only callbacks for these official account IDs (Official_Account) start the workflow. Empty: all.',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{ name: 'One Item per Callback', value: 'perCallback' },
					{
						name: 'One Item per Subscriber',
						value: 'perSubscriber',
						description: 'For callbacks with SubscribeAccountList; each item carries one Subscriber_Account',
					},
				],
				default: 'perCallback',
			},
		],
	},
];
