// The dialog of a one-time secret. It has no timer and does not close on a click beside it or on
// Escape: losing the secret means making a new one, so only the explicit button dismisses it. It
// says the secret is shown only once and what it is for, and copies it to the clipboard.
import React from 'react';
import { useTranslation } from 'adminjs';
import { Box, Button, Icon, Input, Modal, Text } from '@adminjs/design-system';
import type { OneTimeSecret } from './OneTimeSecretResponse.js';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies `field`'s text: the Clipboard API where the page may use it, the selection otherwise. */
async function copyFrom(field: HTMLInputElement): Promise<boolean> {
  try {
    // Undefined outside a secure context (a panel served over plain http on a network address).
    await navigator.clipboard.writeText(field.value);
    return true;
  } catch {
    field.focus();
    field.select();
    // Deprecated, but the only way to copy where the Clipboard API is missing; false when refused.
    return document.execCommand('copy');
  }
}

// Modal's props do not list `role`; it reaches the dialog's element all the same (ModalInline spreads the rest on it).
const dialogRole = { role: 'dialog' };

export interface OneTimeSecretDialogProps {
  secret: OneTimeSecret;
  /** Resource whose messages hold the dialog's texts. */
  resourceId: string;
  onDismiss: () => void;
}

const OneTimeSecretDialog: React.FC<OneTimeSecretDialogProps> = ({ secret, resourceId, onDismiss }) => {
  const { translateButton, translateMessage } = useTranslation();
  const [copy, setCopy] = React.useState<CopyState>('idle');
  const field = React.useRef<HTMLInputElement>(null);
  const title = translateMessage(secret.titleKey, resourceId, secret.values);

  const copySecret = async () => {
    if (!field.current) return;
    setCopy((await copyFrom(field.current)) ? 'copied' : 'failed');
  };

  return (
    <Modal
      {...dialogRole}
      aria-modal="true"
      aria-label={title}
      data-testid="one-time-secret-dialog"
      variant="primary"
      label={translateMessage('oneTimeSecretShownOnce', resourceId)}
      icon="AlertTriangle"
      title={title}
    >
      <Text mt="lg" data-testid="one-time-secret-explanation">
        {translateMessage(secret.explanationKey, resourceId, secret.values)}
      </Text>
      <Box flex flexDirection="row" alignItems="center" mt="xl" style={{ gap: 8 }}>
        <Input
          ref={field}
          readOnly
          value={secret.value}
          data-testid="one-time-secret-value"
          onFocus={(event: React.FocusEvent<HTMLInputElement>) => event.currentTarget.select()}
          style={{ flexGrow: 1, minWidth: 360, fontFamily: 'monospace' }}
        />
        <Button type="button" variant="outlined" onClick={copySecret} data-testid="one-time-secret-copy" style={{ flexShrink: 0, whiteSpace: 'nowrap' }}>
          <Icon icon={copy === 'copied' ? 'Check' : 'Copy'} />
          {translateButton(copy === 'copied' ? 'oneTimeSecretCopied' : 'copyOneTimeSecret', resourceId)}
        </Button>
      </Box>
      {copy === 'failed' ? (
        <Text mt="default" color="error" data-testid="one-time-secret-copy-failed">
          {translateMessage('oneTimeSecretCopyFailed', resourceId)}
        </Text>
      ) : null}
      <Box flex flexDirection="row" justifyContent="flex-end" mt="xl">
        <Button type="button" variant="contained" onClick={onDismiss} data-testid="one-time-secret-dismiss">
          {translateButton('dismissOneTimeSecret', resourceId)}
        </Button>
      </Box>
    </Modal>
  );
};

export default OneTimeSecretDialog;
