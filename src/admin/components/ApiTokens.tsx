// My profile → API tokens (api-tokens-action.ts): the administrator's tokens, the form that makes
// one, and Revoke buttons. The page loads its list from the action (GET, which changes nothing);
// making and revoking are POSTs, each answering with the fresh list and a notice. A new token is
// shown once, in OneTimeSecretDialog, which stays until dismissed; the page never gets it again.
import React from 'react';
import { ApiClient, useNotice, useTranslation, type ActionProps } from 'adminjs';
import { Box, H4, Loader, MessageBox, Text } from '@adminjs/design-system';
import ApiTokenForm from './ApiTokenForm.js';
import ApiTokenList from './ApiTokenList.js';
import ApiTokenRevokeDialog from './ApiTokenRevokeDialog.js';
import { apiTokensPageOf, type ApiTokenLifetime, type ApiTokenRow, type ApiTokensPage } from './ApiTokensResponse.js';
import OneTimeSecretDialog from './OneTimeSecretDialog.js';
import { oneTimeSecretOf, type OneTimeSecret } from './OneTimeSecretResponse.js';

const api = new ApiClient();

type Change = { operation: 'create'; name: string; lifetime: ApiTokenLifetime } | { operation: 'revoke'; tokenId: string };

const ApiTokens: React.FC<ActionProps> = ({ action, resource, record }) => {
  const { translateMessage } = useTranslation();
  const addNotice = useNotice();
  const [page, setPage] = React.useState<ApiTokensPage | null>(null);
  const [loadFailed, setLoadFailed] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [revealed, setRevealed] = React.useState<OneTimeSecret | null>(null);
  const [confirming, setConfirming] = React.useState<ApiTokenRow | null>(null);
  const recordId = String(record?.id ?? '');
  const call = React.useCallback(
    (data?: Change) => api.recordAction({ resourceId: resource.id, recordId, actionName: action.name, ...(data ? { data } : {}) }),
    [resource.id, recordId, action.name],
  );

  React.useEffect(() => {
    // The view loaded the record, not the list: the list travels beside the record (api-tokens-action.ts).
    let current = true;
    call()
      .then(({ data }) => {
        if (!current) return;
        const loaded = apiTokensPageOf(data);
        if (loaded) setPage(loaded);
        else setLoadFailed(true);
      })
      .catch(() => current && setLoadFailed(true));
    return () => {
      current = false;
    };
  }, [call]);

  /** Sends one change; true when it was made. A refusal is told in its notice, in the reader's language. */
  const send = async (change: Change): Promise<boolean> => {
    setBusy(true);
    try {
      const { data } = await call(change);
      if (data.notice) addNotice(data.notice);
      const fresh = apiTokensPageOf(data);
      if (fresh) setPage(fresh);
      const secret = oneTimeSecretOf(data);
      if (secret) setRevealed(secret);
      return Boolean(fresh) && data.notice?.type !== 'error';
    } catch {
      addNotice({ message: 'oneTimeSecretActionFailed', resourceId: resource.id, type: 'error' });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const revoke = async () => {
    if (!confirming) return;
    await send({ operation: 'revoke', tokenId: confirming.id });
    setConfirming(null);
  };

  if (!record) return null;
  return (
    <Box variant="container" data-testid="api-tokens">
      <Text mb="xl">{translateMessage('apiTokensIntro', resource.id)}</Text>
      {loadFailed ? <MessageBox mb="xl" variant="danger" message={translateMessage('apiTokensNotLoaded', resource.id)} /> : null}
      {page ? (
        <>
          <ApiTokenForm
            resourceId={resource.id}
            maxNameLength={page.maxNameLength}
            busy={busy}
            onCreate={(name, lifetime) => send({ operation: 'create', name, lifetime })}
          />
          <H4>{translateMessage('apiTokensHeading', resource.id)}</H4>
          <ApiTokenList resourceId={resource.id} tokens={page.tokens} busy={busy} onRevoke={setConfirming} />
        </>
      ) : loadFailed ? null : (
        <Loader />
      )}
      {confirming ? (
        <ApiTokenRevokeDialog resourceId={resource.id} token={confirming} busy={busy} onConfirm={() => void revoke()} onCancel={() => setConfirming(null)} />
      ) : null}
      {revealed ? <OneTimeSecretDialog secret={revealed} resourceId={resource.id} onDismiss={() => setRevealed(null)} /> : null}
    </Box>
  );
};

export default ApiTokens;
