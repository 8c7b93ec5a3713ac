// Export page reached from the Audit Logs list: downloads the entries matching the list's current
// filters (carried in the query string) as CSV or JSON Lines. The server streams the file.
import React from 'react';
import { ApiClient, useTranslation, type ActionProps } from 'adminjs';
import { Box, Button, H3, Icon, Text } from '@adminjs/design-system';
import { usableLocale } from './time-format.js';
import { useTimeWords } from './use-time-words.js';

/** What the export action's handler answers (see audit-log-options.ts). */
interface ExportInfo {
  exportPath: string;
  maxRows: number;
}

/** The list's filters (and sort) from the current query string, for the export URL. */
function listQuery(search: string): URLSearchParams {
  const source = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const [key, value] of source) if (key.startsWith('filters.') || key === 'sortBy' || key === 'direction') kept.append(key, value);
  return kept;
}

const AuditLogExport: React.FC<ActionProps> = (props) => {
  const { translateComponent } = useTranslation();
  const { locale } = useTimeWords();
  const [info, setInfo] = React.useState<ExportInfo | null>(null);
  React.useEffect(() => {
    // The handler's answer tells where the export route is mounted and its row limit.
    new ApiClient()
      .resourceAction({ resourceId: props.resource.id, actionName: props.action.name })
      .then((response) => setInfo(response.data as ExportInfo))
      .catch(() => setInfo(null));
  }, [props.resource.id, props.action.name]);

  const query = listQuery(window.location.search);
  const filters = [...query.entries()].filter(([key]) => key.startsWith('filters.'));
  const href = (format: string) => {
    const params = new URLSearchParams(query);
    params.set('format', format);
    return `${info?.exportPath ?? ''}?${params.toString()}`;
  };
  return (
    <Box p="xl" data-testid="audit-export">
      <H3>{translateComponent('AuditLog.exportTitle')}</H3>
      <Text mb="lg">
        {filters.length === 0 ? translateComponent('AuditLog.exportAll') : translateComponent('AuditLog.exportFiltered')}
      </Text>
      {filters.length > 0 && (
        <Box as="ul" mb="lg" data-testid="export-filters">
          {filters.map(([key, value]) => (
            <li key={key}><code>{key.replace(/^filters\./, '')}</code> = {value}</li>
          ))}
        </Box>
      )}
      {info && (
        <Box flex flexDirection="row" style={{ gap: 12 }} mb="lg">
          <Button as="a" href={href('csv')} variant="contained" data-testid="export-csv" download>
            <Icon icon="Download" /> {translateComponent('AuditLog.exportCsv')}
          </Button>
          <Button as="a" href={href('jsonl')} variant="outlined" data-testid="export-jsonl" download>
            <Icon icon="Download" /> {translateComponent('AuditLog.exportJsonLines')}
          </Button>
        </Box>
      )}
      <Text color="grey60" mb="default">
        {translateComponent('AuditLog.exportFileFormat')}
        {info ? ` ${translateComponent('AuditLog.exportRowLimit', { maxRows: info.maxRows.toLocaleString(usableLocale(locale)) })}` : ''}
        {` ${translateComponent('AuditLog.exportRecorded')}`}
      </Text>
    </Box>
  );
};

export default AuditLogExport;
