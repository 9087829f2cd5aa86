import type { MessageTree } from '../../define';
import { common } from './common';
import { auth } from './auth';
import { identity } from './identity';
import { face } from './face';
import { terminals } from './terminals';
import { cafe } from './cafe';
import { events } from './events';
import { applications } from './applications';
import { services } from './services';
import { uploads } from './uploads';
import { delivery } from './delivery';
import { certificates } from './certificates';
import { notifications } from './notifications';
import { staff } from './staff';

// The `problems` namespace: one subtree per area of lib/, each in its own file so that areas are
// converted and reviewed apart. A key is `problems.<area>.<name>`.
const AREAS = {
  common,
  auth,
  identity,
  face,
  terminals,
  cafe,
  events,
  applications,
  services,
  uploads,
  delivery,
  certificates,
  notifications,
  staff,
} as const;

type Areas = typeof AREAS;
type Side<L extends 'zh-CN' | 'en'> = { readonly [A in keyof Areas]: Areas[A][L] };

function side<L extends 'zh-CN' | 'en'>(locale: L): Side<L> {
  return Object.fromEntries(Object.entries(AREAS).map(([name, area]) => [name, area[locale] as MessageTree])) as unknown as Side<L>;
}

export const problems = { 'zh-CN': side('zh-CN'), en: side('en') };
