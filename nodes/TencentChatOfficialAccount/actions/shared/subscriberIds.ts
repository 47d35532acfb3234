import type { INodeProperties } from 'n8n-workflow';

import type { BulkTarget } from '../../engine/bulk/types';
import type { IdListSource } from '../../engine/idListSource';
import { checkOfficialAccountId, checkSubscriberId, checkUserId } from '../../helpers/identifiers';
import type { CheckedParameter } from '../../engine/readChecked';

export const OFFICIAL_ACCOUNT_FIX =
	'Set Official Account ID to the ID Tencent Chat gave the account, e.g. @TOA#_news (printable ASCII, at most 48 bytes).';

/** The account an operation acts on; one per item, expressions allowed. */
export const OFFICIAL_ACCOUNT_TARGET: BulkTarget = {
	parameter: 'officialAccount',
	label: 'Official Account ID',
	check: checkOfficialAccountId,
	fix: OFFICIAL_ACCOUNT_FIX,
};

export function officialAccountProperty(description: string): INodeProperties {
	return {
		displayName: 'Official Account ID',
		name: 'officialAccount',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. @TOA#_news',
		description,
	};
}

/** Subscriber IDs as Add and Delete take them: a list below, or a field of each item. */
export const SUBSCRIBER_IDS: IdListSource = {
	label: 'Subscriber IDs',
	check: checkSubscriberId,
	fromParameter: 'subscriberIdsFrom',
	listParameter: 'subscriberIds',
	fieldParameter: 'subscriberIdField',
	fromLabel: 'Subscriber IDs From',
	fieldLabel: 'Subscriber ID Field',
	listPlaceholder: 'e.g. user001, user002 or {{ $json.userIds }}',
	listDescription:
		'UserIDs: one ID, a list separated by commas, semicolons, spaces or new lines, or an expression returning a list of IDs',
	fieldPlaceholder: 'e.g. userId or contact.imUserId',
	fieldDescription:
		'The input field that holds the UserID (or a list of UserIDs) of each item; drag it in from the input panel. Nested fields use dots.',
	fix: 'Give Subscriber IDs as one ID, a list separated by commas or new lines, or a list, e.g. {{ $json.userIds }}. Each ID is printable ASCII, at most 32 bytes.',
};

/** One subscriber's UserID, as Update takes it: one per item, expressions allowed. */
export const SUBSCRIBER_ID: CheckedParameter<string> = {
	parameter: 'subscriberId',
	label: 'Subscriber ID',
	check: (raw) => checkUserId(raw, 'Subscriber ID'),
	fix: 'Set Subscriber ID to the UserID of a user who subscribes to the account, e.g. user001 or {{ $json.userId }} (printable ASCII, at most 32 bytes).',
};

export function subscriberIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Subscriber ID',
		name: SUBSCRIBER_ID.parameter,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user001',
		description,
	};
}
