/**
 * Tencent gives times as Unix seconds. Outputs carry the raw number (for exact comparisons) and an ISO date
 * (for people and spreadsheets); 0 means "never" and has no date.
 */
export function unixSecondsToIso(seconds: unknown): string | null {
	const value = Number(seconds);
	if (!Number.isFinite(value) || value <= 0) return null;
	return new Date(value * 1000).toISOString();
}
