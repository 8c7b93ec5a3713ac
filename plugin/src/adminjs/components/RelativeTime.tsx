// List cell for an entry's time: relative ("5 minutes ago"), the exact UTC instant on hover.
import React from 'react';
import type { BasePropertyProps } from 'adminjs';
import { exactUtc, relativeTime } from './time-format.js';
import { useTimeWords } from './use-time-words.js';

const RelativeTime: React.FC<BasePropertyProps> = ({ record, property }) => {
  const words = useTimeWords();
  const value = record?.params?.[property.path] as string | undefined;
  if (!value) return null;
  return (
    <time dateTime={value} title={exactUtc(value)} data-testid="relative-time">
      {relativeTime(value, words)}
    </time>
  );
};

export default RelativeTime;
