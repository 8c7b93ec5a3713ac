// My profile → Language: one button per language the panel speaks, the current one marked. A
// choice is saved (an audited change of the user) and the page is loaded again, since AdminJS
// renders its texts in the language the server gives the page.
import React, { useState } from 'react';
import { Box, Button, MessageBox, Text } from '@adminjs/design-system';
import { ApiClient, useTranslation, type ActionProps } from 'adminjs';

type LanguageOption = { value: string; label: string; current: boolean };

const api = new ApiClient();

const LanguageChoice: React.FC<ActionProps> = ({ record, resource, action }) => {
  const { translateMessage } = useTranslation();
  const [failed, setFailed] = useState(false);
  const [saving, setSaving] = useState<string | null>(null);
  const options = ((record?.params.languageOptions as unknown) ?? []) as LanguageOption[];
  // The record's params arrive flattened: languageOptions.0.value, …
  const flatOptions = options.length > 0 ? options : readFlat(record?.params ?? {});

  const choose = async (value: string) => {
    setSaving(value);
    setFailed(false);
    try {
      const response = await api.recordAction({ resourceId: resource.id, recordId: String(record?.id), actionName: action.name, data: { locale: value } });
      const redirectUrl = (response.data as { redirectUrl?: string }).redirectUrl;
      // A full load, not the panel's in-page navigation: the page's texts come in the new language.
      window.location.assign(redirectUrl ?? window.location.href);
    } catch {
      // The request failed (network, server): say so; nothing was changed by this page.
      setFailed(true);
      setSaving(null);
    }
  };

  return (
    <Box variant="container" data-testid="language-choice">
      <Text mb="lg">{translateMessage('chooseLanguageHelp', resource.id)}</Text>
      {failed ? <MessageBox mb="lg" variant="danger" message={translateMessage('languageNotSaved', resource.id)} /> : null}
      <Box flex flexDirection="row" style={{ flexWrap: 'wrap', gap: 8 }}>
        {flatOptions.map((option) => (
          <Button
            key={option.value}
            lang={option.value}
            variant={option.current ? 'contained' : 'outlined'}
            aria-pressed={option.current}
            disabled={saving !== null}
            onClick={() => void choose(option.value)}
            data-language={option.value}
          >
            {option.label}
          </Button>
        ))}
      </Box>
    </Box>
  );
};

function readFlat(params: Record<string, unknown>): LanguageOption[] {
  const options: LanguageOption[] = [];
  for (let index = 0; params[`languageOptions.${index}.value`] !== undefined; index += 1) {
    options.push({
      value: String(params[`languageOptions.${index}.value`]),
      label: String(params[`languageOptions.${index}.label`]),
      current: params[`languageOptions.${index}.current`] === true || params[`languageOptions.${index}.current`] === 'true',
    });
  }
  return options;
}

export default LanguageChoice;
