import { districtName } from '@/lib/places';
import type { ServiceDefinition } from './catalog';

// Who may apply for a service by where they are registered: the one rule the guide, the wizard and
// submitApplication read (a service without offeredInDistricts is offered in all of Wuhan).

type Offered = Pick<ServiceDefinition, 'offeredInDistricts'>;

export function isOfferedIn(service: Offered, registeredDistrictCode: string): boolean {
  return !service.offeredInDistricts || service.offeredInDistricts.includes(registeredDistrictCode);
}

/** The districts a limited service is offered in, by name; null when it is offered everywhere. */
export function offeredDistrictNames(service: Offered): string[] | null {
  return service.offeredInDistricts ? service.offeredInDistricts.map(districtName) : null;
}
