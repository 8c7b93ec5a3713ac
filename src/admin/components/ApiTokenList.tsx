// The administrator's API tokens as a table: name, first characters, dates, state, and a Revoke
// button on each active one. Never the token itself: the page is never given it again.
import React from 'react';
import { useTranslation } from 'adminjs';
import { Badge, Button, Icon, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import type { ApiTokenState } from '@hashtrail/adminjs-audit';
import type { ApiTokenRow } from './ApiTokensResponse.js';

const STATE_LABELS: Record<ApiTokenState, string> = {
  active: 'apiTokenStateActive',
  expired: 'apiTokenStateExpired',
  revoked: 'apiTokenStateRevoked',
};

const STATE_VARIANTS: Record<ApiTokenState, 'success' | 'secondary' | 'danger'> = {
  active: 'success',
  expired: 'secondary',
  revoked: 'danger',
};

export interface ApiTokenListProps {
  resourceId: string;
  tokens: ApiTokenRow[];
  busy: boolean;
  onRevoke: (token: ApiTokenRow) => void;
}

const ApiTokenList: React.FC<ApiTokenListProps> = ({ resourceId, tokens, busy, onRevoke }) => {
  const { translateButton, translateMessage, i18n } = useTranslation();
  // Dates in the reader's language, in their browser's time zone.
  const format = React.useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }), [i18n.language]);
  const date = (iso: string | null, none: string) => (iso ? format.format(new Date(iso)) : translateMessage(none, resourceId));

  if (tokens.length === 0) return <Text data-testid="api-token-list-empty">{translateMessage('apiTokensNone', resourceId)}</Text>;

  const columns = ['apiTokenColumnName', 'apiTokenColumnHint', 'apiTokenColumnCreated', 'apiTokenColumnExpires', 'apiTokenColumnLastUsed', 'apiTokenColumnState'];
  return (
    <Table data-testid="api-token-list">
      <TableHead>
        <TableRow>
          {columns.map((key) => (
            <TableCell key={key}>{translateMessage(key, resourceId)}</TableCell>
          ))}
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {tokens.map((token) => (
          <TableRow key={token.id} data-testid="api-token-row" data-token-id={token.id} data-state={token.state}>
            <TableCell data-testid="api-token-name-cell">{token.name}</TableCell>
            <TableCell data-testid="api-token-hint" style={{ fontFamily: 'monospace' }}>
              {token.hint}
            </TableCell>
            <TableCell>{format.format(new Date(token.createdAt))}</TableCell>
            <TableCell>{date(token.expiresAt, 'apiTokenNeverExpires')}</TableCell>
            <TableCell>{date(token.lastUsedAt, 'apiTokenNotUsedYet')}</TableCell>
            <TableCell>
              <Badge variant={STATE_VARIANTS[token.state]} outline data-testid="api-token-state">
                {translateMessage(STATE_LABELS[token.state], resourceId)}
              </Badge>
            </TableCell>
            <TableCell>
              {token.state === 'active' ? (
                <Button type="button" size="sm" variant="outlined" color="danger" disabled={busy} onClick={() => onRevoke(token)} data-testid="api-token-revoke">
                  <Icon icon="XCircle" />
                  {translateButton('revokeApiToken', resourceId)}
                </Button>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

export default ApiTokenList;
