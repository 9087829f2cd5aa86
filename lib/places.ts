import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';

export function districtName(code: string): string {
  return WUHAN_DISTRICTS.find((d) => d.code === code)?.name ?? code;
}
