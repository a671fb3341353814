import { type Provider } from '@nestjs/common';
import { type DiscoveryService } from '@nestjs/core';

import { type ProjectorRegistration } from '../core/projector';
import { type ReadModel } from '../core/read-model';

/** Marks a provider's value as a read model registered with the events projection. */
class RegisteredReadModel {
  constructor(readonly readModel: ReadModel) {}
}

/**
 * How a feature module hands its projectors to the events projection:
 * `@Module({ providers: [registerReadModel('sessions', sessionReadModels)] })`.
 * (Its migrations are applied from `allMigrations`: ClickHouse is migrated before modules load.)
 */
export function registerReadModel(name: string, readModel: ReadModel): Provider {
  return { provide: `read-model:${name}`, useValue: new RegisteredReadModel(readModel) };
}

/** The projectors of every read model a module of the application registered. */
export function registeredProjectors(discovery: DiscoveryService): ProjectorRegistration[] {
  const readModels = new Set(
    discovery
      .getProviders()
      .map((provider) => provider.instance)
      .filter((instance) => instance instanceof RegisteredReadModel)
      .map((registered) => registered.readModel),
  );
  return [...readModels].flatMap((readModel) => readModel.projectors);
}
