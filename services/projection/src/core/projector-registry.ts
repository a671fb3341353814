import { type AnyEvent } from '@slipstream/contracts';

import { type ProjectedRow, type ProjectorRegistration } from './projector';

/** Routes each event type to the projectors that want it; events nobody projects are acked and skipped. */
export class ProjectorRegistry {
  private readonly byType = new Map<string, ProjectorRegistration[]>();

  constructor(registrations: ProjectorRegistration[]) {
    for (const registration of registrations) {
      for (const type of registration.eventTypes) {
        const list = this.byType.get(type) ?? [];
        list.push(registration);
        this.byType.set(type, list);
      }
    }
  }

  get eventTypes(): string[] {
    return [...this.byType.keys()];
  }

  project(event: AnyEvent): ProjectedRow[] {
    const registrations = this.byType.get(event.type);
    if (!registrations) return [];
    return registrations.flatMap((registration) => registration.project(event));
  }
}
