// Where each chain's head is: the global chain's in audit_chain_head (one row), an account's in
// its row of audit_account_chains (made by the account's first entry; migration 1764000000800).

export interface ChainHead {
  anchorSeq: string;
  anchorPrevHash: string;
  lastSeq: string;
  lastHash: string;
}

const HEAD_COLUMNS = `anchor_seq::text AS "anchorSeq", anchor_prev_hash AS "anchorPrevHash", last_seq::text AS "lastSeq", last_hash AS "lastHash"`;

/** The query (and its parameters) reading the head of `account`'s chain, or of the global chain for null. */
export function chainHeadQuery(account: string | null): [sql: string, params: string[]] {
  return account === null
    ? [`SELECT ${HEAD_COLUMNS} FROM audit_chain_head WHERE id = 1`, []]
    : [`SELECT ${HEAD_COLUMNS} FROM audit_account_chains WHERE account_id = $1`, [account]];
}

/** Every account that has a chain, in order. */
export const ACCOUNT_CHAINS_SQL = `SELECT account_id::text AS account FROM audit_account_chains ORDER BY account_id`;
