// The page of a record action that makes a new one-time secret (Users: "Resend invitation").
// The panel loads a record action's page with GET, so opening it changes nothing: it says what
// the action will do, and its button runs the action (POST). The secret the action answers with
// is shown in OneTimeSecretDialog; dismissing the dialog goes on to where the action redirects.
// Texts, in the resource's translations: messages.<action>Prompt (which may name the record's
// fields as {{record.<field>}}) and buttons.<action> (the button that runs it).
import React from 'react';
import { ApiClient, useNotice, useTranslation, ViewHelpers, type ActionProps } from 'adminjs';
import { Box, Button, Icon, Text } from '@adminjs/design-system';
import OneTimeSecretDialog from './OneTimeSecretDialog.js';
import { oneTimeSecretOf, type OneTimeSecret } from './OneTimeSecretResponse.js';

const api = new ApiClient();
// ViewHelpers knows the panel's rootPath in the browser.
const h = new ViewHelpers();
// A page load rather than the router's navigation: the router is AdminJS's, not a dependency of ours.
const goTo = (url: string) => window.location.assign(url);

const OneTimeSecretAction: React.FC<ActionProps> = ({ action, resource, record }) => {
  const { translateButton, translateMessage } = useTranslation();
  const addNotice = useNotice();
  const [running, setRunning] = React.useState(false);
  const [revealed, setRevealed] = React.useState<{ secret: OneTimeSecret; next: string } | null>(null);
  if (!record) return null;
  const showUrl = h.recordActionUrl({ resourceId: resource.id, recordId: record.id, actionName: 'show' });

  const run = async () => {
    setRunning(true);
    try {
      const { data } = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, method: 'post' });
      if (data.notice) addNotice(data.notice);
      const secret = oneTimeSecretOf(data);
      if (secret) return setRevealed({ secret, next: data.redirectUrl ?? showUrl });
      // A refusal (the invitee joined meanwhile…): stay, so its notice can be read.
      if (data.notice?.type === 'error') return setRunning(false);
      goTo(data.redirectUrl ?? showUrl);
    } catch {
      addNotice({ message: 'oneTimeSecretActionFailed', resourceId: resource.id, type: 'error' });
      setRunning(false);
    }
  };

  return (
    <Box variant="container" data-testid="one-time-secret-action">
      <Text mb="xl">{translateMessage(`${action.name}Prompt`, resource.id, { record: record.params })}</Text>
      <Box flex flexDirection="row" style={{ gap: 16 }}>
        <Button type="button" variant="light" onClick={() => goTo(showUrl)} disabled={running} data-testid="button-cancel">
          {translateButton('cancel', resource.id)}
        </Button>
        <Button type="button" variant="contained" onClick={run} disabled={running} data-testid="one-time-secret-run">
          {running && !revealed ? <Icon icon="Loader" spin /> : <Icon icon={action.icon ?? 'Key'} />}
          {translateButton(action.name, resource.id)}
        </Button>
      </Box>
      {revealed ? <OneTimeSecretDialog secret={revealed.secret} resourceId={resource.id} onDismiss={() => goTo(revealed.next)} /> : null}
    </Box>
  );
};

export default OneTimeSecretAction;
