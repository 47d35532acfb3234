import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { perItemOptionsDescription } from '../../engine/options';
import { listEntries } from '../../engine/pages';
import { ItemFailure, runPerItem, type PerItemOperation } from '../../engine/perItem';
import { checkOfficialAccountId, checkUserId, type Checked } from '../../helpers/identifiers';
import {
	ACCOUNT_FIELD,
	COMMANDS,
	GET_ACCOUNT_INFO,
	OFFICIAL_ACCOUNT_ID,
	RESERVED_CUSTOM_ID_PREFIX,
	type TencentReplyEnvelope,
} from '../../tencent/contract';
import { mayHaveBeenApplied, TencentCallError, type TencentClient } from '../../transport';
import { ACCOUNT_NAME_FIX, accountFieldOptions, checkAccountName, readAccountFieldsParameter } from '../shared/accountFields';
import { readChecked } from '../../engine/readChecked';

interface CreateRequest {
	owner: string;
	name: string;
	customId?: string;
	body: IDataObject;
	/** The optional fields as the output names them. */
	fields: IDataObject;
}

const ADDITIONAL_FIELDS = 'Additional Fields';

/** Tencent's "official account ID already in use". */
const ID_TAKEN = 130008;

/** Empty means "let Tencent Chat assign an ID"; otherwise the documented custom ID rules. */
function checkCustomId(raw: unknown): Checked<string | undefined> {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: undefined };
	const checked = checkOfficialAccountId(raw);
	if (!checked.ok) return { ok: false, reason: `Custom ID: ${checked.reason}` };
	if (checked.value.startsWith(RESERVED_CUSTOM_ID_PREFIX)) {
		return { ok: false, reason: `Custom ID "${checked.value}" starts with ${RESERVED_CUSTOM_ID_PREFIX}, which Tencent Chat keeps for the IDs it assigns` };
	}
	if (checked.value === OFFICIAL_ACCOUNT_ID.prefix) return { ok: false, reason: `Custom ID needs characters after ${OFFICIAL_ACCOUNT_ID.prefix}` };
	return checked;
}

/**
 * A retry answered "ID taken" (130008) after an attempt whose reply was lost (reset, timeout): was it our own
 * lost attempt that took it? It was if the account now has this item's Owner and Name. Without a Custom ID
 * this cannot be told, so such a run may create a second account; hence the advice to give Custom IDs.
 */
async function createdByLostAttempt(client: TencentClient, request: CreateRequest, error: unknown): Promise<boolean> {
	if (!(error instanceof TencentCallError) || error.attempts < 2 || request.customId === undefined) return false;
	if (error.failure.kind !== 'api' || error.failure.code !== ID_TAKEN) return false;
	const reply = await client
		.call<TencentReplyEnvelope>(COMMANDS.getOfficialAccountInfo, {
			[GET_ACCOUNT_INFO.idList]: [{ [GET_ACCOUNT_INFO.resultAccount]: request.customId }],
			[GET_ACCOUNT_INFO.responseFilter]: { [GET_ACCOUNT_INFO.baseInfoFilter]: [ACCOUNT_FIELD.owner, ACCOUNT_FIELD.name] },
		})
		.catch(() => undefined);
	const entry = reply ? listEntries(reply, GET_ACCOUNT_INFO.resultList)[0] : undefined;
	return entry?.[ACCOUNT_FIELD.owner] === request.owner && entry?.[ACCOUNT_FIELD.name] === request.name;
}

/** Official Account → Create: `create_official_account`, one call per item. */
const operation: PerItemOperation<CreateRequest> = {
	action: 'create the official account',
	read: (reader, itemIndex) => {
		const owner = readChecked(reader, itemIndex, {
			parameter: 'owner',
			label: 'Owner',
			check: (raw) => checkUserId(raw, 'Owner'),
			fix: 'Set Owner to the UserID of a user of this app (printable ASCII, at most 32 bytes); import a new one first with User → Import.',
		});
		if (!owner.ok) return owner;
		const name = readChecked(reader, itemIndex, { parameter: 'name', label: 'Name', check: (raw) => checkAccountName(raw), fix: ACCOUNT_NAME_FIX });
		if (!name.ok) return name;
		const customId = readChecked(reader, itemIndex, {
			parameter: 'customId',
			label: 'Custom ID',
			check: checkCustomId,
			fix: `Use a Custom ID such as @TOA#_news (printable ASCII, at most 48 bytes, not starting with ${RESERVED_CUSTOM_ID_PREFIX}), or leave it empty.`,
		});
		if (!customId.ok) return customId;
		const fields = readAccountFieldsParameter(reader, itemIndex, 'additionalFields', ADDITIONAL_FIELDS);
		if (!fields.ok) return fields;
		const body: IDataObject = { [ACCOUNT_FIELD.owner]: owner.value, [ACCOUNT_FIELD.name]: name.value, ...fields.body };
		if (customId.value !== undefined) body[ACCOUNT_FIELD.createdId] = customId.value;
		return { ok: true, request: { owner: owner.value, name: name.value, customId: customId.value, body, fields: fields.output } };
	},
	identify: (request) => ({ name: request.name, ...(request.customId ? { customId: request.customId } : {}) }),
	run: async (client, request) => {
		// Without a Custom ID every attempt makes a new account, so a lost reply is not retried (see README).
		const sent = await client.call<TencentReplyEnvelope>(COMMANDS.createOfficialAccount, request.body, { idempotent: request.customId !== undefined }).then(
			(reply) => ({ reply, thrown: undefined }),
			(thrown: unknown) => ({ reply: undefined, thrown }),
		);
		if (sent.thrown instanceof TencentCallError && request.customId === undefined && mayHaveBeenApplied(sent.thrown.failure)) {
			return new ItemFailure(
				`Could not tell whether the official account "${request.name}" was created: ${sent.thrown.reason}`,
				'Tencent Chat may have created it although no reply came back; it was not retried, so that no second account is made. Look it up in the Tencent Chat console (or list the accounts of the owner) before running this item again, and give a Custom ID to make Create safe to retry.',
				sent.thrown,
			);
		}
		let reply = sent.reply;
		if (!reply) {
			if (!(await createdByLostAttempt(client, request, sent.thrown))) throw sent.thrown;
			reply = { [ACCOUNT_FIELD.createdId]: request.customId } as TencentReplyEnvelope;
		}
		const assigned = reply[ACCOUNT_FIELD.createdId];
		const officialAccount = typeof assigned === 'string' && assigned !== '' ? assigned : request.customId;
		if (officialAccount === undefined) {
			return new ItemFailure(
				"Tencent Chat reported the account as created, but its reply carried no OfficialAccountUserID, so the new account's ID is unknown",
				'Look the account up by its Name in the Tencent Chat console; give a Custom ID next time to know the ID in advance.',
			);
		}
		return { officialAccount, owner: request.owner, name: request.name, ...request.fields };
	},
};

const properties: INodeProperties[] = [
	{
		displayName: 'Owner',
		name: 'owner',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. admin001',
		description: 'UserID of the user who owns the account; it must already be a user of this app (import it first with User → Import)',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Store News',
		description: 'Display name of the account (at most 150 bytes in UTF-8; a Chinese character counts as 3)',
	},
	{
		displayName: 'Custom ID',
		name: 'customId',
		type: 'string',
		default: '',
		placeholder: 'e.g. @TOA#_news',
		description: `Your own ID for the account, starting with @TOA#_ (not ${RESERVED_CUSTOM_ID_PREFIX}), at most 48 bytes. Leave empty to let Tencent Chat assign one.`,
	},
	{
		displayName: ADDITIONAL_FIELDS,
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: accountFieldOptions(['name']),
	},
	perItemOptionsDescription,
];

export const description = updateDisplayOptions({ show: { resource: ['officialAccount'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, operation);
}
