// MessageHub's dashboard: the audit numbers an administrator checks first. Agents see a greeting
// (the log is for administrators only; the handler does not send them the numbers).
import React from 'react';
import { ApiClient, ViewHelpers } from 'adminjs';
import { Box, H2, H4, Link, Loader, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import type { DashboardResponse } from '../audit-log-viewer.js';

// ViewHelpers knows the panel's rootPath in the browser.
const h = new ViewHelpers();
const logUrl = (search = '') => `${h.resourceUrl({ resourceId: 'AuditLog' })}${search}`;
const entryUrl = (id: string) => h.recordActionUrl({ resourceId: 'AuditLog', recordId: id, actionName: 'show' });

function ago(iso: string): string {
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  if (seconds < 3600) return format.format(-Math.round(seconds / 60), 'minute');
  if (seconds < 86400) return format.format(-Math.round(seconds / 3600), 'hour');
  return format.format(-Math.round(seconds / 86400), 'day');
}

function Card({ title, testId, children, wide }: { title: string; testId: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <Box variant="container" data-testid={testId} flexGrow={1} flexBasis={wide ? '100%' : '420px'} style={{ minWidth: 0 }}>
      <H4 mb="default">{title}</H4>
      {children}
    </Box>
  );
}

/** Entries per day as SVG bars: no chart library to bundle, readable at a glance, exact on hover. */
function PerDayChart({ points }: { points: Array<{ day: string; count: number }> }) {
  const max = Math.max(1, ...points.map((point) => point.count));
  const width = 720;
  const height = 160;
  const bar = width / points.length;
  return (
    <svg viewBox={`0 0 ${width} ${height + 20}`} width="100%" role="img" aria-label="Audit entries per day, last 30 days" data-testid="per-day-chart">
      {points.map((point, index) => {
        const barHeight = Math.round((point.count / max) * height);
        return (
          <g key={point.day}>
            <title>{`${point.day}: ${point.count} entries`}</title>
            <rect x={index * bar + 2} y={height - barHeight} width={bar - 4} height={Math.max(barHeight, point.count > 0 ? 2 : 0)} fill="#3040D6" rx="2" />
            {index % 5 === 0 || index === points.length - 1 ? (
              <text x={index * bar + bar / 2} y={height + 14} fontSize="10" textAnchor="middle" fill="#898A9A">{point.day.slice(5)}</text>
            ) : null}
          </g>
        );
      })}
      <text x={0} y={10} fontSize="10" fill="#898A9A">{`busiest day: ${max}`}</text>
    </svg>
  );
}

const Dashboard: React.FC = () => {
  const [response, setResponse] = React.useState<DashboardResponse | null>(null);
  const [failed, setFailed] = React.useState(false);
  React.useEffect(() => {
    new ApiClient()
      .getDashboard()
      .then((answer) => setResponse(answer.data as DashboardResponse))
      .catch(() => setFailed(true));
  }, []);

  if (failed) return <Box variant="container" m="xl"><Text>The dashboard could not be loaded.</Text></Box>;
  if (!response) return <Loader />;
  if (response.restricted) {
    return (
      <Box variant="container" m="xl" data-testid="dashboard-agent">
        <H2>Welcome{response.name ? `, ${response.name}` : ''}</H2>
        <Text>Use the menu to see inboxes, teams and the other chat settings.</Text>
      </Box>
    );
  }
  const { data } = response;
  return (
    <Box p="xl" data-testid="dashboard">
      <H2 mb="lg">Audit overview</H2>
      <Box flex flexDirection="row" flexWrap="wrap" style={{ gap: 24 }}>
        <Card title="Latest activity" testId="dashboard-latest" wide>
          <Table>
            <TableBody>
              {data.latest.map((entry) => (
                <TableRow key={entry.id}>
                  <TableCell><Link href={entryUrl(entry.id)}>{entry.sentence}</Link></TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}><time dateTime={entry.occurredAt} title={entry.occurredAt}>{ago(entry.occurredAt)}</time></TableCell>
                  <TableCell>{entry.ip ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Box mt="default"><Link href={logUrl()}>All audit logs →</Link></Box>
        </Card>
        <Card title={`Entries per day, last 30 days (${data.timeZone})`} testId="dashboard-per-day" wide>
          <PerDayChart points={data.perDay} />
        </Card>
        <Card title={`Sign-in failures, last 24 hours: ${data.signInFailures.total}`} testId="dashboard-failures">
          {data.signInFailures.byIp.length === 0 ? (
            <Text color="grey60">None.</Text>
          ) : (
            <Table>
              <TableHead>
                <TableRow><TableCell>IP address</TableCell><TableCell>Failures</TableCell><TableCell>Emails tried</TableCell><TableCell>Last</TableCell></TableRow>
              </TableHead>
              <TableBody>
                {data.signInFailures.byIp.map((row) => (
                  <TableRow key={row.ip ?? 'unknown'}>
                    <TableCell>{row.ip ? <Link href={logUrl(`?filters.ip=${encodeURIComponent(row.ip)}`)}>{row.ip}</Link> : 'unknown'}</TableCell>
                    <TableCell>{row.count}</TableCell>
                    <TableCell>{row.emails.join(', ')}</TableCell>
                    <TableCell>{ago(row.lastAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Card>
        <Card title="Most active this week" testId="dashboard-actors">
          {data.topActors.length === 0 ? (
            <Text color="grey60">Nobody has done anything yet this week.</Text>
          ) : (
            <Table>
              <TableBody>
                {data.topActors.map((actor) => (
                  <TableRow key={actor.actorId}>
                    <TableCell>
                      <Link href={logUrl(`?filters.actorId=${encodeURIComponent(actor.actorId)}&filters.occurredAt~~from=${encodeURIComponent(data.weekStartsAt)}`)}>{actor.actorName}</Link>
                    </TableCell>
                    <TableCell>{actor.count === 1 ? '1 entry' : `${actor.count} entries`}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Card>
      </Box>
    </Box>
  );
};

export default Dashboard;
