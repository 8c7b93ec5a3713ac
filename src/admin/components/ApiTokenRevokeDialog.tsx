// Asks before a token is revoked: revoking cannot be undone, and whatever program uses the token
// stops reading the log at once. Nothing is sent until the administrator confirms.
import React from 'react';
import { useTranslation } from 'adminjs';
import { Box, Button, Icon, Modal, Text } from '@adminjs/design-system';
import type { ApiTokenRow } from './ApiTokensResponse.js';

// Modal's props do not list `role`; it reaches the dialog's element all the same (as in OneTimeSecretDialog.tsx).
const dialogRole = { role: 'alertdialog' };

export interface ApiTokenRevokeDialogProps {
  resourceId: string;
  token: ApiTokenRow;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

const ApiTokenRevokeDialog: React.FC<ApiTokenRevokeDialogProps> = ({ resourceId, token, busy, onConfirm, onCancel }) => {
  const { translateButton, translateMessage } = useTranslation();
  const title = translateMessage('apiTokenRevokeTitle', resourceId, { name: token.name });
  return (
    <Modal {...dialogRole} aria-modal="true" aria-label={title} data-testid="api-token-revoke-dialog" variant="danger" icon="AlertTriangle" title={title} onClose={onCancel}>
      <Text mt="lg">{translateMessage('apiTokenRevokePrompt', resourceId, { hint: token.hint })}</Text>
      <Box flex flexDirection="row" justifyContent="flex-end" mt="xl" style={{ gap: 16 }}>
        <Button type="button" variant="light" onClick={onCancel} disabled={busy} data-testid="api-token-revoke-cancel">
          {translateButton('cancel', resourceId)}
        </Button>
        <Button type="button" variant="contained" color="danger" onClick={onConfirm} disabled={busy} data-testid="api-token-revoke-confirm">
          {busy ? <Icon icon="Loader" spin /> : <Icon icon="XCircle" />}
          {translateButton('confirmRevokeApiToken', resourceId)}
        </Button>
      </Box>
    </Modal>
  );
};

export default ApiTokenRevokeDialog;
