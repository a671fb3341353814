import { Req, Res, type Type } from '@nestjs/common';

import { type OpenF1Endpoint } from './endpoint';
import { OpenF1Route } from './openf1-route.decorator';

export interface RawRequest {
  originalUrl: string;
}
export interface Reply {
  type(contentType: string): unknown;
  setHeader(name: string, value: string): unknown;
}

/** A controller with one handler for any endpoint's request. */
export interface OpenF1Answerer {
  answer(endpoint: OpenF1Endpoint, request: RawRequest, reply: Reply): Promise<unknown>;
}

/** `car_data` → `carData`. */
const methodName = (endpoint: OpenF1Endpoint) =>
  endpoint.name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * One GET route per endpoint of the table, each handing its request to `answer`: what a method per
 * endpoint written out by hand would be. The method is named after the endpoint because the name
 * is the OpenAPI operation id (`OpenF1Controller_carData`), which generated clients call it by.
 */
export function addOpenF1Routes(
  controller: Type<OpenF1Answerer>,
  endpoints: readonly OpenF1Endpoint[],
): void {
  const prototype = controller.prototype as Record<string, unknown>;
  for (const endpoint of endpoints) {
    const name = methodName(endpoint);
    if (name in prototype) throw new Error(`${controller.name} already has a method ${name}`);
    const route = function (this: OpenF1Answerer, request: RawRequest, reply: Reply) {
      return this.answer(endpoint, request, reply);
    };
    // @nestjs/swagger names the operation after the function, not the property holding it.
    Object.defineProperty(route, 'name', { value: name });
    Object.defineProperty(prototype, name, { value: route, writable: true, configurable: true });
    // What TypeScript emits for a declared method; @nestjs/swagger reads the parameter types.
    Reflect.defineMetadata('design:paramtypes', [Object, Object], prototype, name);
    Req()(prototype, name, 0);
    Res({ passthrough: true })(prototype, name, 1);
    OpenF1Route(endpoint)(prototype, name, Object.getOwnPropertyDescriptor(prototype, name)!);
  }
}
