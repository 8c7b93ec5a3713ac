// Show page of one audit entry, in the order people ask: what happened (the sentence), who, when,
// where from, on what, and what changed (before/after, secrets shown as masked).
import React from 'react';
import { useTranslation, type ActionProps } from 'adminjs';
import { Badge, Box, H3, H4, Link, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import type { ShowDetails } from '../viewer/show-details.js';
import { exactUtc, inTimeZone, relativeTime } from './time-format.js';
import { useTimeWords } from './use-time-words.js';

type Params = Record<string, unknown>;

const text = (value: unknown): string => (value === null || value === undefined || value === '' ? '—' : String(value));

function Value({ value, masked }: { value: unknown; masked: boolean }) {
  const { translateComponent } = useTranslation();
  if (masked) return <Badge variant="secondary" data-testid="masked-value">{translateComponent('AuditLog.maskedValue')}</Badge>;
  if (value === null || value === undefined) return <Text as="span" color="grey60">{translateComponent('AuditLog.emptyValue')}</Text>;
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return <Text as="span" style={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{shown}</Text>;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box flex flexDirection="row" mb="sm">
      <Box width="140px" flexShrink={0}><Text color="grey60">{label}</Text></Box>
      <Box flexGrow={1}>{children}</Box>
    </Box>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <Box variant="container" mb="lg" data-testid={testId}>
      <H4 mb="default">{title}</H4>
      {children}
    </Box>
  );
}

const AuditLogShow: React.FC<ActionProps> = ({ record }) => {
  const { translateComponent } = useTranslation();
  const words = useTimeWords();
  if (!record) return null;
  const params = record.params as Params;
  const viewer = params.viewer as ShowDetails | undefined;
  const occurredAt = String(params.occurredAt ?? '');
  const timeZone = viewer?.timeZone ?? 'UTC';
  return (
    <Box data-testid="audit-entry">
      <Box variant="container" mb="lg">
        <Text color="grey60" mb="sm">{text(params.category)} · <code>{text(params.action)}</code></Text>
        <H3 data-testid="audit-sentence">{text(params.sentence)}</H3>
      </Box>

      <Box flex flexDirection="row" flexWrap="wrap" style={{ gap: 16 }}>
        <Box flexGrow={1} flexBasis="320px">
          <Section title={translateComponent('AuditLog.whoHeading')} testId="audit-who">
            <Fact label={translateComponent('AuditLog.actorName')}>{viewer?.actorUrl ? <Link href={viewer.actorUrl}>{text(params.actorName)}</Link> : text(params.actorName)}</Fact>
            <Fact label={translateComponent('AuditLog.actorEmail')}>{text(params.actorEmail)}</Fact>
            <Fact label={translateComponent('AuditLog.actorRole')}>{text(params.actorRole)}</Fact>
            {viewer?.links.actorThatDay && (
              <Link href={viewer.links.actorThatDay} data-testid="link-actor-day">{translateComponent('AuditLog.actorThatDay')}</Link>
            )}
          </Section>
          <Section title={translateComponent('AuditLog.whenHeading')} testId="audit-when">
            <Fact label={timeZone}>{occurredAt ? inTimeZone(occurredAt, timeZone, words.locale) : '—'}</Fact>
            <Fact label={translateComponent('AuditLog.exactUtc')}><code data-testid="audit-utc">{occurredAt ? exactUtc(occurredAt) : '—'}</code></Fact>
            <Fact label="">{occurredAt ? relativeTime(occurredAt, words) : ''}</Fact>
          </Section>
        </Box>
        <Box flexGrow={1} flexBasis="320px">
          <Section title={translateComponent('AuditLog.whereHeading')} testId="audit-where">
            <Fact label={translateComponent('AuditLog.ip')}><span data-testid="audit-ip">{text(params.ip)}</span></Fact>
            <Fact label={translateComponent('AuditLog.userAgent')}><Text as="span" style={{ wordBreak: 'break-word' }}>{text(params.userAgent)}</Text></Fact>
            <Fact label={translateComponent('AuditLog.requestId')}><code>{text(params.requestId)}</code></Fact>
            <Box flex flexDirection="column" style={{ gap: 4 }}>
              {viewer?.links.sameIp && <Link href={viewer.links.sameIp} data-testid="link-same-ip">{translateComponent('AuditLog.sameIp')}</Link>}
              {viewer?.links.sameRequest && <Link href={viewer.links.sameRequest}>{translateComponent('AuditLog.sameRequest')}</Link>}
            </Box>
          </Section>
          <Section title={translateComponent('AuditLog.whatHeading')} testId="audit-what">
            <Fact label={translateComponent('AuditLog.target')}>
              {viewer?.targetUrl
                ? <Link href={viewer.targetUrl} data-testid="link-target">{text(params.targetLabel)}</Link>
                : <span>{text(params.targetLabel)}{params.targetId ? <Text as="span" color="grey60"> {translateComponent('AuditLog.targetGone')}</Text> : null}</span>}
            </Fact>
            <Fact label={translateComponent('AuditLog.targetTypeAndId')}>
              {translateComponent('AuditLog.targetReference', { type: text(params.targetType), id: text(params.targetId) })}
            </Fact>
          </Section>
        </Box>
      </Box>

      <Section title={translateComponent('AuditLog.changesHeading')} testId="audit-changes">
        {viewer && viewer.changes.length > 0 ? (
          <Table>
            <TableHead>
              <TableRow>
                <TableCell>{translateComponent('AuditLog.changeField')}</TableCell>
                <TableCell>{translateComponent('AuditLog.changeBefore')}</TableCell>
                <TableCell>{translateComponent('AuditLog.changeAfter')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {viewer.changes.map((change) => (
                <TableRow key={change.field} data-testid={`change-${change.field}`}>
                  <TableCell><code>{change.field}</code></TableCell>
                  <TableCell><Value value={change.from} masked={change.masked} /></TableCell>
                  <TableCell><Value value={change.to} masked={change.masked} /></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <Text color="grey60">{translateComponent('AuditLog.noChanges')}</Text>
        )}
        {viewer?.details && (
          <Box mt="lg">
            <Text color="grey60" mb="sm">{translateComponent('AuditLog.details')}</Text>
            <Value value={viewer.details} masked={false} />
          </Box>
        )}
      </Section>
    </Box>
  );
};

export default AuditLogShow;
