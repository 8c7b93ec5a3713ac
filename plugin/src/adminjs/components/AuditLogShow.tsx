// Show page of one audit entry, in the order people ask: what happened (the sentence), who, when,
// where from, on what, and what changed (before/after, secrets shown as masked).
import React from 'react';
import type { ActionProps } from 'adminjs';
import { Badge, Box, H3, H4, Link, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import type { ShowDetails } from '../viewer/show-details.js';
import { exactUtc, inTimeZone, relativeTime } from './time-format.js';

type Params = Record<string, unknown>;

const text = (value: unknown): string => (value === null || value === undefined || value === '' ? '—' : String(value));

function Value({ value, masked }: { value: unknown; masked: boolean }) {
  if (masked) return <Badge variant="secondary" data-testid="masked-value">masked</Badge>;
  if (value === null || value === undefined) return <Text as="span" color="grey60">(empty)</Text>;
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
          <Section title="Who" testId="audit-who">
            <Fact label="Name">{viewer?.actorUrl ? <Link href={viewer.actorUrl}>{text(params.actorName)}</Link> : text(params.actorName)}</Fact>
            <Fact label="Email">{text(params.actorEmail)}</Fact>
            <Fact label="Role at the time">{text(params.actorRole)}</Fact>
            {viewer?.links.actorThatDay && (
              <Link href={viewer.links.actorThatDay} data-testid="link-actor-day">Everything this actor did that day →</Link>
            )}
          </Section>
          <Section title="When" testId="audit-when">
            <Fact label={timeZone}>{occurredAt ? inTimeZone(occurredAt, timeZone) : '—'}</Fact>
            <Fact label="Exact (UTC)"><code data-testid="audit-utc">{occurredAt ? exactUtc(occurredAt) : '—'}</code></Fact>
            <Fact label="">{occurredAt ? relativeTime(occurredAt) : ''}</Fact>
          </Section>
        </Box>
        <Box flexGrow={1} flexBasis="320px">
          <Section title="Where" testId="audit-where">
            <Fact label="IP address"><span data-testid="audit-ip">{text(params.ip)}</span></Fact>
            <Fact label="User agent"><Text as="span" style={{ wordBreak: 'break-word' }}>{text(params.userAgent)}</Text></Fact>
            <Fact label="Request id"><code>{text(params.requestId)}</code></Fact>
            <Box flex flexDirection="column" style={{ gap: 4 }}>
              {viewer?.links.sameIp && <Link href={viewer.links.sameIp} data-testid="link-same-ip">Everything from this IP →</Link>}
              {viewer?.links.sameRequest && <Link href={viewer.links.sameRequest}>Everything in this request →</Link>}
            </Box>
          </Section>
          <Section title="What" testId="audit-what">
            <Fact label="Target">
              {viewer?.targetUrl
                ? <Link href={viewer.targetUrl} data-testid="link-target">{text(params.targetLabel)}</Link>
                : <span>{text(params.targetLabel)}{params.targetId ? <Text as="span" color="grey60"> (no longer exists)</Text> : null}</span>}
            </Fact>
            <Fact label="Type and id">{text(params.targetType)} #{text(params.targetId)}</Fact>
          </Section>
        </Box>
      </Box>

      <Section title="Changes" testId="audit-changes">
        {viewer && viewer.changes.length > 0 ? (
          <Table>
            <TableHead>
              <TableRow>
                <TableCell>Field</TableCell>
                <TableCell>Before</TableCell>
                <TableCell>After</TableCell>
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
          <Text color="grey60">No field changes are recorded for this activity.</Text>
        )}
        {viewer?.details && (
          <Box mt="lg">
            <Text color="grey60" mb="sm">Details</Text>
            <Value value={viewer.details} masked={false} />
          </Box>
        )}
      </Section>
    </Box>
  );
};

export default AuditLogShow;
