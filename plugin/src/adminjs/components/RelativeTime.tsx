// List cell for an entry's time: relative ("5 minutes ago"), the exact UTC instant on hover.
import React from 'react';
import type { BasePropertyProps } from 'adminjs';
import { exactUtc, relativeTime } from './time-format.js';

const RelativeTime: React.FC<BasePropertyProps> = ({ record, property }) => {
  const value = record?.params?.[property.path] as string | undefined;
  if (!value) return null;
  return (
    <time dateTime={value} title={exactUtc(value)} data-testid="relative-time">
      {relativeTime(value)}
    </time>
  );
};

export default RelativeTime;
