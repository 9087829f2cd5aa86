import { defineMessages } from '../define';

// Shared components (components/**).
export const components = defineMessages({
  'zh-CN': {
    timeline: { reason: '理由：{reason}' },
    chartCount: '{count} 件',
  },
  en: {
    timeline: { reason: 'Reason: {reason}' },
    chartCount: '{count}',
  },
});
