// A webhook's subscribed events as a readable list, in the list and on the show page (AdminJS
// shows an array as "Length: 2" in the list). Each event by its label in the Webhook resource's
// translations (labels.subscribedEvents.<event>), the event's own name when it has none.
import React from 'react';
import { flat, useTranslation, type BasePropertyProps } from 'adminjs';
import { Badge, Box, Text, ValueGroup } from '@adminjs/design-system';

const WebhookEventList: React.FC<BasePropertyProps> = ({ property, record, resource, where }) => {
  const { translateLabel, translateMessage, translateProperty } = useTranslation();
  const stored: unknown = record ? flat.get(record.params, property.path) : undefined;
  const events = Array.isArray(stored) ? stored.map(String) : [];
  const list =
    events.length === 0 ? (
      <Text data-testid="webhook-events-none">{translateMessage('noSubscribedEvents', resource.id)}</Text>
    ) : (
      <Box as="ul" flex flexDirection="row" flexWrap="wrap" style={{ gap: 4, listStyle: 'none', margin: 0, padding: 0 }}>
        {events.map((event) => (
          <li key={event} data-testid="webhook-event">
            <Badge size="sm" outline>{translateLabel(`${property.path}.${event}`, resource.id, { defaultValue: event })}</Badge>
          </li>
        ))}
      </Box>
    );
  return where === 'show' ? <ValueGroup label={translateProperty(property.label, resource.id)}>{list}</ValueGroup> : list;
};

export default WebhookEventList;
